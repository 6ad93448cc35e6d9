import { Alert, Button, Card, Input, Modal, Space, Table, Tag } from 'antd';
import { CarOutlined, ReloadOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { useFeedback } from '../../app/feedback.js';
import { ConsolePage } from '../../console/ConsolePage.js';
import { EmptyState, ErrorState } from '../../components/states.js';
import { formatDateTime, formatTime } from '../../lib/time.js';
import { useLoad } from '../../lib/useLoad.js';
import type { Incident, TransferBoard, Trip } from '../api.js';
import { IncidentSwitch, WithIncident } from './IncidentContext.js';
import { AddPersonModal, AddPointModal, AddVehicleModal } from './TransferForms.js';

type Waiting = TransferBoard['waiting'][number];
const REFRESH_MS = 30_000;
const CATEGORY_TONE = { positive: 'red', close_contact: 'orange', secondary_contact: 'gold' } as const;

/** `/console/emergency/transfers`: the night board — who is still waiting, trips under way with people on board, vehicles, beds. */
export default function TransfersConsole() {
  const { t } = useTranslation();
  return (
    <ConsolePage title={t('emergency.console.transfers.title')} description={t('emergency.console.transfers.description')} extra={<IncidentSwitch />} testId="console-transfers">
      <WithIncident>{(incident) => <Night incident={incident} />}</WithIncident>
    </ConsolePage>
  );
}

function Night({ incident }: { incident: Incident }) {
  const { t, i18n } = useTranslation();
  const feedback = useFeedback();
  const [adding, setAdding] = useState<'person' | 'vehicle' | 'point' | null>(null);
  const [planning, setPlanning] = useState(false);
  const [cancelling, setCancelling] = useState<{ id: string; name: string } | null>(null);
  const [reason, setReason] = useState('');
  const board = useLoad((signal) => api.get<TransferBoard>(`/emergency/incidents/${incident.id}/transfers/board`, undefined, { signal }), [incident.id]);
  // The board is watched through the night: refresh it while the page is visible.
  useEffect(() => {
    const timer = window.setInterval(() => document.visibilityState === 'visible' && board.reload(), REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [board.reload]);

  const plan = async () => {
    setPlanning(true);
    try {
      const result = await api.post<{ trips: Trip[]; waiting: { personId: string; reason: string }[] }>(`/emergency/incidents/${incident.id}/trips/plan`, {});
      feedback.success(t('emergency.console.transfers.planned', { trips: result.trips.length, left: result.waiting.length }));
      board.reload();
    } catch (err) {
      feedback.error(err);
    } finally {
      setPlanning(false);
    }
  };
  const setTrip = async (trip: Trip, status: string) => {
    try {
      await api.post(`/emergency/trips/${trip.id}/status`, { status });
      board.reload();
    } catch (err) {
      feedback.error(err);
    }
  };
  const b = board.data;
  const manage = incident.active && incident.abilities.manage;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap>
        {incident.active ? <Button onClick={() => setAdding('person')} data-testid="transfer-add-person">{t('emergency.console.transfers.addPerson')}</Button> : null}
        {manage ? (
          <>
            <Button type="primary" icon={<CarOutlined />} loading={planning} onClick={() => void plan()} data-testid="transfer-plan">
              {t('emergency.console.transfers.plan')}
            </Button>
            <Button onClick={() => setAdding('vehicle')}>{t('emergency.console.transfers.addVehicle')}</Button>
            <Button onClick={() => setAdding('point')}>{t('emergency.console.transfers.addPoint')}</Button>
          </>
        ) : null}
        <Button icon={<ReloadOutlined />} onClick={board.reload}>{t('emergency.console.refresh')}</Button>
        {b ? <span className="lx-muted">{t('emergency.console.asOf', { time: formatDateTime(b.at, i18n.language) })}</span> : null}
      </Space>
      {board.error ? <ErrorState error={board.error} onRetry={board.reload} /> : null}
      {b ? (
        <>
          <div className="lx-em-kpis" data-testid="transfer-totals">
            {(['waiting', 'assigned', 'onBoard', 'arrived'] as const).map((k) => (
              <Card size="small" key={k}>
                <div className="lx-muted">{t(`emergency.console.transfers.totals.${k}`)}</div>
                <div className="lx-em-route-total">{b.totals[k]}</div>
              </Card>
            ))}
          </div>
          <Card size="small" title={t('emergency.console.transfers.waitingTitle')} data-testid="transfer-waiting">
            <Table<Waiting>
              rowKey={(w) => `${w.pickup}|${w.category}`}
              size="small"
              pagination={false}
              dataSource={b.waiting}
              locale={{ emptyText: <EmptyState title={t('emergency.console.transfers.noneWaiting')} /> }}
              columns={[
                { title: t('emergency.console.transfers.pickup'), dataIndex: 'pickup' },
                { title: t('emergency.console.transfers.category'), render: (_, w) => <Tag color={CATEGORY_TONE[w.category]}>{t(`emergency.console.transfers.categories.${w.category}`)}</Tag> },
                { title: t('emergency.console.transfers.count'), dataIndex: 'count' },
                { title: t('emergency.console.transfers.since'), render: (_, w) => formatTime(w.since, i18n.language) },
                {
                  title: t('emergency.console.transfers.people'),
                  render: (_, w) => (
                    <Space wrap size={4}>
                      {w.people.map((p) => (
                        <Tag key={p.id} closable={incident.active} onClose={(e) => { e.preventDefault(); setCancelling(p); }}>
                          {p.name} {p.phone ?? ''}
                        </Tag>
                      ))}
                    </Space>
                  ),
                },
              ]}
            />
          </Card>
          <Card size="small" title={t('emergency.console.transfers.trips')}>
            <Table<Trip>
              rowKey="id"
              size="small"
              pagination={{ pageSize: 20, showSizeChanger: false }}
              dataSource={b.trips}
              locale={{ emptyText: <EmptyState title={t('emergency.console.transfers.noTrips')} /> }}
              columns={[
                { title: t('emergency.console.transfers.vehicle'), render: (_, x) => `${x.vehicle.plate} · ${x.vehicle.driverName} ${x.vehicle.driverPhone}` },
                { title: t('emergency.console.transfers.category'), render: (_, x) => <Tag color={CATEGORY_TONE[x.category]}>{t(`emergency.console.transfers.categories.${x.category}`)}</Tag> },
                { title: t('emergency.console.transfers.route'), render: (_, x) => `${x.pickups.join(' → ')} → ${x.destination.name}` },
                { title: t('emergency.console.transfers.onBoard'), render: (_, x) => x.people.map((p) => p.name).join('、') },
                { title: t('emergency.console.transfers.status'), render: (_, x) => <Tag>{t(`emergency.console.transfers.tripStatuses.${x.status}`)}</Tag> },
                {
                  title: t('emergency.console.transfers.times'),
                  render: (_, x) =>
                    [x.dispatchedAt && `${t('emergency.console.transfers.tripStatuses.dispatched')} ${formatTime(x.dispatchedAt, i18n.language)}`, x.pickedUpAt && `${t('emergency.console.transfers.tripStatuses.picked_up')} ${formatTime(x.pickedUpAt, i18n.language)}`, x.arrivedAt && `${t('emergency.console.transfers.tripStatuses.arrived')} ${formatTime(x.arrivedAt, i18n.language)}`]
                      .filter(Boolean)
                      .join(' · ') || '—',
                },
                {
                  title: '',
                  render: (_, x) => (
                    <Space>
                      {x.abilities.next.map((s) => (
                        <Button key={s} size="small" danger={s === 'cancelled'} type={s === 'cancelled' ? 'default' : 'primary'} onClick={() => void setTrip(x, s)} data-testid={`trip-${s}`}>
                          {t(`emergency.console.transfers.tripActions.${s}`)}
                        </Button>
                      ))}
                    </Space>
                  ),
                },
              ]}
            />
          </Card>
          <Space align="start" wrap style={{ width: '100%' }}>
            <Card size="small" title={t('emergency.console.transfers.vehicles')} style={{ minWidth: 360 }}>
              <Table
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={b.vehicles}
                columns={[
                  { title: t('emergency.console.transfers.plate'), dataIndex: 'plate' },
                  { title: t('emergency.console.transfers.seats'), dataIndex: 'capacity' },
                  { title: t('emergency.console.transfers.driver'), render: (_, v) => `${v.driverName} ${v.driverPhone}` },
                  { title: '', render: (_, v) => (v.busyTripId ? <Tag color="blue">{t('emergency.console.transfers.busy')}</Tag> : <Tag color="green">{t('emergency.console.transfers.free')}</Tag>) },
                ]}
              />
            </Card>
            <Card size="small" title={t('emergency.console.transfers.points')} style={{ minWidth: 360 }}>
              <Table
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={b.points}
                columns={[
                  { title: t('emergency.console.transfers.point'), dataIndex: 'name' },
                  { title: t('emergency.console.transfers.beds'), render: (_, p) => `${p.taken} / ${p.capacity}` },
                  { title: t('emergency.console.transfers.remaining'), dataIndex: 'remaining' },
                ]}
              />
            </Card>
          </Space>
        </>
      ) : null}
      <AddPersonModal incident={incident} open={adding === 'person'} onClose={() => setAdding(null)} onDone={() => { setAdding(null); board.reload(); }} />
      <AddVehicleModal incident={incident} open={adding === 'vehicle'} onClose={() => setAdding(null)} onDone={() => { setAdding(null); board.reload(); }} />
      <AddPointModal incident={incident} open={adding === 'point'} onClose={() => setAdding(null)} onDone={() => { setAdding(null); board.reload(); }} />
      <Modal
        open={!!cancelling}
        onCancel={() => setCancelling(null)}
        title={t('emergency.console.transfers.cancelPerson', { name: cancelling?.name ?? '' })}
        okButtonProps={{ disabled: !reason.trim() }}
        onOk={async () => {
          if (!cancelling) return;
          try {
            await api.post(`/emergency/transfer-people/${cancelling.id}/cancel`, { reason: reason.trim() });
            setCancelling(null);
            setReason('');
            board.reload();
          } catch (err) {
            feedback.error(err);
          }
        }}
      >
        <Alert type="info" showIcon message={t('emergency.console.transfers.cancelHint')} className="lx-em-gap" />
        <Input maxLength={200} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Modal>
    </Space>
  );
}
