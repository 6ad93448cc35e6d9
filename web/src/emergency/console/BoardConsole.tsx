import { Alert, Button, Card, DatePicker, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, applyFormError, errorText } from '../../api/client.js';
import { useFeedback } from '../../app/feedback.js';
import { ConsolePage } from '../../console/ConsolePage.js';
import { EmptyState, ErrorState } from '../../components/states.js';
import { formatDateTime } from '../../lib/time.js';
import { useLoad } from '../../lib/useLoad.js';
import type { Grid, GridBoard, GridWithTeam, Incident, Paged, Task } from '../api.js';
import { lineLabel } from '../shared.js';
import { useLiveEvents } from '../useLive.js';
import { IncidentSwitch, WithIncident } from './IncidentContext.js';

const LINES = ['supervision', 'supply', 'testing', 'transfer', 'publicity'] as const;
const TASK_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
type BoardRow = GridBoard['grids'][number];

/** `/console/emergency/board`: the five lines (监管、保障、核酸、转运、宣传) per grid, and their tasks. */
export default function BoardConsole() {
  const { t } = useTranslation();
  return (
    <ConsolePage title={t('emergency.console.board.title')} description={t('emergency.console.board.description')} extra={<IncidentSwitch />} testId="console-board">
      <WithIncident>{(incident) => <Board incident={incident} />}</WithIncident>
    </ConsolePage>
  );
}

function Board({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const [gridId, setGridId] = useState<string | undefined>();
  const [line, setLine] = useState<string | undefined>();
  const board = useLoad((signal) => api.get<GridBoard>(`/emergency/incidents/${incident.id}/board`, undefined, { signal }), [incident.id]);
  const live = useLiveEvents(`/api/emergency/incidents/${incident.id}/stream`, ['task', 'grid', 'need'], () => board.reload(), 2000);
  const cell = (c: { open: number; overdue: number }, onClick?: () => void) => (
    <button type="button" className="lx-em-board-cell" onClick={onClick} disabled={!onClick}>
      {c.open}
      {c.overdue ? <span className="lx-em-overdue"> ({t('emergency.console.board.overdueN', { n: c.overdue })})</span> : null}
    </button>
  );
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card size="small" title={t('emergency.console.board.gridBoard')} extra={<Tag color={live === 'open' ? 'green' : 'default'}>{t(`emergency.console.live.${live}`)}</Tag>}>
        {board.error ? <ErrorState error={board.error} onRetry={board.reload} /> : null}
        {board.data ? (
          <div className="lx-muted lx-em-gap" data-testid="board-totals">
            {LINES.map((l) => `${lineLabel(t, l)} ${board.data!.totals[l].open}${board.data!.totals[l].overdue ? `（${t('emergency.console.board.overdueN', { n: board.data!.totals[l].overdue })}）` : ''}`).join(' · ')}
          </div>
        ) : null}
        <Table<BoardRow>
          rowKey={(r) => r.grid.id}
          size="small"
          loading={board.loading}
          dataSource={board.data?.grids ?? []}
          pagination={{ pageSize: 20, showSizeChanger: false }}
          scroll={{ x: 900 }}
          data-testid="grid-board"
          locale={{ emptyText: <EmptyState title={t('emergency.console.board.empty')} hint={t('emergency.console.board.emptyHint')} /> }}
          columns={[
            { title: t('emergency.console.grids.grid'), fixed: 'left', render: (_, r) => <div><strong>{r.grid.name}</strong><div className="lx-muted">{r.grid.leaderName ? t('emergency.console.grids.leaderIs', { name: r.grid.leaderName }) : t('emergency.console.grids.noLeader')} · {t('emergency.console.grids.teamN', { n: r.grid.teamSize })}</div></div> },
            ...LINES.map((l) => ({ title: lineLabel(t, l), render: (_: unknown, r: BoardRow) => cell(r.lines[l], () => { setGridId(r.grid.id); setLine(l); }) })),
            {
              title: t('emergency.console.board.needs'),
              render: (_: unknown, r: BoardRow) => (
                <span>
                  {t('emergency.console.board.needsCell', { open: r.needs.open, going: r.needs.inProgress })}
                  {r.needs.lifeCritical ? <Tag color="red" style={{ marginLeft: 4 }}>{t('emergency.console.needs.critical', { n: r.needs.lifeCritical })}</Tag> : null}
                </span>
              ),
            },
          ]}
        />
      </Card>
      <Tasks incident={incident} gridId={gridId} line={line} setGridId={setGridId} setLine={setLine} onChange={board.reload} />
    </Space>
  );
}

