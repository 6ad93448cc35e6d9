import { Button, Card, Descriptions, Input, Space, Table, Tag, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { useFeedback } from '../../app/feedback.js';
import { ConsolePage } from '../../console/ConsolePage.js';
import { EmptyState, ErrorState, Loading } from '../../components/states.js';
import { formatDateTime } from '../../lib/time.js';
import { useLoad } from '../../lib/useLoad.js';
import type { Notice, NoticeDelivery, Unreached } from '../api.js';
import { useLiveEvents } from '../useLive.js';
import { DeliveryProgress } from './NoticesConsole.js';

type Row = Unreached['items'][number];

/** `/console/emergency/notices/:id`: live delivery progress, acknowledgements, and the households still to knock on. */
export default function NoticeDetail() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const feedback = useFeedback();
  const [page, setPage] = useState(1);
  const [area, setArea] = useState('');
  const [visiting, setVisiting] = useState<string | null>(null);
  const notice = useLoad((signal) => api.get<Notice>(`/emergency/notices/${id}`, undefined, { signal }), [id]);
  const unreached = useLoad(
    (signal) => api.get<Unreached>(`/emergency/notices/${id}/unreached`, { page, pageSize: 50, regionCode: /^\d{2,15}$/.test(area) ? area : undefined }, { signal }),
    [id, page, area],
  );
  const live = useLiveEvents(`/api/emergency/notices/${id}/stream`, ['progress', 'ack'], (type) => {
    if (type === 'progress') {
      void api.get<NoticeDelivery>(`/emergency/notices/${id}/progress`).then((progress) => notice.setData((n) => n && { ...n, progress })).catch(() => undefined);
    }
    notice.reload();
    unreached.reload();
  });

  const visit = async (row: Row) => {
    setVisiting(row.householdId);
    try {
      await api.post(`/emergency/notices/${id}/households/${row.householdId}/visit`, {});
      feedback.success(t('emergency.console.notices.visited'));
      unreached.setData((p) => p && { ...p, items: p.items.filter((x) => x.householdId !== row.householdId), total: p.total - 1 });
      notice.reload();
    } catch (err) {
      feedback.error(err);
    } finally {
      setVisiting(null);
    }
  };

  const n = notice.data;
  return (
    <ConsolePage
      title={n?.title ?? t('emergency.console.notices.title')}
      extra={
        <Link to="/console/emergency/notices">
          <ArrowLeftOutlined /> {t('nav.back')}
        </Link>
      }
      testId="console-notice"
    >
      {notice.loading && !n ? <Loading rows={4} /> : null}
      {notice.error ? <ErrorState error={notice.error} onRetry={notice.reload} /> : null}
      {n ? (
        <Space direction="vertical" size="large" style={{ width: '100%' }}>
          <Descriptions bordered size="small" column={1}>
            <Descriptions.Item label={t('emergency.console.notices.area')}>{n.regionName}</Descriptions.Item>
            <Descriptions.Item label={t('emergency.console.notices.sender')}>
              {n.senderName} · {formatDateTime(n.createdAt, i18n.language)}
            </Descriptions.Item>
            <Descriptions.Item label={t('emergency.console.notices.body')}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{n.body}</Typography.Paragraph>
            </Descriptions.Item>
          </Descriptions>
          <Card size="small" title={t('emergency.console.notices.delivery.title')} extra={<Tag color={live === 'open' ? 'green' : 'default'}>{t(`emergency.console.live.${live}`)}</Tag>}>
            <DeliveryProgress notice={n} />
            {n.progress ? (
              <div className="lx-muted">
                {t('emergency.console.notices.elapsed', { s: (n.progress.elapsedMs / 1000).toFixed(1) })}
                {n.progress.finishedAt ? ` · ${formatDateTime(n.progress.finishedAt, i18n.language)}` : ''}
              </div>
            ) : null}
          </Card>
          {n.tracking ? (
            <div className="lx-em-kpis" data-testid="notice-tracking">
              {(['households', 'seen', 'acknowledged', 'reachedByVisit', 'unreached'] as const).map((k) => (
                <Card size="small" key={k}>
                  <div className="lx-muted">{t(`emergency.console.notices.tracking.${k}`)}</div>
                  <div className="lx-em-route-total">{n.tracking![k]}</div>
                </Card>
              ))}
            </div>
          ) : null}
          <Card size="small" title={t('emergency.console.notices.unreachedTitle')} data-testid="notice-unreached">
            <Space direction="vertical" style={{ width: '100%' }}>
              <div className="lx-muted">{t('emergency.console.notices.unreachedHint')}</div>
              <Input.Search allowClear placeholder={t('emergency.console.notices.areaFilter')} onSearch={(v) => { setArea(v.trim()); setPage(1); }} style={{ maxWidth: 320 }} />
              {unreached.error ? <ErrorState error={unreached.error} onRetry={unreached.reload} /> : null}
              <Table<Row>
                rowKey="householdId"
                size="small"
                loading={unreached.loading}
                dataSource={unreached.data?.items ?? []}
                pagination={{ current: page, pageSize: 50, total: unreached.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
                locale={{ emptyText: <EmptyState title={t('emergency.console.notices.allReached')} /> }}
                columns={[
                  { title: t('emergency.console.notices.address'), render: (_, r) => `${r.regionName} ${r.address}` },
                  { title: t('emergency.console.notices.representative'), render: (_, r) => (r.representative ? `${r.representative.name} ${r.representative.phone ?? ''}` : '—') },
                  { title: t('emergency.console.notices.seen'), render: (_, r) => (r.seen ? <Tag color="blue">{t('emergency.console.notices.seenYes')}</Tag> : <Tag>{t('emergency.console.notices.seenNo')}</Tag>) },
                  {
                    title: '',
                    render: (_, r) =>
                      n.abilities.follow ? (
                        <Button size="small" loading={visiting === r.householdId} onClick={() => void visit(r)} data-testid="notice-visit">
                          {t('emergency.console.notices.visit')}
                        </Button>
                      ) : null,
                  },
                ]}
              />
            </Space>
          </Card>
        </Space>
      ) : null}
    </ConsolePage>
  );
}
