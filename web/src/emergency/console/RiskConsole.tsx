import { Alert, Button, Card, Checkbox, DatePicker, Form, Input, Modal, Radio, Space, Table, Tag } from 'antd';
import { PlusOutlined, SwapOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, applyFormError, errorText } from '../../api/client.js';
import { useFeedback } from '../../app/feedback.js';
import { ConsolePage } from '../../console/ConsolePage.js';
import { RegionPicker, type PickedRegion } from '../../components/RegionPicker.js';
import { EmptyState, ErrorState } from '../../components/states.js';
import { formatDateTime } from '../../lib/time.js';
import { useLoad } from '../../lib/useLoad.js';
import type { Incident, RiskAreaHistory, RiskAreas } from '../api.js';
import { IncidentSwitch, WithIncident } from './IncidentContext.js';

type Area = RiskAreas['items'][number];
const LEVELS = ['high', 'medium', 'low'] as const;
const TONE = { high: 'red', medium: 'orange', low: 'green' } as const;

/** `/console/emergency/risk`: designate, raise, lower or lift risk areas with effective times; the public history. */
export default function RiskConsole() {
  const { t } = useTranslation();
  return (
    <ConsolePage title={t('emergency.console.risk.title')} description={t('emergency.console.risk.description')} extra={<IncidentSwitch />} testId="console-risk">
      <WithIncident>{(incident) => <Risk incident={incident} />}</WithIncident>
    </ConsolePage>
  );
}

function Risk({ incident }: { incident: Incident }) {
  const { t, i18n } = useTranslation();
  const [selected, setSelected] = useState<string[]>([]);
  const [designating, setDesignating] = useState(false);
  const [changing, setChanging] = useState(false);
  const areas = useLoad((signal) => api.get<RiskAreas>(`/emergency/incidents/${incident.id}/risk-areas`, { includeLifted: true }, { signal }), [incident.id]);
  const history = useLoad((signal) => api.get<RiskAreaHistory>(`/emergency/incidents/${incident.id}/risk-areas/history`, undefined, { signal }), [incident.id, i18n.language]);
  const manage = (areas.data?.abilities.manage ?? false) && incident.active;
  const reload = () => {
    areas.reload();
    history.reload();
    setSelected([]);
  };
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      {manage ? (
        <Space wrap>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDesignating(true)} data-testid="risk-new">
            {t('emergency.console.risk.designate')}
          </Button>
          <Button icon={<SwapOutlined />} disabled={selected.length === 0} onClick={() => setChanging(true)} data-testid="risk-change">
            {t('emergency.console.risk.change', { n: selected.length })}
          </Button>
        </Space>
      ) : null}
      {areas.error ? <ErrorState error={areas.error} onRetry={areas.reload} /> : null}
      <Table<Area>
        rowKey="id"
        size="small"
        loading={areas.loading}
        dataSource={areas.data?.items ?? []}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        rowSelection={manage ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) } : undefined}
        locale={{ emptyText: <EmptyState title={t('emergency.risk.none')} /> }}
        columns={[
          { title: t('emergency.console.risk.name'), render: (_, a) => <span>{a.name} {a.sealed ? <Tag>{t('emergency.risk.sealed')}</Tag> : null}</span> },
          { title: t('emergency.console.grids.region'), dataIndex: 'regionName' },
          { title: t('emergency.console.risk.level'), render: (_, a) => (a.level ? <Tag color={TONE[a.level]}>{t(`emergency.risk.level.${a.level}`)}</Tag> : <Tag>{t('emergency.risk.lifted')}</Tag>) },
          { title: t('emergency.console.risk.since'), render: (_, a) => (a.since ? formatDateTime(a.since, i18n.language) : '—') },
          {
            title: t('emergency.console.risk.next'),
            render: (_, a) => (a.next ? `${formatDateTime(a.next.effectiveAt, i18n.language)} → ${a.next.level ? t(`emergency.risk.level.${a.next.level}`) : t('emergency.risk.lifted')}` : '—'),
          },
        ]}
      />
      <Card size="small" title={t('emergency.risk.history')}>
        {history.error ? <ErrorState error={history.error} onRetry={history.reload} /> : null}
        <ul className="lx-em-history" data-testid="console-risk-history">
          {(history.data?.items ?? []).map((h) => (
            <li key={h.batchId}>
              {h.summary}
              <span className="lx-muted">：{h.areas.map((a) => a.name).join('、')}{h.note ? `（${h.note}）` : ''}</span>
            </li>
          ))}
        </ul>
      </Card>
      <Designate incident={incident} open={designating} onClose={() => setDesignating(false)} onDone={() => { setDesignating(false); reload(); }} />
      <Change incident={incident} areaIds={selected} open={changing} onClose={() => setChanging(false)} onDone={() => { setChanging(false); reload(); }} />
    </Space>
  );
}

