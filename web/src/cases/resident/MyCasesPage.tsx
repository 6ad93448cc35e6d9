import { Button, List, Pagination, Segmented, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { EmptyState, ErrorState, Loading } from '../../components/states.js';
import { formatDateTime } from '../../lib/time.js';
import { useLoad } from '../../lib/useLoad.js';
import { CaseStatusTag, OverdueTag, useCaseStream, useLang } from '../shared.js';
import type { CaseList, CaseStatus } from '../types.js';

/** The state filter on a phone: four plain groups rather than twelve states. */
const GROUPS: Record<string, CaseStatus[] | undefined> = {
  all: undefined,
  open: ['submitted', 'assigned', 'accepted', 'in_progress', 'transferred', 'returned', 'reopened'],
  resolved: ['resolved'],
  done: ['closed', 'merged', 'rejected', 'withdrawn'],
};

/** `/cases/mine`: the cases I filed or follow. */
export default function MyCasesPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const [params, setParams] = useSearchParams();
  const group = params.get('state') ?? 'all';
  const page = Number(params.get('page') ?? '1') || 1;
  const [tick, setTick] = useState(0);
  const list = useLoad(
    (signal) => {
      const search = new URLSearchParams({ page: String(page), pageSize: '10' });
      for (const s of GROUPS[group] ?? []) search.append('status', s);
      return api.get<CaseList>(`/cases/mine?${search.toString()}`, undefined, { signal });
    },
    [group, page, tick],
  );
  useCaseStream(() => setTick((n) => n + 1));
  const set = (next: Record<string, string>) => setParams({ state: group, page: String(page), ...next });

  return (
    <div data-testid="page-cases-mine">
      <Space className="lx-case-head" wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('cases.mineTitle')}
        </Typography.Title>
        <Link to="/cases/new">
          <Button type="primary" icon={<PlusOutlined />} data-testid="new-case">
            {t('cases.newTitle')}
          </Button>
        </Link>
      </Space>
      <Segmented
        block
        value={group}
        onChange={(v) => set({ state: String(v), page: '1' })}
        options={Object.keys(GROUPS).map((g) => ({ value: g, label: t(`cases.group.${g}`) }))}
        data-testid="mine-filter"
        className="lx-case-segmented"
      />
      {list.loading && !list.data ? <Loading /> : null}
      {list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : null}
      {list.data ? (
        <>
          <List
            className="lx-case-list"
            dataSource={list.data.items}
            locale={{
              emptyText: (
                <EmptyState
                  title={t('cases.mineEmpty')}
                  hint={t('cases.mineEmptyHint')}
                  action={
                    <Link to="/cases/new">
                      <Button type="primary">{t('cases.newTitle')}</Button>
                    </Link>
                  }
                />
              ),
            }}
            renderItem={(c) => (
              <List.Item data-testid="case-item" data-case-id={c.id} data-status={c.status}>
                <Link to={`/cases/${c.id}`} className="lx-case-link">
                  <div className="lx-case-item-title">{c.title}</div>
                  <Space wrap size={4}>
                    <CaseStatusTag status={c.status} />
                    <OverdueTag overdue={c.overdue} />
                    {c.relation === 'follower' ? <Tag>{t('cases.following')}</Tag> : null}
                  </Space>
                  <div className="lx-muted">
                    {c.trackingNumber} · {c.category.name} · {formatDateTime(c.createdAt, lang)}
                  </div>
                </Link>
              </List.Item>
            )}
          />
          {list.data.total > list.data.pageSize ? (
            <Pagination
              simple
              current={list.data.page}
              pageSize={list.data.pageSize}
              total={list.data.total}
              onChange={(p) => set({ page: String(p) })}
              className="lx-case-pager"
            />
          ) : null}
        </>
      ) : null}
    </div>
  );
}
