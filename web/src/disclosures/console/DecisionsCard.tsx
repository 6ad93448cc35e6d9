import { Button, DatePicker, Form, Input, InputNumber, List, Modal, Select, Space, Steps, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, applyFormError } from '../../api/client.js';
import { useFeedback } from '../../app/feedback.js';
import { EmptyState, ErrorState, Loading } from '../../components/states.js';
import type { Loaded } from '../../lib/useLoad.js';
import { stepLabel } from '../shared/labels.js';
import { DECISION_STEPS, type Decision, type DecisionStep } from '../shared/types.js';

interface StepValues {
  step: DecisionStep;
  heldOn: dayjs.Dayjs;
  document?: string;
  present?: number;
  eligible?: number;
  inFavour?: number;
}

/** Record one step of 四议两公开 (a new decision starts with its first step and title). */
function StepDialog({ village, decision, onClose, onSaved }: { village: string; decision: Decision | null; onClose(): void; onSaved(): void }) {
  const { t } = useTranslation();
  const feedback = useFeedback();
  const [form] = Form.useForm<StepValues & { title: string; subject: string }>();
  const [busy, setBusy] = useState(false);
  const next = decision ? DECISION_STEPS.find((s) => !decision.steps.some((x) => x.step === s)) : 'proposal';
  const step = Form.useWatch('step', form);
  const counted = step === 'party_members' || step === 'villagers';
  const submit = async (v: StepValues & { title: string; subject: string }) => {
    setBusy(true);
    const s = { step: v.step, heldOn: v.heldOn.format('YYYY-MM-DD'), document: v.document?.trim() || undefined, present: v.present ?? undefined, eligible: v.eligible ?? undefined, inFavour: v.inFavour ?? undefined };
    try {
      if (decision) await api.put(`/disclosures/decisions/${decision.id}/steps`, { steps: [s] });
      else await api.post(`/disclosures/villages/${village}/decisions`, { title: v.title.trim(), subject: v.subject?.trim() ?? '', steps: [s] });
      feedback.success(t('disclosures.console.saved'));
      onSaved();
    } catch (err) {
      if (!applyFormError(form, err, { 'steps.0.heldOn': 'heldOn', 'steps.0.present': 'present' })) feedback.error(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open onCancel={onClose} footer={null} destroyOnHidden title={decision ? t('disclosures.console.recordStep', { title: decision.title }) : t('disclosures.console.addDecision')}>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ step: next }}>
        {!decision ? (
          <>
            <Form.Item name="title" label={t('disclosures.console.decisionTitle')} rules={[{ required: true, whitespace: true }, { max: 100 }]}>
              <Input />
            </Form.Item>
            <Form.Item name="subject" label={t('disclosures.console.decisionSubject')} rules={[{ max: 2000 }]}>
              <Input.TextArea rows={2} />
            </Form.Item>
          </>
        ) : null}
        <Form.Item name="step" label={t('disclosures.console.step')} rules={[{ required: true }]}>
          <Select options={DECISION_STEPS.map((s) => ({ value: s, label: stepLabel(t, s) }))} />
        </Form.Item>
        <Form.Item name="heldOn" label={t('disclosures.console.heldOn')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="document" label={t('disclosures.console.minutes')} rules={[{ max: 200 }]}>
          <Input />
        </Form.Item>
        {counted ? (
          <Space wrap>
            <Form.Item name="eligible" label={t('disclosures.console.eligible')}>
              <InputNumber min={1} max={100000} />
            </Form.Item>
            <Form.Item name="present" label={t('disclosures.console.present')}>
              <InputNumber min={0} max={100000} />
            </Form.Item>
            <Form.Item name="inFavour" label={t('disclosures.console.inFavour')}>
              <InputNumber min={0} max={100000} />
            </Form.Item>
          </Space>
        ) : null}
        <Space>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('disclosures.console.save')}
          </Button>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Modal>
  );
}

/** Decisions of the village and how far each got through 四议两公开. */
export function DecisionsCard({ village, decisions, editable }: { village: string; decisions: Loaded<{ items: Decision[] } | null>; editable: boolean }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<Decision | 'new' | null>(null);
  if (decisions.loading && !decisions.data) return <Loading rows={2} />;
  if (decisions.error) return <ErrorState error={decisions.error} onRetry={decisions.reload} />;
  const items = decisions.data?.items ?? [];
  return (
    <div data-testid="decisions">
      <Typography.Paragraph className="lx-hint">{t('disclosures.console.decisionsHint')}</Typography.Paragraph>
      {editable ? (
        <Button icon={<PlusOutlined />} onClick={() => setEditing('new')} style={{ marginBottom: 8 }}>
          {t('disclosures.console.addDecision')}
        </Button>
      ) : null}
      {items.length === 0 ? (
        <EmptyState title={t('disclosures.console.noDecisions')} />
      ) : (
        <List
          dataSource={items}
          renderItem={(d) => (
            <List.Item
              data-testid="decision-item"
              data-complete={d.complete}
              actions={editable && d.missing.length + (d.steps.some((s) => s.step === 'result_published') ? 0 : 1) > 0 ? [<Button key="s" size="small" onClick={() => setEditing(d)}>{t('disclosures.console.recordStepShort')}</Button>] : []}
            >
              <div style={{ width: '100%' }}>
                <strong>{d.title}</strong> {d.complete ? t('disclosures.decisionComplete') : t('disclosures.decisionIncomplete')}
                {d.subject ? <div className="lx-muted">{d.subject}</div> : null}
                <Steps
                  size="small"
                  className="lx-dc-steps"
                  items={DECISION_STEPS.map((s) => {
                    const done = d.steps.find((x) => x.step === s);
                    return {
                      title: stepLabel(t, s),
                      status: done ? 'finish' : d.missing.includes(s) ? 'error' : 'wait',
                      description: done ? `${done.heldOn}${done.present !== null && done.eligible !== null ? ` · ${done.present}/${done.eligible}` : ''}` : undefined,
                    };
                  })}
                />
              </div>
            </List.Item>
          )}
        />
      )}
      {editing ? (
        <StepDialog
          village={village}
          decision={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            decisions.reload();
          }}
        />
      ) : null}
    </div>
  );
}
