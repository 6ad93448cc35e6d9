import { Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { CheckCircleOutlined, ExclamationCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, applyFormError } from '../../api/client.js';
import { useFeedback } from '../../app/feedback.js';
import { ConsolePage } from '../../console/ConsolePage.js';
import { EmptyState, ErrorState } from '../../components/states.js';
import { useLoad } from '../../lib/useLoad.js';
import { parseYuanToFen, yuan } from '../shared/money.js';
import { fundKindLabel, stepLabel } from '../shared/labels.js';
import { FUND_KINDS, type Decision, type Fund } from '../shared/types.js';
import { RegionScope, useRegionParam } from './scope.js';
import { useIsCadreOf } from './PublicationsPage.js';
import { DecisionsCard } from './DecisionsCard.js';

interface FundValues {
  code: string;
  name: string;
  kind: string;
  purpose: string;
  approved: string;
  approvalDocument: string;
  decisionId?: string;
  status?: 'open' | 'completed';
  gapExplanation?: string;
  balanceDisposition?: string;
}

/** Register a fund, or update one (amount, status, why the gap, where the balance went). */
function FundDialog({ village, fund, decisions, open, onClose, onSaved }: { village: string; fund: Fund | null; decisions: Decision[]; open: boolean; onClose(): void; onSaved(): void }) {
  const { t } = useTranslation();
  const feedback = useFeedback();
  const [form] = Form.useForm<FundValues>();
  const [busy, setBusy] = useState(false);
  const submit = async (v: FundValues) => {
    const approvedFen = v.approved?.trim() ? parseYuanToFen(v.approved) : 0;
    if (approvedFen === null) {
      form.setFields([{ name: 'approved', errors: [t('disclosures.console.amountInvalid')] }]);
      return;
    }
    setBusy(true);
    try {
      const common = { name: v.name.trim(), purpose: v.purpose?.trim() ?? '', approvedFen, approvalDocument: v.approvalDocument?.trim() || null, decisionId: v.decisionId || null };
      if (fund)
        await api.patch(`/disclosures/funds/${fund.id}`, {
          ...common,
          status: v.status,
          gapExplanation: v.gapExplanation?.trim() || null,
          balanceDisposition: v.balanceDisposition?.trim() || null,
        });
      else await api.post(`/disclosures/villages/${village}/funds`, { ...common, code: v.code.trim(), kind: v.kind });
      feedback.success(t('disclosures.console.saved'));
      onSaved();
    } catch (err) {
      if (!applyFormError(form, err, { approvedFen: 'approved' })) feedback.error(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} onCancel={onClose} footer={null} destroyOnHidden title={fund ? t('disclosures.console.editFund') : t('disclosures.console.addFund')} width={560}>
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={
          fund
            ? { ...fund, approved: fund.approvedFen ? (fund.approvedFen / 100).toFixed(2) : '', approvalDocument: fund.approvalDocument ?? '', decisionId: fund.decision?.id, gapExplanation: fund.gapExplanation ?? '', balanceDisposition: fund.balanceDisposition ?? '' }
            : { kind: 'special', approved: '' }
        }
      >
        <Space wrap>
          <Form.Item name="code" label={t('disclosures.console.fundCode')} rules={[{ required: true, whitespace: true }, { max: 40 }]}>
            <Input disabled={!!fund} />
          </Form.Item>
          <Form.Item name="kind" label={t('disclosures.console.fundKind')} rules={[{ required: true }]}>
            <Select disabled={!!fund} style={{ width: 140 }} options={FUND_KINDS.map((k) => ({ value: k, label: fundKindLabel(t, k) }))} />
          </Form.Item>
        </Space>
        <Form.Item name="name" label={t('disclosures.console.fundName')} rules={[{ required: true, whitespace: true }, { max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="purpose" label={t('disclosures.console.purpose')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="approved" label={t('disclosures.console.approvedYuan')} extra={t('disclosures.console.amountHint')}>
            <Input prefix="¥" inputMode="decimal" />
          </Form.Item>
          <Form.Item name="approvalDocument" label={t('disclosures.console.approvalDocument')} rules={[{ max: 200 }]}>
            <Input />
          </Form.Item>
        </Space>
        <Form.Item name="decisionId" label={t('disclosures.console.decisionLabel')} extra={t('disclosures.console.decisionHint')}>
          <Select allowClear options={decisions.map((d) => ({ value: d.id, label: d.title }))} />
        </Form.Item>
        {fund ? (
          <>
            <Form.Item name="status" label={t('disclosures.console.fundStatus')}>
              <Select options={[{ value: 'open', label: t('disclosures.console.fundOpen') }, { value: 'completed', label: t('disclosures.console.fundCompleted') }]} />
            </Form.Item>
            <Form.Item name="gapExplanation" label={t('disclosures.console.gapExplanation')} rules={[{ max: 1000 }]}>
              <Input.TextArea rows={2} />
            </Form.Item>
            <Form.Item name="balanceDisposition" label={t('disclosures.console.balanceDisposition')} rules={[{ max: 1000 }]}>
              <Input.TextArea rows={2} />
            </Form.Item>
          </>
        ) : null}
        <Space>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="fund-submit">
            {t('disclosures.console.save')}
          </Button>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Modal>
  );
}

/** `/console/disclosures/funds`: funds and projects with approved amounts, and the decisions (四议两公开) behind them. */
export default function FundsPage() {
  const { t } = useTranslation();
  const [village, setVillage] = useRegionParam(true);
  const isCadre = useIsCadreOf(village);
  const [editing, setEditing] = useState<Fund | 'new' | null>(null);
  const funds = useLoad((signal) => (village ? api.get<{ items: Fund[] }>(`/disclosures/villages/${village}/funds`, undefined, { signal }) : Promise.resolve(null)), [village]);
  const decisions = useLoad((signal) => (village ? api.get<{ items: Decision[] }>(`/disclosures/villages/${village}/decisions`, undefined, { signal }) : Promise.resolve(null)), [village]);

  return (
    <ConsolePage
      title={t('disclosures.console.menu.funds')}
      description={t('disclosures.console.fundsHint')}
      testId="page-disclosure-funds"
      extra={isCadre ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>{t('disclosures.console.addFund')}</Button> : null}
    >
      <RegionScope code={village} onChange={setVillage} needVillage />
      {!village ? (
        <EmptyState title={t('disclosures.console.pickVillageFirst')} />
      ) : (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          {funds.error ? <ErrorState error={funds.error} onRetry={funds.reload} /> : null}
          <Table
            rowKey="id"
            size="middle"
            loading={funds.loading}
            dataSource={funds.data?.items ?? []}
            pagination={false}
            data-testid="fund-table"
            scroll={{ x: 800 }}
            locale={{ emptyText: <EmptyState title={t('disclosures.noFunds')} hint={isCadre ? t('disclosures.console.noFundsHint') : undefined} /> }}
            columns={[
              { title: t('disclosures.console.fundCode'), dataIndex: 'code', width: 80 },
              { title: t('disclosures.console.fundName'), render: (_, f) => <><strong>{f.name}</strong> <Tag>{fundKindLabel(t, f.kind)}</Tag><div className="lx-muted">{f.purpose}</div></> },
              { title: t('disclosures.approved'), render: (_, f) => (f.approvedFen ? yuan(f.approvedFen) : '—'), align: 'right' },
              { title: t('disclosures.console.approvalDocument'), render: (_, f) => f.approvalDocument ?? '—' },
              {
                title: t('disclosures.console.decisionLabel'),
                render: (_, f) =>
                  f.decision ? (
                    <span>
                      {f.decision.complete ? <CheckCircleOutlined aria-hidden /> : <ExclamationCircleOutlined aria-hidden />} {f.decision.title}
                      <div className="lx-muted">{f.decision.stepsRecorded.map((s) => stepLabel(t, s)).join(' → ') || t('disclosures.console.noSteps')}</div>
                    </span>
                  ) : (
                    <span className="lx-muted">{t('disclosures.noDecision')}</span>
                  ),
              },
              { title: t('disclosures.console.fundStatus'), render: (_, f) => (f.status === 'completed' ? t('disclosures.console.fundCompleted') : t('disclosures.console.fundOpen')) },
              {
                title: t('disclosures.console.notes'),
                render: (_, f) => (
                  <Typography.Text className="lx-muted">
                    {[f.gapExplanation && t('disclosures.gapExplanation', { text: f.gapExplanation }), f.balanceDisposition && t('disclosures.dispositionRecorded', { text: f.balanceDisposition })].filter(Boolean).join(' ') || '—'}
                  </Typography.Text>
                ),
              },
              ...(isCadre ? [{ title: t('common.actions'), render: (_: unknown, f: Fund) => <Button size="small" onClick={() => setEditing(f)}>{t('disclosures.console.edit')}</Button> }] : []),
            ]}
          />
          <Card size="small" title={t('disclosures.console.decisions')}>
            <DecisionsCard village={village} decisions={decisions} editable={isCadre} />
          </Card>
        </Space>
      )}
      {village && editing ? (
        <FundDialog
          village={village}
          fund={editing === 'new' ? null : editing}
          decisions={decisions.data?.items ?? []}
          open
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            funds.reload();
          }}
        />
      ) : null}
    </ConsolePage>
  );
}