function Tasks({ incident, gridId, line, setGridId, setLine, onChange }: { incident: Incident; gridId?: string; line?: string; setGridId(v?: string): void; setLine(v?: string): void; onChange(): void }) {
  const { t, i18n } = useTranslation();
  const feedback = useFeedback();
  const [status, setStatus] = useState<string | undefined>('open');
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const grids = useLoad((signal) => api.get<{ items: Grid[] }>(`/emergency/incidents/${incident.id}/grids`, undefined, { signal }), [incident.id]);
  const tasks = useLoad(
    (signal) => api.get<Paged<Task>>(`/emergency/incidents/${incident.id}/tasks`, { gridId, line, status, page, pageSize: 20 }, { signal }),
    [incident.id, gridId, line, status, page],
  );
  const setTaskStatus = async (task: Task, next: string) => {
    try {
      const updated = await api.patch<Task>(`/emergency/tasks/${task.id}`, { status: next });
      tasks.setData((p) => p && { ...p, items: p.items.map((x) => (x.id === updated.id ? updated : x)) });
      onChange();
    } catch (err) {
      feedback.error(err);
    }
  };
  const canCreate = incident.active && (incident.abilities.manage || (grids.data?.items ?? []).some((g) => g.abilities.manageTasks));
  return (
    <Card
      size="small"
      title={t('emergency.console.tasks.title')}
      extra={canCreate ? <Button icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="task-new">{t('emergency.console.tasks.new')}</Button> : null}
    >
      <Space wrap className="lx-em-gap">
        <Select allowClear placeholder={t('emergency.console.grids.grid')} style={{ minWidth: 200 }} value={gridId} onChange={(v) => { setGridId(v); setPage(1); }} options={(grids.data?.items ?? []).map((g) => ({ value: g.id, label: g.name }))} />
        <Select allowClear placeholder={t('emergency.console.tasks.line')} style={{ minWidth: 120 }} value={line} onChange={(v) => { setLine(v); setPage(1); }} options={LINES.map((l) => ({ value: l, label: lineLabel(t, l) }))} />
        <Select allowClear placeholder={t('emergency.console.tasks.status')} style={{ minWidth: 120 }} value={status} onChange={(v) => { setStatus(v); setPage(1); }} options={TASK_STATUSES.map((s) => ({ value: s, label: t(`emergency.console.tasks.statuses.${s}`) }))} />
      </Space>
      {tasks.error ? <ErrorState error={tasks.error} onRetry={tasks.reload} /> : null}
      <Table<Task>
        rowKey="id"
        size="small"
        loading={tasks.loading}
        dataSource={tasks.data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: tasks.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        locale={{ emptyText: <EmptyState title={t('emergency.console.tasks.empty')} /> }}
        columns={[
          { title: t('emergency.console.tasks.line'), render: (_, r) => <Tag>{lineLabel(t, r.line)}</Tag> },
          { title: t('emergency.console.tasks.task'), render: (_, r) => <div><strong>{r.title}</strong>{r.detail ? <div className="lx-muted">{r.detail}</div> : null}</div> },
          { title: t('emergency.console.grids.grid'), render: (_, r) => r.gridName ?? t('emergency.console.tasks.wholeIncident') },
          { title: t('emergency.console.tasks.owner'), render: (_, r) => r.owner?.name ?? '—' },
          { title: t('emergency.console.tasks.due'), render: (_, r) => (r.dueAt ? <span>{formatDateTime(r.dueAt, i18n.language)} {r.overdue ? <Tag color="red">{t('emergency.console.needs.overdueTag')}</Tag> : null}</span> : '—') },
          {
            title: t('emergency.console.tasks.status'),
            render: (_, r) =>
              r.abilities.setStatus ? (
                <Select size="small" value={r.status} style={{ minWidth: 110 }} onChange={(v) => void setTaskStatus(r, v)} options={TASK_STATUSES.map((s) => ({ value: s, label: t(`emergency.console.tasks.statuses.${s}`) }))} />
              ) : (
                t(`emergency.console.tasks.statuses.${r.status}`)
              ),
          },
        ]}
      />
      <NewTask incident={incident} grids={grids.data?.items ?? []} open={creating} onClose={() => setCreating(false)} onCreated={() => { setCreating(false); tasks.reload(); onChange(); }} />
    </Card>
  );
}

interface TaskValues {
  gridId?: string;
  line: string;
  title: string;
  detail?: string;
  ownerUserId?: string;
  dueAt?: Dayjs;
}

function NewTask({ incident, grids, open, onClose, onCreated }: { incident: Incident; grids: Grid[]; open: boolean; onClose(): void; onCreated(): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<TaskValues>();
  const gridId = Form.useWatch('gridId', form);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const team = useLoad((signal) => (gridId ? api.get<GridWithTeam>(`/emergency/grids/${gridId}`, undefined, { signal }) : Promise.resolve(null)), [gridId]);
  const people = team.data ? [...(team.data.leader ? [team.data.leader] : []), ...team.data.team.filter((m) => !m.releasedAt).map((m) => m.user)] : [];
  const submit = async (v: TaskValues) => {
    setBusy(true);
    setProblem(null);
    try {
      await api.post(`/emergency/incidents/${incident.id}/tasks`, { gridId: v.gridId ?? null, line: v.line, title: v.title.trim(), detail: v.detail?.trim() || null, ownerUserId: v.ownerUserId ?? null, dueAt: v.dueAt ? v.dueAt.toISOString() : null });
      form.resetFields();
      onCreated();
    } catch (err) {
      if (!applyFormError(form, err)) setProblem(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} onCancel={onClose} title={t('emergency.console.tasks.new')} footer={null} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="line" label={t('emergency.console.tasks.line')} rules={[{ required: true, message: t('emergency.console.tasks.lineRequired') }]}>
          <Select options={LINES.map((l) => ({ value: l, label: lineLabel(t, l) }))} />
        </Form.Item>
        <Form.Item name="gridId" label={t('emergency.console.grids.grid')} extra={t('emergency.console.tasks.gridHint')}>
          <Select allowClear options={grids.filter((g) => g.abilities.manageTasks).map((g) => ({ value: g.id, label: g.name }))} />
        </Form.Item>
        <Form.Item name="title" label={t('emergency.console.tasks.task')} rules={[{ required: true, whitespace: true, message: t('emergency.console.tasks.titleRequired') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="detail" label={t('emergency.console.tasks.detail')}>
          <Input.TextArea maxLength={1000} rows={3} />
        </Form.Item>
        <Form.Item name="ownerUserId" label={t('emergency.console.tasks.owner')} extra={gridId ? undefined : t('emergency.console.tasks.ownerHint')}>
          <Select allowClear disabled={!gridId} options={people.map((p) => ({ value: p.id, label: p.name }))} />
        </Form.Item>
        <Form.Item name="dueAt" label={t('emergency.console.tasks.due')}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" minDate={dayjs().subtract(1, 'day')} style={{ width: '100%' }} />
        </Form.Item>
        {problem ? <Alert type="error" showIcon message={problem} className="lx-em-gap" /> : null}
        <Button type="primary" htmlType="submit" block loading={busy}>
          {t('emergency.console.tasks.create')}
        </Button>
      </Form>
    </Modal>
  );
}
