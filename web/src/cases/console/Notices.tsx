import { Alert, Button, List, Space } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { useFeedback } from '../../app/feedback.js';
import { formatDateTime } from '../../lib/time.js';
import { useLoad } from '../../lib/useLoad.js';
import { useLang } from '../shared.js';

interface Notice {
  id: string;
  kind: 'response_warning' | 'resolution_warning' | 'response_overdue' | 'escalated';
  unit: { id: string; name: string } | null;
  case: { id: string; trackingNumber: string; title: string };
  message: string;
  createdAt: string;
  readAt: string | null;
}

/**
 * The deadline job's unread notices for me and my units (GET /api/cases/notifications):
 * warnings before a deadline, overdue responses, escalations. Shown above the queue.
 */
export function DeadlineNotices({ refreshKey }: { refreshKey: number }) {
  const { t } = useTranslation();
  const lang = useLang();
  const feedback = useFeedback();
  const notices = useLoad(
    (signal) => api.get<{ items: Notice[]; total: number; unread: number }>('/cases/notifications', { unread: true, pageSize: 5 }, { signal }),
    [refreshKey],
  );
  const items = notices.data?.items ?? [];
  if (!items.length) return null;
  const read = async (n: Notice) => {
    try {
      await api.post(`/cases/notifications/${n.id}/read`);
      notices.reload();
    } catch (err) {
      feedback.error(err);
    }
  };
  return (
    <Alert
      type="warning"
      showIcon
      icon={<BellOutlined />}
      style={{ marginBottom: 12 }}
      data-testid="deadline-notices"
      message={t('cases.noticesTitle', { count: notices.data?.unread ?? items.length })}
      description={
        <List
          size="small"
          dataSource={items}
          renderItem={(n) => (
            <List.Item
              data-testid="deadline-notice"
              data-kind={n.kind}
              actions={[
                <Button key="read" size="small" type="link" onClick={() => void read(n)}>
                  {t('cases.noticeRead')}
                </Button>,
              ]}
            >
              <Space direction="vertical" size={0}>
                <Link to={`/console/cases/${n.case.id}`}>
                  {n.case.trackingNumber} · {n.case.title}
                </Link>
                <span>{n.message}</span>
                <span className="lx-muted">{formatDateTime(n.createdAt, lang)}</span>
              </Space>
            </List.Item>
          )}
        />
      }
    />
  );
}
