import { Alert, Button, Descriptions, Input, Modal, Select, Space, Table, Tabs, Tag } from 'antd';
import { ArrowLeftOutlined, PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api, errorText, isApiError } from '../../api/client.js';
import { useFeedback } from '../../app/feedback.js';
import { ConsolePage } from '../../console/ConsolePage.js';
import { EmptyState, ErrorState, Loading } from '../../components/states.js';
import { formatDateTime } from '../../lib/time.js';
import { useLoad } from '../../lib/useLoad.js';
import type { Station, StationAlerts, StationWithRooms, Stay } from '../api.js';
import { ApplyModal } from './ApplyModal.js';
import { AlertsTable } from './AlertsTable.js';
import { StayDrawer } from './StayDrawer.js';
import { yuan } from './StationsConsole.js';

const STATUSES = ['applied', 'admitted', 'discharged', 'transferred', 'declined', 'withdrawn'] as const;

/** `/console/emergency/stations/:id`: a station's rooms, applications, residents (with checks due), alerts. */
export default function StationPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const feedback = useFeedback();
  const [status, setStatus] = useState<string>('admitted');
  const [stayId, setStayId] = useState<string | null>(null);
  const [applying, setApplying] = useState(false);
  const [admitting, setAdmitting] = useState<Stay | null>(null);
  const [declining, setDeclining] = useState<Stay | null>(null);
  const station = useLoad((signal) => api.get<StationWithRooms>(`/emergency/stations/${id}`, undefined, { signal }), [id]);
  const stays = useLoad((signal) => api.get<{ items: Stay[] }>(`/emergency/stations/${id}/stays`, { status }, { signal }), [id, status]);
  const alerts = useLoad((signal) => api.get<StationAlerts>(`/emergency/stations/${id}/alerts`, { status: 'open' }, { signal }), [id]);
  const s = station.data;
  const refresh = () => {
    station.reload();
    stays.reload();
    alerts.reload();
  };
  const now = Date.now();
  return (
    <ConsolePage
      title={s?.name ?? t('emergency.console.stations.title')}
      extra={
        <Space>
          {s?.abilities.care ? (
            <Button icon={<PlusOutlined />} onClick={() => setApplying(true)} data-testid="stay-apply">
              {t('emergency.console.stays.register')}
            </Button>
          ) : null}
          <Link to="/console/emergency/stations">
            <ArrowLeftOutlined /> {t('nav.back')}
          </Link>
        </Space>
      }
      testId="console-station"
    >
      {station.loading && !s ? <Loading rows={4} /> : null}
      {station.error ? <ErrorState error={station.error} onRetry={station.reload} /> : null}
      {s ? (
        <Space direction="vertical" size="large" style={{ width: '100%' }}>
          <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
            <Descriptions.Item label={t('emergency.console.stations.district')}>{s.districtName}</Descriptions.Item>
            <Descriptions.Item label={t('emergency.console.stations.phone')}>{s.phone}</Descriptions.Item>
            <Descriptions.Item label={t('emergency.console.stations.address')}>{s.address ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('emergency.console.stations.price')}>{t('emergency.console.stations.perDay', { yuan: yuan(s.pricePerDayFen) })}</Descriptions.Item>
            <Descriptions.Item label={t('emergency.console.stations.beds')}>
              {t('emergency.console.stations.bedsLine', { occupied: s.occupancy.occupied, beds: s.occupancy.beds, free: s.occupancy.free, waiting: s.occupancy.waiting })}
            </Descriptions.Item>
            <Descriptions.Item label={t('emergency.console.stations.hospital')}>{s.hospitalName}</Descriptions.Item>
            <Descriptions.Item label={t('emergency.console.stations.services')}>{s.services.map((x) => <Tag key={x}>{x}</Tag>)}</Descriptions.Item>
            <Descriptions.Item label={t('emergency.console.stations.staff')}>{s.staff?.map((m) => m.name).join('、') || '—'}</Descriptions.Item>
          </Descriptions>
          {!s.open ? <Alert type="warning" showIcon message={t('emergency.console.stations.closedHint')} /> : null}
          <Tabs
            items={[
              {
                key: 'stays',
                label: t('emergency.console.stays.title'),
                children: (
                  <Space direction="vertical" style={{ width: '100%' }}>
                    <Select value={status} onChange={setStatus} style={{ width: 160 }} options={STATUSES.map((x) => ({ value: x, label: t(`emergency.console.stays.statuses.${x}`) }))} data-testid="stay-status-filter" />
                    {stays.error ? <ErrorState error={stays.error} onRetry={stays.reload} /> : null}
                    <Table<Stay>
                      rowKey="id"
                      size="small"
                      loading={stays.loading}
                      dataSource={stays.data?.items ?? []}
                      pagination={{ pageSize: 20, showSizeChanger: false }}
                      locale={{ emptyText: <EmptyState title={t('emergency.console.stays.empty')} /> }}
                      columns={[
                        { title: t('emergency.console.stays.name'), render: (_, x) => <Button type="link" onClick={() => setStayId(x.id)} data-testid="stay-open">{x.name}</Button> },
                        { title: t('emergency.console.stays.age'), dataIndex: 'age' },
                        { title: t('emergency.console.stays.condition'), render: (_, x) => t(`emergency.console.stays.conditions.${x.condition}`) },
                        { title: t('emergency.console.stays.riskGroups'), render: (_, x) => (x.riskGroups.length ? x.riskGroups.map((g) => <Tag color="orange" key={g}>{t(`emergency.console.stays.risk.${g}`)}</Tag>) : '—') },
                        { title: t('emergency.console.stays.room'), render: (_, x) => x.room?.number ?? '—' },
                        {
                          title: t('emergency.console.stays.nextCheck'),
                          render: (_, x) =>
                            x.nextCheckDueAt ? (
                              <span>
                                {formatDateTime(x.nextCheckDueAt, i18n.language)} {new Date(x.nextCheckDueAt).getTime() < now ? <Tag color="red">{t('emergency.console.needs.overdueTag')}</Tag> : null}
                              </span>
                            ) : '—',
                        },
                        { title: t('emergency.console.stays.applied'), render: (_, x) => formatDateTime(x.appliedAt, i18n.language) },
                        {
                          title: '',
                          render: (_, x) => (
                            <Space>
                              {x.abilities.admit ? <Button size="small" type="primary" onClick={() => setAdmitting(x)} data-testid="stay-admit">{t('emergency.console.stays.admit')}</Button> : null}
                              {x.abilities.decline ? <Button size="small" onClick={() => setDeclining(x)}>{t('emergency.console.stays.decline')}</Button> : null}
                            </Space>
                          ),
                        },
                      ]}
                    />
                  </Space>
                ),
              },
              {
                key: 'alerts',
                label: t('emergency.console.alerts.title', { n: alerts.data?.items.length ?? 0 }),
                children: <AlertsTable loaded={alerts} onChange={refresh} onOpenStay={setStayId} />,
              },
              {
                key: 'rooms',
                label: t('emergency.console.stations.rooms'),
                children: (
                  <div className="lx-em-rooms">
                    {(s.rooms ?? []).map((r) => (
                      <Tag key={r.id} color={r.occupied >= r.beds ? 'red' : r.occupied ? 'orange' : 'green'}>
                        {r.number} · {r.occupied}/{r.beds}
                      </Tag>
                    ))}
                  </div>
                ),
              },
            ]}
          />
          <StayDrawer stayId={stayId} onClose={() => setStayId(null)} onChange={refresh} />
          <ApplyModal incidentId={s.incidentId} stationId={s.id} open={applying} onClose={() => setApplying(false)} onDone={() => { setApplying(false); setStatus('applied'); refresh(); }} />
          <AdmitModal station={s} stay={admitting} onClose={() => setAdmitting(null)} onDone={() => { setAdmitting(null); refresh(); feedback.success(t('emergency.console.stays.admitted')); }} />
          <DeclineModal stay={declining} onClose={() => setDeclining(null)} onDone={() => { setDeclining(null); refresh(); }} />
        </Space>
      ) : null}
    </ConsolePage>
  );
}

