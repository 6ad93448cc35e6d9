import { Button, Card, List, Pagination, Select, Space, Typography } from 'antd';
import { EnvironmentOutlined, RightOutlined, SwapOutlined } from '@ant-design/icons';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import type { RegionDetail } from '../../api/types.js';
import { useAuth } from '../../app/auth.js';
import { RegionPicker } from '../../components/RegionPicker.js';
import { EmptyState, ErrorState, Loading } from '../../components/states.js';
import { formatDateTime } from '../../lib/time.js';
import { useLoad } from '../../lib/useLoad.js';
import { kindLabel, periodLabel, villageOf } from '../shared/labels.js';
import { PublicationTags } from '../shared/StatusTags.js';
import { PUBLICATION_KINDS, type PublicationPage } from '../shared/types.js';

/** Recent months for the period filter (newest first). */
function recentPeriods(n: number): string[] {
  const now = new Date(Date.now() + 8 * 3600_000);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1));
    out.push(d.toISOString().slice(0, 7));
  }
  return out;
}

/** One of my villages, by name. */
function VillageChip({ code, active, onPick }: { code: string; active: boolean; onPick(): void }) {
  const region = useLoad((signal) => api.get<RegionDetail>(`/regions/${code}`, undefined, { signal }), [code]);
  return (
    <Button size="small" type={active ? 'primary' : 'default'} onClick={onPick} data-testid="my-village" data-code={code} aria-pressed={active}>
      {region.data?.name ?? code}
    </Button>
  );
}

/**
 * `/disclosures`: a village's publications, by period and kind. The village
 * is the one of the resident's household (`?village=` remembers a choice);
 * anyone may pick another, because disclosures are public.
 */
export default function VillagePublications() {
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  const [params, setParams] = useSearchParams();
  const [picking, setPicking] = useState(false);
  const mine = useMemo(() => [...new Set((me?.householdRegions ?? []).map(villageOf).filter((c): c is string => !!c))], [me]);
  const village = params.get('village') ?? mine[0] ?? null;
  const kind = params.get('kind') ?? '';
  const period = params.get('period') ?? '';
  const page = Number(params.get('page') ?? 1) || 1;

  const set = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next, { replace: true });
  };

  const region = useLoad((signal) => (village ? api.get<RegionDetail>(`/regions/${village}`, undefined, { signal }) : Promise.resolve(null)), [village]);
  const list = useLoad(
    (signal) =>
      village
        ? api.get<PublicationPage>(`/disclosures/villages/${village}/publications`, { kind, period, page, pageSize: 12 }, { signal })
        : Promise.resolve(null),
    [village, kind, period, page],
  );
  const periods = useMemo(() => recentPeriods(24), []);
  const place = region.data ? (region.data.path ?? []).slice(2).map((p) => p.name).join(' / ') || region.data.name : '';

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="disclosures-home">
      <Typography.Title level={3}>{t('disclosures.title')}</Typography.Title>
      <Typography.Paragraph className="lx-hint">{t('disclosures.intro')}</Typography.Paragraph>

      <Card size="small" data-testid="village-card">
        <div className="lx-dc-village">
          <span>
            <EnvironmentOutlined aria-hidden /> <strong data-testid="village-name">{village ? place || village : t('disclosures.noVillage')}</strong>
          </span>
          <Button icon={<SwapOutlined />} onClick={() => setPicking((p) => !p)} data-testid="village-change" aria-expanded={picking}>
            {t('disclosures.pickVillage')}
          </Button>
        </div>
        {mine.length > 1 ? (
          <Space wrap className="lx-dc-mine">
            {mine.map((code) => (
              <VillageChip key={code} code={code} active={code === village} onPick={() => set({ village: code })} />
            ))}
          </Space>
        ) : null}
        {picking ? (
          <div className="lx-dc-picker">
            <Typography.Paragraph className="lx-hint">{t('disclosures.pickHint')}</Typography.Paragraph>
            <RegionPicker
              onChange={(r) => {
                const code = villageOf(r.code);
                if (code) {
                  set({ village: code });
                  setPicking(false);
                }
              }}
            />
          </div>
        ) : null}
      </Card>

      {!village ? (
        <EmptyState title={t('disclosures.noVillage')} hint={t('disclosures.noVillageHint')} />
      ) : (
        <>
          <div className="lx-dc-filters">
            <Select
              value={kind}
              onChange={(v) => set({ kind: v })}
              aria-label={t('disclosures.filterKind')}
              data-testid="filter-kind"
              options={[{ value: '', label: t('disclosures.allKinds') }, ...PUBLICATION_KINDS.map((k) => ({ value: k, label: kindLabel(t, k) }))]}
            />
            <Select
              value={period}
              onChange={(v) => set({ period: v })}
              aria-label={t('disclosures.filterPeriod')}
              data-testid="filter-period"
              options={[{ value: '', label: t('disclosures.allPeriods') }, ...periods.map((p) => ({ value: p, label: periodLabel(p, i18n.language) }))]}
            />
          </div>
          {list.loading && !list.data ? <Loading rows={4} /> : null}
          {list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : null}
          {list.data ? (
            list.data.items.length === 0 ? (
              <EmptyState title={t('disclosures.noPublications')} hint={kind || period ? t('disclosures.noPublicationsFiltered') : t('disclosures.noPublicationsHint')} />
            ) : (
              <>
                <List
                  bordered
                  dataSource={list.data.items}
                  data-testid="publication-list"
                  renderItem={(p) => (
                    <List.Item>
                      <Link to={`/disclosures/publications/${p.id}`} className="lx-dc-row" data-testid="publication-link" data-kind={p.kind} data-period={p.period} data-id={p.id}>
                        <span className="lx-dc-row-text">
                          <span className="lx-dc-row-title">
                            {periodLabel(p.period, i18n.language)} · {kindLabel(t, p.kind)}
                          </span>
                          <span className="lx-muted">{p.title}</span>
                          <PublicationTags p={p} />
                          {p.publishedAt ? <span className="lx-muted">{t('disclosures.publishedAt', { at: formatDateTime(p.publishedAt, i18n.language) })}</span> : null}
                        </span>
                        <RightOutlined aria-hidden />
                      </Link>
                    </List.Item>
                  )}
                />
                {list.data.total > list.data.pageSize ? (
                  <Pagination simple current={page} pageSize={list.data.pageSize} total={list.data.total} onChange={(n) => set({ page: String(n) })} />
                ) : null}
              </>
            )
          ) : null}
        </>
      )}
    </Space>
  );
}
