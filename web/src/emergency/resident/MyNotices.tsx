import { Button, Card, Space, Typography } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorText } from '../../api/client.js';
import { useFeedback } from '../../app/feedback.js';
import { StatusTag } from '../../components/StatusTag.js';
import { ErrorState } from '../../components/states.js';
import { formatDateTime } from '../../lib/time.js';
import { useLoad } from '../../lib/useLoad.js';
import type { Notice, Paged } from '../api.js';

/** Notices (通告) delivered to my households, each with 「我已收到」. */
export function MyNotices({ incidentId }: { incidentId: string }) {
  const { t } = useTranslation();
  const notices = useLoad((signal) => api.get<Paged<Notice>>('/emergency/notices/mine', { incidentId, pageSize: 20 }, { signal }), [incidentId]);
  if (notices.error) return <ErrorState error={notices.error} onRetry={notices.reload} />;
  const items = notices.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="em-notices" data-testid="my-notices">
      <Typography.Title level={4} id="em-notices">
        {t('emergency.notices.mineTitle')}
      </Typography.Title>
      <Space direction="vertical" style={{ width: '100%' }}>
        {items.map((n) => (
          <NoticeCard key={n.id} notice={n} onChange={(next) => notices.setData((p) => p && { ...p, items: p.items.map((x) => (x.id === next.id ? next : x)) })} />
        ))}
      </Space>
    </section>
  );
}

function NoticeCard({ notice, onChange }: { notice: Notice; onChange(n: Notice): void }) {
  const { t, i18n } = useTranslation();
  const feedback = useFeedback();
  const [busy, setBusy] = useState(false);
  const acked = notice.mine?.ackedAt;
  const ack = async () => {
    setBusy(true);
    try {
      await api.post(`/emergency/notices/${notice.id}/ack`, notice.mine ? { householdId: notice.mine.householdId } : {});
      onChange({ ...notice, mine: notice.mine ? { ...notice.mine, ackedAt: new Date().toISOString() } : notice.mine, abilities: { ...notice.abilities, ack: false } });
      feedback.success(t('emergency.notices.acked'));
    } catch (err) {
      feedback.error(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card className="lx-em-notice" data-testid="notice-item" data-notice-id={notice.id}>
      <Typography.Title level={5}>{notice.title}</Typography.Title>
      <div className="lx-muted">
        {notice.senderName} · {formatDateTime(notice.createdAt, i18n.language)}
      </div>
      <Typography.Paragraph className="lx-em-notice-body">{notice.body}</Typography.Paragraph>
      {acked ? (
        <StatusTag tone="success" testId="notice-acked">
          {t('emergency.notices.ackedAt', { time: formatDateTime(acked, i18n.language) })}
        </StatusTag>
      ) : notice.abilities.ack ? (
        <Button type="primary" size="large" block icon={<CheckOutlined />} loading={busy} onClick={() => void ack()} data-testid="notice-ack">
          {t('emergency.notices.ack')}
        </Button>
      ) : null}
    </Card>
  );
}