/** Admission with a room; a full station names the next one with space, and the medic may admit there. */
function AdmitModal({ station, stay, onClose, onDone }: { station: StationWithRooms; stay: Stay | null; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  const [roomId, setRoomId] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [elsewhere, setElsewhere] = useState<Station | null>(null);
  const free = (station.rooms ?? []).filter((r) => r.occupied < r.beds);
  const admit = async (body: { roomId?: string; stationId?: string }) => {
    if (!stay) return;
    setBusy(true);
    setProblem(null);
    try {
      await api.post(`/emergency/stays/${stay.id}/admit`, body);
      setElsewhere(null);
      setRoomId(undefined);
      onDone();
    } catch (err) {
      setProblem(errorText(err));
      if (isApiError(err, 409, 'station_full')) {
        // The answer names the next station with space (details.nextStationId); find it among the open ones with free beds.
        const nextId = err.details.nextStationId;
        const list = await api.get<{ items: Station[] }>(`/emergency/incidents/${station.incidentId}/stations`).catch(() => ({ items: [] as Station[] }));
        const open = list.items.filter((x) => x.open && x.occupancy.free > 0 && x.id !== station.id);
        setElsewhere(open.find((x) => x.id === nextId) ?? open[0] ?? null);
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={!!stay} onCancel={onClose} footer={null} title={t('emergency.console.stays.admitTitle', { name: stay?.name ?? '' })} destroyOnHidden>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Select allowClear value={roomId} onChange={setRoomId} placeholder={t('emergency.console.stays.anyRoom')} style={{ width: '100%' }} options={free.map((r) => ({ value: r.id, label: t('emergency.console.stays.roomOption', { number: r.number, free: r.beds - r.occupied }) }))} data-testid="admit-room" />
        {problem ? <Alert type="warning" showIcon message={problem} /> : null}
        {elsewhere ? (
          <Button block onClick={() => void admit({ stationId: elsewhere.id })} loading={busy} data-testid="admit-elsewhere">
            {t('emergency.console.stays.admitAt', { name: elsewhere.name, phone: elsewhere.phone })}
          </Button>
        ) : null}
        <Button type="primary" block loading={busy} onClick={() => void admit(roomId ? { roomId } : {})} data-testid="admit-confirm">
          {t('emergency.console.stays.admit')}
        </Button>
      </Space>
    </Modal>
  );
}

function DeclineModal({ stay, onClose, onDone }: { stay: Stay | null; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <Modal
      open={!!stay}
      onCancel={onClose}
      title={t('emergency.console.stays.declineTitle', { name: stay?.name ?? '' })}
      okText={t('emergency.console.stays.decline')}
      okButtonProps={{ disabled: !reason.trim(), loading: busy }}
      onOk={async () => {
        if (!stay) return;
        setBusy(true);
        try {
          await api.post(`/emergency/stays/${stay.id}/decline`, { reason: reason.trim() });
          setReason('');
          onDone();
        } catch (err) {
          setProblem(errorText(err));
        } finally {
          setBusy(false);
        }
      }}
      destroyOnHidden
    >
      <Input.TextArea rows={3} maxLength={200} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('emergency.console.stays.declinePlaceholder')} />
      {problem ? <Alert type="error" showIcon message={problem} style={{ marginTop: 8 }} /> : null}
    </Modal>
  );
}

