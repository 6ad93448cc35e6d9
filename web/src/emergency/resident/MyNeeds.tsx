import { Button, Pagination, Space, Typography } from 'antd';
import { ArrowLeftOutlined, FormOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { ResidentLayout } from '../../app/ResidentLayout.js';
import { EmptyState, ErrorState, Loading } from '../../components/states.js';
import { useLoad } from '../../lib/useLoad.js';
import type { Need, Paged } from '../api.js';
import { NeedCard } from './NeedCard.js';

/** `/emergency/i/:incidentId/mine`: my needs, newest first, with their progress. */
export default function MyNeeds() {
  const { incidentId = '' } = useParams();
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const needs = useLoad(
    (signal) => api.get<Paged<Need>>(`/emergency/incidents/${incidentId}/needs`, { mine: 'requested', page, pageSize: 10 }, { signal }),
    [incidentId, page],
  );
  return (
    <ResidentLayout>
      <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="my-needs">
        <Link to="/emergency" className="lx-back">
          <ArrowLeftOutlined aria-hidden /> {t('nav.back')}
        </Link>
        <Typography.Title level={3} className="lx-em-title">
          {t('emergency.home.myNeeds')}
        </Typography.Title>
        <Link to={`/emergency/i/${incidentId}/new`}>
          <Button type="primary" size="large" block icon={<FormOutlined />}>
            {t('emergency.home.postNeed')}
          </Button>
        </Link>
        {needs.loading && !needs.data ? <Loading rows={4} /> : null}
        {needs.error ? <ErrorState error={needs.error} onRetry={needs.reload} /> : null}
        {needs.data && needs.data.items.length === 0 ? <EmptyState title={t('emergency.need.noneMine')} hint={t('emergency.need.noneMineHint')} /> : null}
        {needs.data?.items.map((n) => <NeedCard key={n.id} need={n} />)}
        {needs.data && needs.data.total > needs.data.pageSize ? (
          <Pagination simple current={page} pageSize={needs.data.pageSize} total={needs.data.total} onChange={setPage} />
        ) : null}
      </Space>
    </ResidentLayout>
  );
}
