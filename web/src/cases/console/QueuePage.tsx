import { Alert, Button, Checkbox, Grid, Input, List, Pagination, Select, Space, Switch, Table, Typography } from 'antd';
import { CheckOutlined, DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { CASE_STATUSES, AWAITING_ACCEPT } from '../../../../common/cases/states.js';
import { CASE_CHANNELS, CASE_PRIORITIES } from '../../../../common/cases/types.js';
import { regionPrefix } from '../../../../common/regions.js';
import { api } from '../../api/client.js';
import { useAuth } from '../../app/auth.js';
import { useFeedback } from '../../app/feedback.js';
import { ConsolePage } from '../../console/ConsolePage.js';
import { scopesOf, codeOfPrefix } from '../../console/access.js';
import { EmptyState, ErrorState } from '../../components/states.js';
import { formatDateTime } from '../../lib/time.js';
import { useLoad } from '../../lib/useLoad.js';
import { RegionDrill } from '../RegionDrill.js';
import { DeadlineNotices } from './Notices.js';
import { CaseStatusTag, channelText, LiveBadge, OverdueTag, PriorityTag, priorityText, SnippetText, statusText, useCaseStream, useLang } from '../shared.js';
import type { CaseList, CaseLiveEvent, CaseSummary, Category } from '../types.js';

const WORK_ROLES = new Set(['village_cadre', 'grid_worker', 'township_official', 'department_handler', 'discipline_inspector']);

/** `/console/cases`: the queue of my units and scope, filtered, sorted, paged, live. */
export default function QueuePage() {
  const { t } = useTranslation();
  const lang = useLang();
  const feedback = useFeedback();
  const { me } = useAuth();
  const [params, setParams] = useSearchParams();
  const get = (k: string) => params.get(k) ?? '';
  const statuses = params.getAll('status');
  const page = Number(get('page') || '1');
  const pageSize = Number(get('pageSize') || '20');
  const scopes = scopesOf(me);
  const regionCode = get('region') || (scopes[0] ? codeOfPrefix(scopes[0].prefix) : '430200000000');
  // The units where I work cases: "my unit only" narrows a wide oversight scope to my own desk.
  const myUnits = [...new Map((me?.grants ?? []).filter((g) => WORK_ROLES.has(g.role)).map((g) => [g.unitId, g.unitName])).entries()];
  const [fresh, setFresh] = useState<Set<string>>(new Set());
  const [noticeTick, setNoticeTick] = useState(0);
  const [notice, setNotice] = useState<CaseLiveEvent | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  const update = (next: Record<string, string | string[] | null>) => {
    const search = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      search.delete(k);
      if (Array.isArray(v)) v.forEach((x) => search.append(k, x));
      else if (v) search.set(k, v);
    }
    if (!('page' in next)) search.delete('page');
    setParams(search);
  };

  const categories = useLoad((signal) => api.get<{ items: Category[] }>('/cases/categories', undefined, { signal }), []);
  /** The queue's filters as the API takes them (the list and the export share them). */
  const filters = () => {
    const search = new URLSearchParams();
    for (const s of statuses) search.append('status', s);
    for (const k of ['category', 'priority', 'channel', 'overdue', 'q', 'sort', 'unitId']) if (get(k)) search.set(k, get(k));
    if (get('region')) search.set('regionPrefix', regionPrefix(get('region')));
    return search;
  };
  const exportHref = (format: 'csv' | 'xlsx') => {
    const search = filters();
    search.set('format', format);
    return `/api/cases/export?${search.toString()}`;
  };
  const list = useLoad(
    (signal) => {
      const search = filters();
      search.set('page', String(page));
      search.set('pageSize', String(pageSize));
      return api.get<CaseList>(`/cases/queue?${search.toString()}`, undefined, { signal });
    },
    [params.toString()],
  );

  const live = useCaseStream((e) => {
    if (e.type === 'case.submitted' || e.type === 'case.assigned' || e.type === 'case.assign' || e.type === 'case.transfer' || e.type === 'case.reopen') {
      setFresh((prev) => new Set(prev).add(e.caseId));
    }
    if (e.type === 'case.assigned' && e.onDuty === true) setNotice(e);
    if (e.type === 'case.escalated') setNoticeTick((n) => n + 1);
    list.reload();
  });

  const bulkAccept = async () => {
    setBusy(true);
    try {
      const r = await api.post<{ accepted: string[]; skipped: { id: string; reason: string }[] }>('/cases/bulk/accept', { ids: selected });
      feedback.success(t('cases.bulkAccepted', { accepted: r.accepted.length, skipped: r.skipped.length }));
      setSelected([]);
      list.reload();
    } catch (err) {
      feedback.error(err);
    } finally {
      setBusy(false);
    }
  };

  const columns = useMemo(
    () => [
      {
        title: t('cases.trackingNumber'),
        dataIndex: 'trackingNumber',
        render: (_: string, c: CaseSummary) => (
          <Link to={`/console/cases/${c.id}`} data-testid="queue-open">
            {c.trackingNumber}
          </Link>
        ),
      },
      {
        title: t('cases.titleLabel'),
        dataIndex: 'title',
        render: (_: string, c: CaseSummary) => (
          <div>
            <Link to={`/console/cases/${c.id}`}>{c.title}</Link>
            <SnippetText parts={c.snippet} title={c.title} />
          </div>
        ),
      },
      {
        title: t('cases.status'),
        dataIndex: 'status',
        render: (_: string, c: CaseSummary) => (
          <Space size={4} wrap>
            <CaseStatusTag status={c.status} />
            <PriorityTag priority={c.priority} />
            <OverdueTag overdue={c.overdue} />
          </Space>
        ),
      },
      { title: t('cases.category'), dataIndex: ['category', 'name'] },
      { title: t('cases.place'), dataIndex: ['region', 'name'] },
      { title: t('cases.handlingUnit'), render: (_: unknown, c: CaseSummary) => c.handlingUnit?.name ?? t('cases.awaitingDispatch') },
      { title: t('cases.channel'), render: (_: unknown, c: CaseSummary) => channelText(lang, c.channel) },
      { title: t('cases.dueBy'), render: (_: unknown, c: CaseSummary) => formatDateTime(c.resolutionDueAt, lang) },
      { title: t('cases.submittedAt'), render: (_: unknown, c: CaseSummary) => formatDateTime(c.createdAt, lang) },
    ],
    [t, lang],
  );

  const awaiting = new Set<string>(AWAITING_ACCEPT);
  // Village cadres work on phones: below `md` the queue is a list of cards, not a wide table.
  const screens = Grid.useBreakpoint();
  const narrow = !screens.md;
  const pager = {
    current: list.data?.page ?? page,
    pageSize,
    total: list.data?.total ?? 0,
    onChange: (p: number, size: number) => update({ page: String(p), pageSize: String(size) }),
  };
  return (
    <ConsolePage
      title={t('cases.queueTitle')}
      description={t('cases.queueHint')}
      testId="page-case-queue"
      extra={
        <Space wrap>
          <LiveBadge state={live} />
          <Button icon={<ReloadOutlined />} onClick={list.reload}>
            {t('common.refresh')}
          </Button>
          <Button icon={<DownloadOutlined />} href={exportHref('xlsx')} data-testid="queue-export-xlsx">
            {t('cases.exportCases')} XLSX
          </Button>
          <Button icon={<DownloadOutlined />} href={exportHref('csv')} data-testid="queue-export-csv">
            CSV
          </Button>
        </Space>
      }
    >
      {notice ? (
        <Alert
          type="warning"
          showIcon
          closable
          onClose={() => setNotice(null)}
          data-testid="duty-notice"
          message={t('cases.dutyNotice', { number: notice.trackingNumber })}
          action={
            <Link to={`/console/cases/${notice.caseId}`}>
              <Button size="small" type="primary">
                {t('cases.open')}
              </Button>
            </Link>
          }
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <DeadlineNotices refreshKey={noticeTick} />
      <div className="lx-case-queue-filters" data-testid="queue-filters">
        <Input.Search
          allowClear
          defaultValue={get('q')}
          placeholder={t('cases.searchPlaceholder')}
          onSearch={(v) => update({ q: v.trim() || null, sort: v.trim() ? 'relevance' : get('sort') === 'relevance' ? null : get('sort') || null })}
          style={{ width: 240 }}
          data-testid="queue-search"
        />
        {myUnits.length ? (
          <Select
            allowClear
            placeholder={t('cases.allUnits')}
            value={get('unitId') || undefined}
            onChange={(v?: string) => update({ unitId: v ?? null })}
            options={myUnits.map(([id, name]) => ({ value: id, label: name }))}
            style={{ minWidth: 160 }}
            aria-label={t('cases.handlingUnit')}
            data-testid="queue-unit"
          />
        ) : null}
        <Select
          mode="multiple"
          allowClear
          placeholder={t('cases.status')}
          value={statuses}
          onChange={(v: string[]) => update({ status: v })}
          options={CASE_STATUSES.map((s) => ({ value: s, label: statusText(lang, s) }))}
          style={{ minWidth: 180 }}
          aria-label={t('cases.status')}
          data-testid="queue-status"
        />
        <Select
          allowClear
          placeholder={t('cases.category')}
          value={get('category') || undefined}
          onChange={(v?: string) => update({ category: v ?? null })}
          options={(categories.data?.items ?? []).map((c) => ({ value: c.code, label: c.parentCode ? `— ${c.name}` : c.name }))}
          style={{ minWidth: 160 }}
          aria-label={t('cases.category')}
        />
        <Select
          allowClear
          placeholder={t('cases.priority')}
          value={get('priority') || undefined}
          onChange={(v?: string) => update({ priority: v ?? null })}
          options={CASE_PRIORITIES.map((p) => ({ value: p, label: priorityText(lang, p) }))}
          style={{ minWidth: 100 }}
          aria-label={t('cases.priority')}
        />
        <Select
          allowClear
          placeholder={t('cases.channel')}
          value={get('channel') || undefined}
          onChange={(v?: string) => update({ channel: v ?? null })}
          options={CASE_CHANNELS.map((c) => ({ value: c, label: channelText(lang, c) }))}
          style={{ minWidth: 120 }}
          aria-label={t('cases.channel')}
        />
        <span>
          <Switch checked={get('overdue') === 'true'} onChange={(v) => update({ overdue: v ? 'true' : null })} data-testid="queue-overdue" /> {t('cases.overdueOnly')}
        </span>
        <Select
          value={get('sort') || 'created'}
          onChange={(v: string) => update({ sort: v === 'created' ? null : v })}
          options={['created', 'due', ...(get('q') ? ['relevance'] : [])].map((s) => ({ value: s, label: t(`cases.sort.${s}`) }))}
          style={{ minWidth: 120 }}
          aria-label={t('cases.sortLabel')}
        />
      </div>
      <RegionDrill code={regionCode} root={scopes[0] ? codeOfPrefix(scopes[0].prefix) : undefined} onChange={(c) => update({ region: c })} testId="queue-region" />
      <Space style={{ margin: '8px 0' }}>
        <Button type="primary" icon={<CheckOutlined />} disabled={!selected.length} loading={busy} onClick={() => void bulkAccept()} data-testid="bulk-accept">
          {t('cases.bulkAccept', { count: selected.length })}
        </Button>
        <Typography.Text className="lx-muted">{list.data ? t('common.total', { total: list.data.totalCapped ? `${list.data.total.toLocaleString()}+` : list.data.total }) : null}</Typography.Text>
      </Space>
      {list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : null}
      {narrow ? (
        <>
          <List
            className="lx-case-list"
            loading={list.loading}
            dataSource={list.data?.items ?? []}
            locale={{ emptyText: <EmptyState title={t('cases.queueEmpty')} hint={t('cases.queueEmptyHint')} /> }}
            renderItem={(c) => (
              <List.Item
                className={fresh.has(c.id) ? 'lx-case-row-fresh-card' : undefined}
                data-testid="queue-row"
                data-case-id={c.id}
                data-status={c.status}
                data-fresh={fresh.has(c.id) ? 'true' : 'false'}
              >
                <Checkbox
                  disabled={!awaiting.has(c.status)}
                  checked={selected.includes(c.id)}
                  onChange={(e) => setSelected((prev) => (e.target.checked ? [...prev, c.id] : prev.filter((x) => x !== c.id)))}
                  aria-label={c.trackingNumber}
                />
                <Link to={`/console/cases/${c.id}`} className="lx-case-link" data-testid="queue-open">
                  <div className="lx-case-item-title">{c.title}</div>
                  <SnippetText parts={c.snippet} title={c.title} />
                  <Space size={4} wrap>
                    <CaseStatusTag status={c.status} />
                    <PriorityTag priority={c.priority} />
                    <OverdueTag overdue={c.overdue} />
                  </Space>
                  <div className="lx-muted">
                    {c.trackingNumber} · {c.category.name} · {c.region.name} · {formatDateTime(c.createdAt, lang)}
                  </div>
                </Link>
              </List.Item>
            )}
          />
          {(list.data?.total ?? 0) > pageSize ? <Pagination simple {...pager} className="lx-case-pager" /> : null}
        </>
      ) : (
        <Table<CaseSummary>
          rowKey="id"
          size="middle"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          columns={columns}
          scroll={{ x: 1000 }}
          rowClassName={(c) => (fresh.has(c.id) ? 'lx-case-row-fresh' : '')}
          onRow={(c) => ({ 'data-testid': 'queue-row', 'data-case-id': c.id, 'data-status': c.status, 'data-fresh': fresh.has(c.id) ? 'true' : 'false' }) as React.HTMLAttributes<HTMLElement>}
          rowSelection={{
            selectedRowKeys: selected,
            onChange: (keys) => setSelected(keys as string[]),
            getCheckboxProps: (c) => ({ disabled: !awaiting.has(c.status) }),
          }}
          locale={{ emptyText: <EmptyState title={t('cases.queueEmpty')} hint={t('cases.queueEmptyHint')} /> }}
          pagination={{ ...pager, showSizeChanger: true }}
        />
      )}
    </ConsolePage>
  );
}