function Designate({ incident, open, onClose, onDone }: { incident: Incident; open: boolean; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ region: PickedRegion; name: string; sealed: boolean; level: string; effectiveAt?: Dayjs; note?: string }>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <Modal open={open} onCancel={onClose} title={t('emergency.console.risk.designate')} footer={null} width={640} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ level: 'high', sealed: false }}
        onFinish={async (v) => {
          setBusy(true);
          setProblem(null);
          try {
            await api.post(`/emergency/incidents/${incident.id}/risk-areas`, {
              regionCode: v.region.code,
              name: v.name.trim(),
              sealed: v.sealed,
              level: v.level,
              note: v.note?.trim() || null,
              ...(v.effectiveAt ? { effectiveAt: v.effectiveAt.toISOString() } : {}),
            });
            form.resetFields();
            onDone();
          } catch (err) {
            if (!applyFormError(form, err, { regionCode: 'region' })) setProblem(errorText(err));
          } finally {
            setBusy(false);
          }
        }}
      >
        <Form.Item name="region" label={t('emergency.console.grids.region')} rules={[{ required: true, message: t('emergency.console.incidents.regionRequired') }]}>
          <RegionPicker root={incident.regionCode} />
        </Form.Item>
        <Form.Item name="name" label={t('emergency.console.risk.name')} extra={t('emergency.console.risk.nameHint')} rules={[{ required: true, whitespace: true, message: t('emergency.console.risk.nameRequired') }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="sealed" valuePropName="checked">
          <Checkbox>{t('emergency.risk.sealed')}</Checkbox>
        </Form.Item>
        <Form.Item name="level" label={t('emergency.console.risk.level')} rules={[{ required: true }]}>
          <Radio.Group options={LEVELS.map((l) => ({ value: l, label: t(`emergency.risk.level.${l}`) }))} />
        </Form.Item>
        <Form.Item name="effectiveAt" label={t('emergency.console.risk.effectiveAt')} extra={t('emergency.console.risk.effectiveNow')}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="note" label={t('emergency.console.risk.note')}>
          <Input maxLength={200} />
        </Form.Item>
        {problem ? <Alert type="error" showIcon message={problem} className="lx-em-gap" /> : null}
        <Button type="primary" htmlType="submit" block loading={busy}>
          {t('emergency.console.risk.designate')}
        </Button>
      </Form>
    </Modal>
  );
}

function Change({ incident, areaIds, open, onClose, onDone }: { incident: Incident; areaIds: string[]; open: boolean; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  const feedback = useFeedback();
  const [form] = Form.useForm<{ level: string; effectiveAt: Dayjs; note?: string }>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <Modal open={open} onCancel={onClose} title={t('emergency.console.risk.change', { n: areaIds.length })} footer={null} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ level: 'low', effectiveAt: dayjs().add(1, 'day').startOf('day') }}
        onFinish={async (v) => {
          setBusy(true);
          setProblem(null);
          try {
            await api.post(`/emergency/incidents/${incident.id}/risk-areas/changes`, {
              areaIds,
              level: v.level === 'lift' ? null : v.level,
              effectiveAt: v.effectiveAt.toISOString(),
              note: v.note?.trim() || null,
            });
            feedback.success(t('emergency.console.risk.changed'));
            onDone();
          } catch (err) {
            if (!applyFormError(form, err)) setProblem(errorText(err));
          } finally {
            setBusy(false);
          }
        }}
      >
        <Form.Item name="level" label={t('emergency.console.risk.newLevel')} rules={[{ required: true }]}>
          <Radio.Group options={[...LEVELS.map((l) => ({ value: l, label: t(`emergency.risk.level.${l}`) })), { value: 'lift', label: t('emergency.risk.lifted') }]} />
        </Form.Item>
        <Form.Item name="effectiveAt" label={t('emergency.console.risk.effectiveAt')} rules={[{ required: true, message: t('emergency.console.risk.effectiveRequired') }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="note" label={t('emergency.console.risk.note')}>
          <Input maxLength={200} placeholder={t('emergency.console.risk.notePlaceholder')} />
        </Form.Item>
        {problem ? <Alert type="error" showIcon message={problem} className="lx-em-gap" /> : null}
        <Button type="primary" htmlType="submit" block loading={busy}>
          {t('emergency.console.risk.announce')}
        </Button>
      </Form>
    </Modal>
  );
}
