import { Alert, Button, Card, Form, Input, Modal, Progress, Space, Table, Tag } from 'antd';
import { NotificationOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api, applyFormError, errorText } from '../../api/client.js';
import { useFeedback } from '../../app/feedback.js';
import { ConsolePage } from '../../console/ConsolePage.js';
import { RegionPicker, type PickedRegion } from '../../components/RegionPicker.js';
import { EmptyState, ErrorState } from '../../components/states.js';
import { formatDateTime } from '../../lib/time.js';
import { useLoad } from '../../lib/useLoad.js';
import type { Incident, Notice, Paged } from '../api.js';
import { IncidentSwitch, WithIncident } from './IncidentContext.js';

/** `/console/emergency/notices`: notices to every household of an area, with delivery and acknowledgement tracking. */
export default function NoticesConsole() {
  const { t } = useTranslation();
  return (
    <ConsolePage title={t('emergency.console.notices.title')} description={t('emergency.console.notices.description')} extra={<IncidentSwitch />} testId="console-notices">
      <WithIncident>{(incident) => <NoticeList incident={incident} />}</WithIncident>
    </ConsolePage>
  );
}

export function DeliveryProgress({ notice }: { notice: Notice }) {
  const { t } = useTranslation();
  const p = notice.progress;
  if (!p) return null;
  return (
    <div data-testid="notice-progress" data-status={p.status}>
      <Progress percent={Math.floor(p.percent)} status={p.status === 'failed' ? 'exception' : p.status === 'delivered' ? 'success' : 'active'} size="small" />
      <span className="lx-muted">
        {t(`emergency.console.notices.delivery.${p.status}`)} · {t('emergency.console.notices.queued', { queued: p.queued, total: p.total })}
      </span>
    </div>
  );
}

function NoticeList({ incident }: { incident: Incident }) {
  const { t, i18n } = useTranslation();
  const [page, setPage] = useState(1);
  const [composing, setComposing] = useState(false);
  const notices = useLoad((signal) => api.get<Paged<Notice>>(`/emergency/incidents/${incident.id}/notices`, { page, pageSize: 20 }, { signal }), [incident.id, page]);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {incident.active ? (
        <Button type="primary" icon={<NotificationOutlined />} onClick={() => setComposing(true)} data-testid="notice-compose">
          {t('emergency.console.notices.compose')}
        </Button>
      ) : null}
      {notices.error ? <ErrorState error={notices.error} onRetry={notices.reload} /> : null}
      <Table<Notice>
        rowKey="id"
        loading={notices.loading}
        dataSource={notices.data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: notices.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        locale={{ emptyText: <EmptyState title={t('emergency.console.notices.empty')} hint={t('emergency.console.notices.emptyHint')} /> }}
        columns={[
          { title: t('emergency.console.notices.noticeTitle'), render: (_, n) => <Link to={`/console/emergency/notices/${n.id}`} data-testid="notice-link">{n.title}</Link> },
          { title: t('emergency.console.notices.area'), dataIndex: 'regionName' },
          { title: t('emergency.console.notices.sender'), render: (_, n) => `${n.senderName} · ${formatDateTime(n.createdAt, i18n.language)}` },
          { title: t('emergency.console.notices.delivery.title'), render: (_, n) => <DeliveryProgress notice={n} /> },
          {
            title: t('emergency.console.notices.acks'),
            render: (_, n) => (n.tracking ? `${n.tracking.acknowledged + n.tracking.reachedByVisit} / ${n.tracking.households}` : '—'),
          },
          { title: t('emergency.console.notices.unreached'), render: (_, n) => (n.tracking ? <Tag color={n.tracking.unreached ? 'orange' : 'green'}>{n.tracking.unreached}</Tag> : '—') },
        ]}
      />
      <ComposeNotice incident={incident} open={composing} onClose={() => setComposing(false)} onSent={() => { setComposing(false); notices.reload(); }} />
    </Space>
  );
}

function ComposeNotice({ incident, open, onClose, onSent }: { incident: Incident; open: boolean; onClose(): void; onSent(n: Notice): void }) {
  const { t } = useTranslation();
  const feedback = useFeedback();
  const [form] = Form.useForm<{ region: PickedRegion; title: string; body: string }>();
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const send = async (v: { region: PickedRegion; title: string; body: string }) => {
    setSending(true);
    setProblem(null);
    try {
      const notice = await api.post<Notice>(`/emergency/incidents/${incident.id}/notices`, { regionCode: v.region.code, title: v.title.trim(), body: v.body.trim() });
      feedback.success(t('emergency.console.notices.sent'));
      form.resetFields();
      onSent(notice);
    } catch (err) {
      if (!applyFormError(form, err, { regionCode: 'region' })) setProblem(errorText(err));
    } finally {
      setSending(false);
    }
  };
  return (
    <Modal open={open} onCancel={onClose} title={t('emergency.console.notices.compose')} footer={null} width={640} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => void send(v)} data-testid="notice-form">
        <Form.Item name="region" label={t('emergency.console.notices.area')} extra={t('emergency.console.notices.areaHint')} rules={[{ required: true, message: t('emergency.console.notices.areaRequired') }]}>
          <RegionPicker root={incident.regionCode} />
        </Form.Item>
        <Form.Item name="title" label={t('emergency.console.notices.noticeTitle')} rules={[{ required: true, whitespace: true, message: t('emergency.console.notices.titleRequired') }]}>
          <Input maxLength={60} showCount />
        </Form.Item>
        <Form.Item name="body" label={t('emergency.console.notices.body')} rules={[{ required: true, whitespace: true, message: t('emergency.console.notices.bodyRequired') }]}>
          <Input.TextArea rows={8} maxLength={4000} showCount />
        </Form.Item>
        {problem ? <Alert type="error" showIcon message={problem} className="lx-em-gap" /> : null}
        <Button type="primary" htmlType="submit" loading={sending} block>
          {t('emergency.console.notices.send')}
        </Button>
      </Form>
    </Modal>
  );
}
