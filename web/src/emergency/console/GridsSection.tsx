import { Alert, Button, Descriptions, Drawer, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, applyFormError, errorText } from '../../api/client.js';
import { useFeedback } from '../../app/feedback.js';
import { RegionPicker, type PickedRegion } from '../../components/RegionPicker.js';
import { EmptyState, ErrorState, Loading } from '../../components/states.js';
import { formatDateTime } from '../../lib/time.js';
import { useLoad } from '../../lib/useLoad.js';
import type { Grid, GridWithTeam, Incident } from '../api.js';
import { PersonSelect } from './PersonSelect.js';

const CAPACITIES = ['cadre', 'department', 'volunteer', 'medic'] as const;

/** The incident's grids with their leader (格长) and team; draw a grid, appoint, assign, release. */
export function GridsSection({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const [drawing, setDrawing] = useState(false);
  const grids = useLoad((signal) => api.get<{ items: Grid[] }>(`/emergency/incidents/${incident.id}/grids`, undefined, { signal }), [incident.id]);
  const items = (grids.data?.items ?? []).filter((g) => !q || g.name.includes(q) || g.regionName.includes(q) || (g.leader?.name ?? '').includes(q));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Input.Search allowClear placeholder={t('emergency.console.grids.search')} onSearch={setQ} onChange={(e) => !e.target.value && setQ('')} style={{ width: 260 }} />
        {incident.active && incident.abilities.manage ? (
          <Button icon={<PlusOutlined />} onClick={() => setDrawing(true)} data-testid="grid-new">
            {t('emergency.console.grids.new')}
          </Button>
        ) : null}
      </Space>
      {grids.error ? <ErrorState error={grids.error} onRetry={grids.reload} /> : null}
      <Table<Grid>
        rowKey="id"
        size="small"
        loading={grids.loading}
        dataSource={items}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        locale={{ emptyText: <EmptyState title={t('emergency.console.grids.empty')} hint={t('emergency.console.grids.emptyHint')} /> }}
        columns={[
          { title: t('emergency.console.grids.grid'), render: (_, g) => <Button type="link" onClick={() => setOpen(g.id)} data-testid="grid-open">{g.name}</Button> },
          { title: t('emergency.console.grids.region'), dataIndex: 'regionName' },
          { title: t('emergency.console.grids.kind'), render: (_, g) => <Tag>{t(`emergency.console.grids.kinds.${g.kind}`)}</Tag> },
          { title: t('emergency.console.grids.leader'), render: (_, g) => g.leader?.name ?? <span className="lx-muted">{t('emergency.console.grids.noLeader')}</span> },
          { title: t('emergency.console.grids.team'), dataIndex: 'teamSize' },
        ]}
      />
      <GridDrawer gridId={open} onClose={() => setOpen(null)} onChange={grids.reload} />
      <DrawGrid incident={incident} open={drawing} onClose={() => setDrawing(false)} onCreated={() => { setDrawing(false); grids.reload(); }} />
    </Space>
  );
}

