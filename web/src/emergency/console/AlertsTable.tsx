import { Button, Input, Modal, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { useFeedback } from '../../app/feedback.js';
import { EmptyState, ErrorState } from '../../components/states.js';
import { formatDateTime } from '../../lib/time.js';
import type { Loaded } from '../../lib/useLoad.js';
import type { StationAlerts } from '../api.js';

type AlertRow = StationAlerts['items'][number];

/** A station's alerts raised by the deterioration rules: escalate to the designated hospital, or dismiss with a reason. */
export function AlertsTable({ loaded, onChange, onOpenStay }: { loaded: Loaded<StationAlerts>; onChange(): void; onOpenStay(stayId: string): void }) {
  const { t, i18n } = useTranslation();
  const feedback = useFeedback();
  const [dismissing, setDismissing] = useState<AlertRow | null>(null);
  const [reason, setReason] = useState('');
  const escalate = async (a: AlertRow) => {
    try {
      await api.post(`/emergency/alerts/${a.id}/escalate`, {});
      feedback.success(t('emergency.console.alerts.escalated'));
      onChange();
    } catch (err) {
      feedback.error(err);
    }
  };
  return (
    <>
      {loaded.error ? <ErrorState error={loaded.error} onRetry={loaded.reload} /> : null}
      <Table<AlertRow>
        rowKey="id"
        size="small"
        loading={loaded.loading}
        dataSource={loaded.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: <EmptyState title={t('emergency.console.alerts.empty')} /> }}
        columns={[
          { title: t('emergency.console.alerts.severity'), render: (_, a) => <Tag color={a.severity === 'critical' ? 'red' : 'orange'}>{t(`emergency.console.alerts.severities.${a.severity}`)}</Tag> },
          { title: t('emergency.console.stays.name'), render: (_, a) => <Button type="link" onClick={() => onOpenStay(a.stayId)}>{a.residentName}</Button> },
          { title: t('emergency.console.alerts.rule'), render: (_, a) => t(`emergency.console.alerts.rules.${a.rule}`, { defaultValue: a.rule }) },
          { title: t('emergency.console.alerts.raised'), render: (_, a) => formatDateTime(a.raisedAt, i18n.language) },
          {
            title: '',
            render: (_, a) =>
              a.status === 'open' ? (
                <Space>
                  <Button size="small" danger type="primary" onClick={() => void escalate(a)} data-testid="alert-escalate">
                    {t('emergency.console.alerts.escalate')}
                  </Button>
                  <Button size="small" onClick={() => setDismissing(a)}>
                    {t('emergency.console.alerts.dismiss')}
                  </Button>
                </Space>
              ) : (
                <Tag>{t(`emergency.console.alerts.statuses.${a.status}`)}</Tag>
              ),
          },
        ]}
      />
      <Modal
        open={!!dismissing}
        onCancel={() => setDismissing(null)}
        title={t('emergency.console.alerts.dismiss')}
        okButtonProps={{ disabled: !reason.trim() }}
        onOk={async () => {
          if (!dismissing) return;
          try {
            await api.post(`/emergency/alerts/${dismissing.id}/dismiss`, { reason: reason.trim() });
            setDismissing(null);
            setReason('');
            onChange();
          } catch (err) {
            feedback.error(err);
          }
        }}
      >
        <Input.TextArea rows={3} maxLength={200} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('emergency.console.alerts.dismissPlaceholder')} />
      </Modal>
    </>
  );
}
