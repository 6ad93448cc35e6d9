import { Input, List, Pagination, Select, Space, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { regionPrefix } from '../../../../common/regions.js';
import { api } from '../../api/client.js';
import { EmptyState, ErrorState, Loading } from '../../components/states.js';
import { formatDateTime } from '../../lib/time.js';
import { useLoad } from '../../lib/useLoad.js';
import { RegionDrill, ZHUZHOU } from '../RegionDrill.js';
import { CaseStatusTag, SnippetText, useLang } from '../shared.js';
import type { Category, PublicCase } from '../types.js';

/** `/cases/public`: public cases, personal data masked, by region, category and words (highlighted). */
export default function PublicCasesPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const [params, setParams] = useSearchParams();
  const region = params.get('region') ?? ZHUZHOU;
  const category = params.get('category') ?? '';
  const q = params.get('q') ?? '';
  const page = Number(params.get('page') ?? '1') || 1;
  const set = (next: Record<string, string>) => {
    const merged = { region, category, q, page: '1', ...next };
    setParams(Object.fromEntries(Object.entries(merged).filter(([, v]) => v)));
  };
  const categories = useLoad((signal) => api.get<{ items: Category[] }>('/cases/categories', undefined, { signal }), []);
  const list = useLoad(
    (signal) =>
      api.get<{ items: PublicCase[]; total: number; totalCapped?: boolean; page: number; pageSize: number }>(
        '/cases/public',
        { regionPrefix: regionPrefix(region), category: category || undefined, q: q || undefined, page, pageSize: 10 },
        { signal, quiet401: true },
      ),
    [region, category, q, page],
  );

  return (
    <div data-testid="page-cases-public">
      <Typography.Title level={3}>{t('cases.publicTitle')}</Typography.Title>
      <Typography.Paragraph className="lx-hint">{t('cases.publicHint')}</Typography.Paragraph>
      <Space direction="vertical" style={{ width: '100%' }} className="lx-case-filters">
        <Input.Search defaultValue={q} allowClear placeholder={t('cases.searchPlaceholder')} onSearch={(v) => set({ q: v.trim() })} data-testid="public-search" enterButton />
        <RegionDrill code={region} onChange={(c) => set({ region: c })} />
        <Select
          allowClear
          style={{ width: '100%' }}
          value={category || undefined}
          placeholder={t('cases.allCategories')}
          onChange={(v?: string) => set({ category: v ?? '' })}
          options={(categories.data?.items ?? []).filter((c) => !c.confidential).map((c) => ({ value: c.code, label: c.parentCode ? `— ${c.name}` : c.name }))}
          aria-label={t('cases.category')}
          data-testid="public-category"
        />
      </Space>
      {list.loading && !list.data ? <Loading /> : null}
      {list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : null}
      {list.data ? (
        <>
          <div className="lx-muted">{t('common.total', { total: list.data.totalCapped ? `${list.data.total.toLocaleString()}+` : list.data.total })}</div>
          <List
            className="lx-case-list"
            dataSource={list.data.items}
            locale={{ emptyText: <EmptyState title={t('cases.publicEmpty')} hint={t('cases.publicEmptyHint')} /> }}
            renderItem={(c) => (
              <List.Item data-testid="public-item">
                <Link to={`/cases/track?number=${c.trackingNumber}`} className="lx-case-link">
                  <div className="lx-case-item-title">{c.title}</div>
                  <SnippetText parts={c.snippet} title={c.title} />
                  <Space wrap size={4}>
                    <CaseStatusTag status={c.status} />
                    <span className="lx-muted">{c.category.name}</span>
                  </Space>
                  <div className="lx-muted">
                    {c.region.name} · {c.requesterName} · {formatDateTime(c.createdAt, lang)}
                    {c.handlingUnit ? ` · ${c.handlingUnit.name}` : ''}
                  </div>
                </Link>
              </List.Item>
            )}
          />
          {list.data.total > list.data.pageSize ? (
            <Pagination simple current={list.data.page} pageSize={list.data.pageSize} total={list.data.total} onChange={(p) => set({ page: String(p) })} />
          ) : null}
        </>
      ) : null}
    </div>
  );
}
