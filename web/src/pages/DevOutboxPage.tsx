import { Alert, Button, Card, Input, List, Space, Typography } from 'antd';
import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../api/client.js';
import type { OutboxItem } from '../api/types.js';
import { ResidentLayout } from '../app/ResidentLayout.js';
import { EmptyState, ErrorState, Loading } from '../components/states.js';
import { useLoad } from '../lib/useLoad.js';
import { formatDateTime } from '../lib/time.js';

/** `/dev/outbox` (demo mode only): the text messages the server would have sent, so testers can read their code. */
export default function DevOutboxPage() {
  const { t, i18n } = useTranslation();
  const [phone, setPhone] = useState('');
  const outbox = useLoad((signal) => api.get<{ items: OutboxItem[] }>('/dev/outbox', undefined, { signal, quiet401: true }), []);

  useEffect(() => {
    const timer = setInterval(outbox.reload, 5000);
    return () => clearInterval(timer);
  }, [outbox.reload]);

  // Phones in the outbox are masked (138****5678): match a typed full number by its masked form.
  const typed = phone.replace(/\D/g, '');
  const masked = typed.length === 11 ? `${typed.slice(0, 3)}****${typed.slice(7)}` : null;
  const items = (outbox.data?.items ?? []).filter((m) => !typed || m.phone === masked || m.phone.replace(/\D/g, '').includes(typed));
  const notDemo = isApiError(outbox.error, 404);

  return (
    <ResidentLayout>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Link to="/login">
          <ArrowLeftOutlined aria-hidden /> {t('outbox.back')}
        </Link>
        <Typography.Title level={3}>{t('outbox.title')}</Typography.Title>
        <Alert type="warning" showIcon message={t('outbox.warning')} />
        <Space wrap>
          <Input
            allowClear
            value={phone}
            onChange={(e) => setPhone(e.target.value)}
            placeholder={t('outbox.filterPhone')}
            aria-label={t('outbox.filterPhone')}
            inputMode="numeric"
            data-testid="outbox-filter"
          />
          <Button icon={<ReloadOutlined />} onClick={outbox.reload}>
            {t('common.refresh')}
          </Button>
        </Space>
        {outbox.loading && !outbox.data ? <Loading /> : null}
        {notDemo ? <Alert type="info" showIcon message={t('outbox.notDemo')} /> : outbox.error ? <ErrorState error={outbox.error} onRetry={outbox.reload} /> : null}
        {outbox.data ? (
          items.length === 0 ? (
            <EmptyState title={t('outbox.empty')} hint={t('outbox.emptyHint')} />
          ) : (
            <List
              dataSource={items}
              renderItem={(m) => (
                <List.Item data-testid="outbox-item" data-phone={m.phone}>
                  <Card size="small" style={{ width: '100%' }} title={m.phone} extra={formatDateTime(m.createdAt, i18n.language)}>
                    <Typography.Paragraph className="lx-outbox-body" copyable={{ text: /\d{6}/.exec(m.body)?.[0] ?? m.body }}>
                      {m.body}
                    </Typography.Paragraph>
                    <Typography.Text type="secondary">{m.purpose}</Typography.Text>
                  </Card>
                </List.Item>
              )}
            />
          )
        ) : null}
      </Space>
    </ResidentLayout>
  );
}
