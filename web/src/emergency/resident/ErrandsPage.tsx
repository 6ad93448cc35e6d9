import { Button, Space, Tabs, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { useFeedback } from '../../app/feedback.js';
import { ResidentLayout } from '../../app/ResidentLayout.js';
import { EmptyState, ErrorState, Loading } from '../../components/states.js';
import { useLoad } from '../../lib/useLoad.js';
import type { Need, NeedWithTimeline, Paged } from '../api.js';
import { NeedCard } from './NeedCard.js';
import { RouteList } from './RouteList.js';

const TABS = ['waiting', 'mine', 'route'] as const;
type Tab = (typeof TABS)[number];
const FINISHED = ['confirmed', 'cancelled', 'delivered'];

/** `/emergency/i/:incidentId/errands`: a volunteer's needs to claim, their errands, and the route. */
export default function ErrandsPage() {
  const { incidentId = '' } = useParams();
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const tab = (TABS.includes(search.get('tab') as Tab) ? search.get('tab') : 'waiting') as Tab;
  return (
    <ResidentLayout>
      <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="errands-page">
        <Link to="/emergency" className="lx-back">
          <ArrowLeftOutlined aria-hidden /> {t('nav.back')}
        </Link>
        <Typography.Title level={3} className="lx-em-title">
          {t('emergency.home.errands')}
        </Typography.Title>
        <Tabs
          activeKey={tab}
          onChange={(k) => setSearch({ tab: k }, { replace: true })}
          items={TABS.map((k) => ({ key: k, label: <span data-testid={`errands-tab-${k}`}>{t(`emergency.errand.tab.${k}`)}</span> }))}
        />
        {tab === 'waiting' ? <Waiting incidentId={incidentId} /> : null}
        {tab === 'mine' ? <Mine incidentId={incidentId} /> : null}
        {tab === 'route' ? <RouteList incidentId={incidentId} /> : null}
      </Space>
    </ResidentLayout>
  );
}

function Waiting({ incidentId }: { incidentId: string }) {
  const { t } = useTranslation();
  const feedback = useFeedback();
  const [page, setPage] = useState(1);
  const [busy, setBusy] = useState<string | null>(null);
  const needs = useLoad(
    (signal) => api.get<Paged<Need>>(`/emergency/incidents/${incidentId}/needs`, { status: 'open', page, pageSize: 20 }, { signal }),
    [incidentId, page],
  );
  const claim = async (need: Need) => {
    setBusy(need.id);
    try {
      await api.post<NeedWithTimeline>(`/emergency/needs/${need.id}/actions/claim`, {});
      feedback.success(t('emergency.errand.done.claim'));
      needs.setData((p) => p && { ...p, items: p.items.filter((x) => x.id !== need.id), total: p.total - 1 });
    } catch (err) {
      feedback.error(err);
      needs.reload();
    } finally {
      setBusy(null);
    }
  };
  const items = needs.data?.items ?? [];
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="errands-waiting">
      <div className="lx-muted">{t('emergency.errand.waitingHint')}</div>
      {needs.loading && !needs.data ? <Loading rows={4} /> : null}
      {needs.error ? <ErrorState error={needs.error} onRetry={needs.reload} /> : null}
      {needs.data && items.length === 0 ? <EmptyState title={t('emergency.errand.noneWaiting')} hint={t('emergency.errand.noneWaitingHint')} /> : null}
      {items.map((n) => (
        <NeedCard
          key={n.id}
          need={n}
          action={
            n.abilities.actions.includes('claim') ? (
              <Button type="primary" size="large" loading={busy === n.id} onClick={() => void claim(n)} data-testid="need-claim">
                {t('emergency.action.claim')}
              </Button>
            ) : null
          }
        />
      ))}
      {needs.data && needs.data.total > page * needs.data.pageSize ? (
        <Button block onClick={() => setPage(page + 1)}>
          {t('emergency.more')}
        </Button>
      ) : null}
    </Space>
  );
}

function Mine({ incidentId }: { incidentId: string }) {
  const { t } = useTranslation();
  const needs = useLoad(
    (signal) => api.get<Paged<Need>>(`/emergency/incidents/${incidentId}/needs`, { mine: 'claimed', pageSize: 100 }, { signal }),
    [incidentId],
  );
  const items = [...(needs.data?.items ?? [])].sort((a, b) => Number(FINISHED.includes(a.status)) - Number(FINISHED.includes(b.status)));
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="errands-mine">
      {needs.loading && !needs.data ? <Loading rows={4} /> : null}
      {needs.error ? <ErrorState error={needs.error} onRetry={needs.reload} /> : null}
      {needs.data && items.length === 0 ? <EmptyState title={t('emergency.errand.noneMine')} hint={t('emergency.errand.noneMineHint')} /> : null}
      {items.map((n) => (
        <NeedCard key={n.id} need={n} />
      ))}
    </Space>
  );
}
