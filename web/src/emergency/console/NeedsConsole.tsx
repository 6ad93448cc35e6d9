import { Alert, Button, Card, Select, Space, Statistic, Table, Tag } from 'antd';
import { PhoneOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { ConsolePage } from '../../console/ConsolePage.js';
import { EmptyState, ErrorState } from '../../components/states.js';
import { formatDateTime } from '../../lib/time.js';
import { useLoad } from '../../lib/useLoad.js';
import type { Grid, Incident, Need, NeedsSummary, Paged } from '../api.js';
import { NeedStatusTag, UrgencyTag, itemText } from '../shared.js';
import { useLiveEvents } from '../useLive.js';
import { IncidentSwitch, WithIncident } from './IncidentContext.js';
import { isOverdue } from './overdue.js';
import { PhoneNeedDrawer } from './PhoneNeedDrawer.js';

const STATES = ['open', 'claimed', 'bought', 'at_gate', 'handed_over', 'delivered', 'confirmed', 'cancelled'] as const;

/** `/console/emergency/needs`: the grid leader's view of needs — waiting, under way, overdue — and the volunteers' loads. */
export default function NeedsConsole() {
  const { t } = useTranslation();
  return (
    <ConsolePage title={t('emergency.console.needs.title')} description={t('emergency.console.needs.description')} extra={<IncidentSwitch />} testId="console-needs">
      <WithIncident>{(incident) => <NeedsBoard incident={incident} />}</WithIncident>
    </ConsolePage>
  );
}

function NeedsBoard({ incident }: { incident: Incident }) {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState<string | undefined>();
  const [urgency, setUrgency] = useState<string | undefined>();
  const [gridId, setGridId] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const grids = useLoad((signal) => api.get<{ items: Grid[] }>(`/emergency/incidents/${incident.id}/grids`, undefined, { signal }), [incident.id]);
  const list = useLoad(
    (signal) => api.get<Paged<Need>>(`/emergency/incidents/${incident.id}/needs`, { status, urgency, gridId, page, pageSize: 20 }, { signal }),
    [incident.id, status, urgency, gridId, page],
  );
  // Counted on the server over every need the caller may see (needs-summary.ts), overdue by the case deadline.
  const summary = useLoad((signal) => api.get<NeedsSummary>(`/emergency/incidents/${incident.id}/needs/summary`, { gridId }, { signal }), [incident.id, gridId]);
  const [recording, setRecording] = useState(false);
  const live = useLiveEvents(`/api/emergency/incidents/${incident.id}/stream`, ['need'], () => {
    list.reload();
    summary.reload();
  }, 2000);
  const s = summary.data;
  const hours = s?.overdueHours;

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap>
        <Select allowClear placeholder={t('emergency.console.needs.grid')} style={{ minWidth: 200 }} value={gridId} onChange={(v) => { setGridId(v); setPage(1); }}
          options={(grids.data?.items ?? []).map((g) => ({ value: g.id, label: g.name }))} data-testid="needs-grid-filter" />
        <Select allowClear placeholder={t('emergency.console.needs.status')} style={{ minWidth: 160 }} value={status} onChange={(v) => { setStatus(v); setPage(1); }}
          options={STATES.map((s) => ({ value: s, label: t(`emergency.state.${s}`) }))} data-testid="needs-status-filter" />
        <Select allowClear placeholder={t('emergency.console.needs.urgency')} style={{ minWidth: 140 }} value={urgency} onChange={(v) => { setUrgency(v); setPage(1); }}
          options={(['life_critical', 'urgent', 'normal'] as const).map((u) => ({ value: u, label: t(`emergency.urgency.${u}`) }))} />
        <Tag color={live === 'open' ? 'green' : 'default'}>{t(`emergency.console.live.${live}`)}</Tag>
        {incident.active ? (
          <Button type="primary" icon={<PhoneOutlined />} onClick={() => setRecording(true)} data-testid="record-phone-need">
            {t('emergency.console.phoneNeed.open')}
          </Button>
        ) : null}
      </Space>
      <PhoneNeedDrawer incident={incident} grids={grids.data?.items ?? []} open={recording} onClose={() => setRecording(false)} onRecorded={() => { list.reload(); summary.reload(); }} />

      {summary.error ? <ErrorState error={summary.error} onRetry={summary.reload} /> : null}
      <div className="lx-em-kpis" data-testid="needs-summary">
        <Card size="small" loading={!s}><Statistic title={t('emergency.console.needs.waiting')} value={s?.totals.waiting ?? 0} suffix={s?.totals.waitingCritical ? <Tag color="red">{t('emergency.console.needs.critical', { n: s.totals.waitingCritical })}</Tag> : null} /></Card>
        <Card size="small" loading={!s}><Statistic title={t('emergency.console.needs.inProgress')} value={s?.totals.underWay ?? 0} /></Card>
        <Card size="small" loading={!s}><Statistic title={t('emergency.console.needs.overdue')} value={s?.totals.overdue ?? 0} valueStyle={s?.totals.overdue ? { color: '#cf1322' } : undefined} /></Card>
        <Card size="small" loading={!s}><Statistic title={t('emergency.console.needs.finished')} value={s?.totals.finished ?? 0} /></Card>
      </div>
      {hours ? <div className="lx-muted">{t('emergency.console.needs.overdueRule', { c: hours.life_critical, u: hours.urgent, n: hours.normal })}</div> : null}

      <Card title={t('emergency.console.needs.byGrid')} size="small" data-testid="needs-by-grid">
        <Table
          rowKey={(g) => g.gridId ?? 'none'}
          size="small"
          pagination={false}
          loading={summary.loading && !s}
          dataSource={s?.grids ?? []}
          locale={{ emptyText: <EmptyState title={t('emergency.console.needs.noGrids')} /> }}
          columns={[
            { title: t('emergency.console.needs.grid'), render: (_, g) => g.name ?? t('emergency.console.needs.noGrid') },
            { title: t('emergency.console.needs.waiting'), render: (_, g) => <Space size={4}>{g.waiting}{g.waitingCritical ? <Tag color="red">{t('emergency.console.needs.critical', { n: g.waitingCritical })}</Tag> : null}</Space> },
            { title: t('emergency.console.needs.inProgress'), dataIndex: 'underWay' },
            { title: t('emergency.console.needs.overdue'), dataIndex: 'overdue', render: (v: number) => (v ? <Tag color="red">{v}</Tag> : 0) },
            { title: t('emergency.console.needs.finished'), dataIndex: 'finished' },
          ]}
        />
      </Card>

      <Card title={t('emergency.console.needs.list')} size="small">
        {list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : null}
        <Table<Need>
          rowKey="id"
          size="small"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: <EmptyState title={t('emergency.console.needs.empty')} hint={t('emergency.console.needs.emptyHint')} /> }}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          rowClassName={(n) => (isOverdue(n, hours) ? 'lx-em-row-overdue' : '')}
          columns={[
            { title: t('emergency.console.needs.urgency'), render: (_, n) => <UrgencyTag urgency={n.urgency} /> },
            { title: t('emergency.console.needs.status'), render: (_, n) => <Space size={2} wrap><NeedStatusTag status={n.status} />{isOverdue(n, hours) ? <Tag color="red">{t('emergency.console.needs.overdueTag')}</Tag> : null}</Space> },
            { title: t('emergency.need.items'), render: (_, n) => n.items.map(itemText).join('；') },
            { title: t('emergency.need.compound'), render: (_, n) => `${n.compound} ${n.building ?? ''}` },
            { title: t('emergency.need.grid'), render: (_, n) => n.grid?.name ?? '—' },
            { title: t('emergency.need.requester'), render: (_, n) => `${n.requesterName} ${n.phone}` },
            { title: t('emergency.need.runnerLabel'), render: (_, n) => n.runner?.name ?? '—' },
            { title: t('emergency.need.postedAt'), render: (_, n) => formatDateTime(n.createdAt, i18n.language) },
            { title: '', render: (_, n) => <Link to={`/emergency/need/${n.id}`}>{t('emergency.need.open')}</Link> },
          ]}
        />
      </Card>

      <Card title={t('emergency.console.needs.loads')} size="small" data-testid="volunteer-loads">
        {s && s.volunteers.length === 0 ? (
          <Alert type="info" showIcon message={t('emergency.console.needs.noLoads')} />
        ) : (
          <Table
            rowKey="userId"
            size="small"
            pagination={false}
            loading={summary.loading && !s}
            dataSource={s?.volunteers ?? []}
            columns={[
              { title: t('emergency.console.needs.volunteer'), dataIndex: 'name' },
              { title: t('emergency.console.needs.claimed'), dataIndex: 'claimed' },
              { title: t('emergency.console.needs.active'), dataIndex: 'underWay' },
              { title: t('emergency.console.needs.activeCritical'), dataIndex: 'lifeCritical' },
              { title: t('emergency.console.needs.overdue'), dataIndex: 'overdue', render: (v: number) => (v ? <Tag color="red">{v}</Tag> : 0) },
              { title: t('emergency.console.needs.done'), dataIndex: 'done' },
            ]}
          />
        )}
      </Card>
    </Space>
  );
}
