import { Card, Space, Switch, Table, Tag } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { useFeedback } from '../../app/feedback.js';
import { ConsolePage } from '../../console/ConsolePage.js';
import { EChart, type ChartOption } from '../../components/EChart.js';
import { EmptyState, ErrorState } from '../../components/states.js';
import { useLoad } from '../../lib/useLoad.js';
import type { Incident, Station, StationDashboard, StationWithRooms } from '../api.js';
import { IncidentSwitch, WithIncident } from './IncidentContext.js';

/** Yuan from fen: 168.00 */
export const yuan = (fen: number) => (fen / 100).toFixed(2);

/** `/console/emergency/stations`: the health stations (健康驿站), occupancy per station and district, alerts. */
export default function StationsConsole() {
  const { t } = useTranslation();
  return (
    <ConsolePage title={t('emergency.console.stations.title')} description={t('emergency.console.stations.description')} extra={<IncidentSwitch />} testId="console-stations">
      <WithIncident>{(incident) => <Stations incident={incident} />}</WithIncident>
    </ConsolePage>
  );
}

function Stations({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const feedback = useFeedback();
  const stations = useLoad((signal) => api.get<{ items: Station[] }>(`/emergency/incidents/${incident.id}/stations`, undefined, { signal }), [incident.id]);
  const dashboard = useLoad(
    (signal) => api.get<StationDashboard>(`/emergency/incidents/${incident.id}/stations/dashboard`, undefined, { signal }).catch(() => null),
    [incident.id],
  );
  const d = dashboard.data;

  const byStation = useMemo<ChartOption | null>(() => {
    if (!d) return null;
    const rows = d.stations;
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 16, bottom: 8, top: 36, containLabel: true },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: rows.map((s) => s.name), axisLabel: { width: 180, overflow: 'truncate' } },
      series: [
        { name: t('emergency.console.stations.occupied'), type: 'bar', stack: 'beds', data: rows.map((s) => s.occupancy.occupied), itemStyle: { color: '#cf1322' } },
        { name: t('emergency.console.stations.free'), type: 'bar', stack: 'beds', data: rows.map((s) => s.occupancy.free), itemStyle: { color: '#52c41a' } },
        { name: t('emergency.console.stations.waiting'), type: 'bar', data: rows.map((s) => s.occupancy.waiting), itemStyle: { color: '#faad14' } },
      ],
    };
  }, [d, t]);
  const byDistrict = useMemo<ChartOption | null>(() => {
    if (!d) return null;
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 16, bottom: 8, top: 36, containLabel: true },
      xAxis: { type: 'category', data: d.districts.map((x) => x.districtName) },
      yAxis: { type: 'value' },
      series: [
        { name: t('emergency.console.stations.occupied'), type: 'bar', stack: 'beds', data: d.districts.map((x) => x.occupancy.occupied), itemStyle: { color: '#cf1322' } },
        { name: t('emergency.console.stations.free'), type: 'bar', stack: 'beds', data: d.districts.map((x) => x.occupancy.free), itemStyle: { color: '#52c41a' } },
      ],
    };
  }, [d, t]);

  const setOpen = async (s: Station, open: boolean) => {
    try {
      const next = await api.patch<StationWithRooms>(`/emergency/stations/${s.id}`, { open });
      stations.setData((p) => p && { items: p.items.map((x) => (x.id === s.id ? { ...x, open: next.open } : x)) });
      dashboard.reload();
    } catch (err) {
      feedback.error(err);
    }
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      {d ? (
        <>
          <div className="lx-em-kpis" data-testid="stations-totals">
            {(['beds', 'occupied', 'free', 'waiting'] as const).map((k) => (
              <Card size="small" key={k}>
                <div className="lx-muted">{t(`emergency.console.stations.${k}`)}</div>
                <div className="lx-em-route-total">{d.totals[k]}</div>
              </Card>
            ))}
            <Card size="small">
              <div className="lx-muted">{t('emergency.console.stations.openAlerts')}</div>
              <div className="lx-em-route-total">{d.stations.reduce((n, s) => n + s.openAlerts, 0)}</div>
            </Card>
            <Card size="small">
              <div className="lx-muted">{t('emergency.console.stations.checksOverdue')}</div>
              <div className="lx-em-route-total">{d.stations.reduce((n, s) => n + s.checksOverdue, 0)}</div>
            </Card>
          </div>
          <Card size="small" title={t('emergency.console.stations.byStation')}>
            {byStation ? <EChart className="lx-em-chart" option={byStation} height={Math.max(220, d.stations.length * 44 + 60)} label={t('emergency.console.stations.byStation')} testId="chart-stations" /> : null}
          </Card>
          <Card size="small" title={t('emergency.console.stations.byDistrict')}>
            {byDistrict ? <EChart className="lx-em-chart" option={byDistrict} height={260} label={t('emergency.console.stations.byDistrict')} testId="chart-districts" /> : null}
          </Card>
        </>
      ) : null}
      {stations.error ? <ErrorState error={stations.error} onRetry={stations.reload} /> : null}
      <Table<Station>
        rowKey="id"
        size="small"
        loading={stations.loading}
        dataSource={stations.data?.items ?? []}
        pagination={false}
        scroll={{ x: 1000 }}
        locale={{ emptyText: <EmptyState title={t('emergency.console.stations.empty')} /> }}
        columns={[
          { title: t('emergency.console.stations.name'), render: (_, s) => <Link to={`/console/emergency/stations/${s.id}`} data-testid="station-link">{s.name}</Link> },
          { title: t('emergency.console.stations.district'), dataIndex: 'districtName' },
          { title: t('emergency.console.stations.phone'), dataIndex: 'phone' },
          { title: t('emergency.console.stations.price'), render: (_, s) => t('emergency.console.stations.perDay', { yuan: yuan(s.pricePerDayFen) }) },
          { title: t('emergency.console.stations.beds'), render: (_, s) => `${s.occupancy.occupied} / ${s.occupancy.beds}` },
          { title: t('emergency.console.stations.waiting'), render: (_, s) => s.occupancy.waiting },
          { title: t('emergency.console.stations.services'), render: (_, s) => s.services.map((x) => <Tag key={x}>{x}</Tag>) },
          { title: t('emergency.console.stations.hospital'), dataIndex: 'hospitalName' },
          {
            title: t('emergency.console.stations.open'),
            render: (_, s) => (s.abilities.manage ? <Switch checked={s.open} onChange={(v) => void setOpen(s, v)} aria-label={t('emergency.console.stations.open')} /> : s.open ? <Tag color="green">{t('emergency.console.stations.isOpen')}</Tag> : <Tag>{t('emergency.console.stations.isClosed')}</Tag>),
          },
          { title: t('emergency.console.stations.alerts'), render: (_, s) => { const row = d?.stations.find((x) => x.id === s.id); return row?.openAlerts ? <Tag color="red">{row.openAlerts}</Tag> : 0; } },
        ]}
      />
    </Space>
  );
}