function GridDrawer({ gridId, onClose, onChange }: { gridId: string | null; onClose(): void; onChange(): void }) {
  const { t, i18n } = useTranslation();
  const feedback = useFeedback();
  const [leader, setLeader] = useState<string | undefined>();
  const [member, setMember] = useState<string | undefined>();
  const [capacity, setCapacity] = useState<(typeof CAPACITIES)[number]>('volunteer');
  const grid = useLoad((signal) => (gridId ? api.get<GridWithTeam>(`/emergency/grids/${gridId}`, undefined, { signal }) : Promise.resolve(null)), [gridId]);
  const run = async (call: () => Promise<GridWithTeam>, done: string) => {
    try {
      grid.setData(await call());
      feedback.success(done);
      onChange();
    } catch (err) {
      feedback.error(err);
    }
  };
  const g = grid.data;
  return (
    <Drawer open={!!gridId} onClose={onClose} width={560} title={g?.name ?? ''} destroyOnHidden>
      {grid.loading && !g ? <Loading rows={4} /> : null}
      {grid.error ? <ErrorState error={grid.error} onRetry={grid.reload} /> : null}
      {g ? (
        <Space direction="vertical" size="large" style={{ width: '100%' }}>
          <Descriptions bordered size="small" column={1}>
            <Descriptions.Item label={t('emergency.console.grids.region')}>{g.regionName}</Descriptions.Item>
            <Descriptions.Item label={t('emergency.console.grids.leader')}>
              {g.leader ? `${g.leader.name} ${g.leader.phone ?? ''}` : t('emergency.console.grids.noLeader')}
            </Descriptions.Item>
            {g.location ? <Descriptions.Item label={t('emergency.console.grids.location')}>{`${g.location.lat.toFixed(4)}, ${g.location.lng.toFixed(4)}`}</Descriptions.Item> : null}
          </Descriptions>
          {g.abilities.setLeader ? (
            <Space.Compact block>
              <PersonSelect value={leader} onChange={setLeader} testId="grid-leader-select" />
              <Button type="primary" disabled={!leader} onClick={() => void run(() => api.put<GridWithTeam>(`/emergency/grids/${g.id}/leader`, { leaderUserId: leader }), t('emergency.console.grids.leaderSet'))}>
                {t('emergency.console.grids.appoint')}
              </Button>
            </Space.Compact>
          ) : null}
          <Table
            rowKey={(m) => `${m.user.id}-${m.assignedAt}`}
            size="small"
            pagination={false}
            dataSource={g.team}
            locale={{ emptyText: t('emergency.console.grids.noTeam') }}
            columns={[
              { title: t('emergency.console.grids.member'), render: (_, m) => `${m.user.name} ${m.user.phone ?? ''}` },
              { title: t('emergency.console.grids.capacity'), render: (_, m) => t(`emergency.console.grids.capacities.${m.capacity}`) },
              { title: t('emergency.console.grids.assigned'), render: (_, m) => formatDateTime(m.assignedAt, i18n.language) },
              {
                title: '',
                render: (_, m) =>
                  m.releasedAt ? (
                    <Tag>{t('emergency.console.grids.released')}</Tag>
                  ) : g.abilities.manageTeam ? (
                    <Popconfirm title={t('emergency.console.grids.releaseAsk')} onConfirm={() => run(() => api.del<GridWithTeam>(`/emergency/grids/${g.id}/team/${m.user.id}`), t('emergency.console.grids.releasedDone'))} okText={t('emergency.yes')} cancelText={t('common.cancel')}>
                      <Button size="small">{t('emergency.console.grids.release')}</Button>
                    </Popconfirm>
                  ) : null,
              },
            ]}
          />
          {g.abilities.manageTeam ? (
            <Space.Compact block>
              <PersonSelect value={member} onChange={setMember} testId="grid-member-select" />
              <Select value={capacity} onChange={setCapacity} style={{ width: 120 }} options={CAPACITIES.map((c) => ({ value: c, label: t(`emergency.console.grids.capacities.${c}`) }))} />
              <Button type="primary" disabled={!member} onClick={() => void run(() => api.post<GridWithTeam>(`/emergency/grids/${g.id}/team`, { userId: member, capacity }), t('emergency.console.grids.assignedDone'))}>
                {t('emergency.console.grids.assign')}
              </Button>
            </Space.Compact>
          ) : null}
        </Space>
      ) : null}
    </Drawer>
  );
}

interface DrawValues {
  region: PickedRegion;
  name?: string;
  lat?: number;
  lng?: number;
}

function DrawGrid({ incident, open, onClose, onCreated }: { incident: Incident; open: boolean; onClose(): void; onCreated(): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<DrawValues>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async (v: DrawValues) => {
    setBusy(true);
    setProblem(null);
    try {
      await api.post(`/emergency/incidents/${incident.id}/grids`, {
        regionCode: v.region.code,
        ...(v.name?.trim() ? { name: v.name.trim() } : {}),
        ...(v.lat !== undefined && v.lng !== undefined && v.lat !== null && v.lng !== null ? { lat: v.lat, lng: v.lng } : {}),
      });
      form.resetFields();
      onCreated();
    } catch (err) {
      if (!applyFormError(form, err, { regionCode: 'region' })) setProblem(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} onCancel={onClose} title={t('emergency.console.grids.new')} footer={null} width={640} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="region" label={t('emergency.console.grids.region')} extra={t('emergency.console.grids.regionHint')} rules={[{ required: true, message: t('emergency.console.grids.regionRequired') }]}>
          <RegionPicker root={incident.regionCode} />
        </Form.Item>
        <Form.Item name="name" label={t('emergency.console.grids.zoneName')} extra={t('emergency.console.grids.zoneHint')}>
          <Input maxLength={40} />
        </Form.Item>
        <Space.Compact block>
          <Form.Item name="lat" label={t('emergency.console.grids.lat')} style={{ flex: 1 }}>
            <InputNumber min={-90} max={90} step={0.0001} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="lng" label={t('emergency.console.grids.lng')} style={{ flex: 1 }}>
            <InputNumber min={-180} max={180} step={0.0001} style={{ width: '100%' }} />
          </Form.Item>
        </Space.Compact>
        {problem ? <Alert type="error" showIcon message={problem} className="lx-em-gap" /> : null}
        <Button type="primary" htmlType="submit" block loading={busy}>
          {t('emergency.console.grids.create')}
        </Button>
      </Form>
    </Modal>
  );
}
