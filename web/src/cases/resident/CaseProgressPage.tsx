import { Alert, Button, Card, Descriptions, Form, Input, Radio, Space, Typography } from 'antd';
import { FrownOutlined, MehOutlined, RollbackOutlined, SmileOutlined, StarOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api, applyFormError } from '../../api/client.js';
import { useAuth } from '../../app/auth.js';
import { useFeedback } from '../../app/feedback.js';
import { ErrorState, Loading } from '../../components/states.js';
import { formatDateTime } from '../../lib/time.js';
import { useLoad } from '../../lib/useLoad.js';
import { AttachmentGallery, PhotoPicker, uploadAll, type PendingPhoto } from '../photos.js';
import { CaseStatusTag, CaseTimeline, LiveBadge, OverdueTag, ratingText, useCaseStream, useLang } from '../shared.js';
import type { CaseRating, CaseView } from '../types.js';

type Panel = 'add_info' | 'rate' | 'reopen' | 'withdraw' | null;

/** A short form for one action: its fields, server errors under them. */
function ActionForm({
  caseId,
  action,
  onDone,
  onCancel,
}: {
  caseId: string;
  action: Exclude<Panel, null>;
  onDone(view: CaseView): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const feedback = useFeedback();
  const { me } = useAuth();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [photos, setPhotos] = useState<PendingPhoto[]>([]);
  const path = { add_info: 'add-info', rate: 'rate', reopen: 'reopen', withdraw: 'withdraw' }[action];

  const submit = async (values: Record<string, string>) => {
    setBusy(true);
    try {
      const body: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(values)) if (typeof v === 'string' && v.trim()) body[k] = v.trim();
      let view = await api.post<CaseView>(`/cases/${caseId}/${path}`, body);
      if (photos.length) view = (await uploadAll(caseId, photos, me?.csrfToken ?? null, setPhotos)) ?? view;
      feedback.success(t(`cases.done.${action}`));
      onDone(view);
    } catch (err) {
      if (!applyFormError(form, err)) feedback.error(err);
    } finally {
      setBusy(false);
    }
  };

  const ratings: { value: CaseRating; icon: React.ReactNode }[] = [
    { value: 'satisfied', icon: <SmileOutlined /> },
    { value: 'basically_satisfied', icon: <MehOutlined /> },
    { value: 'dissatisfied', icon: <FrownOutlined /> },
  ];

  return (
    <Card size="small" title={t(`cases.actionTitle.${action}`)} data-testid={`form-${action}`}>
      <Form form={form} layout="vertical" requiredMark={false} onFinish={submit}>
        {action === 'rate' ? (
          <>
            <Form.Item name="rating" label={t('cases.rating')} rules={[{ required: true, message: t('cases.ratingRequired') }]}>
              <Radio.Group className="lx-case-ratings" data-testid="rating-group">
                {ratings.map((r) => (
                  <Radio.Button key={r.value} value={r.value}>
                    <span data-testid={`rating-${r.value}`}>
                      {r.icon} {ratingText(lang, r.value)}
                    </span>
                  </Radio.Button>
                ))}
              </Radio.Group>
            </Form.Item>
            <Form.Item name="comment" label={t('cases.ratingComment')} rules={[{ max: 500 }]}>
              <Input.TextArea rows={2} maxLength={500} data-testid="rating-comment" />
            </Form.Item>
          </>
        ) : null}
        {action === 'add_info' ? (
          <>
            <Form.Item name="note" label={t('cases.infoNote')} rules={[{ required: true, whitespace: true, message: t('cases.noteRequired') }, { max: 1000 }]}>
              <Input.TextArea rows={3} maxLength={1000} showCount data-testid="action-note" />
            </Form.Item>
            <Form.Item label={t('cases.photos')}>
              <PhotoPicker photos={photos} onChange={setPhotos} />
            </Form.Item>
          </>
        ) : null}
        {action === 'reopen' ? (
          <Form.Item name="reason" label={t('cases.reopenReason')} rules={[{ required: true, whitespace: true, message: t('cases.reasonRequired') }, { max: 500 }]}>
            <Input.TextArea rows={3} maxLength={500} data-testid="action-reason" />
          </Form.Item>
        ) : null}
        {action === 'withdraw' ? (
          <>
            <Alert type="warning" showIcon message={t('cases.withdrawWarning')} style={{ marginBottom: 12 }} />
            <Form.Item name="reason" label={t('cases.withdrawReason')} rules={[{ max: 500 }]}>
              <Input.TextArea rows={2} maxLength={500} data-testid="action-reason" />
            </Form.Item>
          </>
        ) : null}
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={busy} danger={action === 'withdraw'} data-testid="action-submit">
            {t(`cases.actionSubmit.${action}`)}
          </Button>
          <Button onClick={onCancel}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}

/** `/cases/:id`: the progress of a case for its requester (and followers): timeline, replies, and what they may do. */
export default function CaseProgressPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const lang = useLang();
  const feedback = useFeedback();
  const loaded = useLoad((signal) => api.get<CaseView>(`/cases/${id}`, undefined, { signal }), [id]);
  const [panel, setPanel] = useState<Panel>(null);
  const live = useCaseStream((e) => e.caseId === id && loaded.reload(), { caseId: id });
  const c = loaded.data;

  if (loaded.loading && !c) return <Loading />;
  if (loaded.error && !c) return <ErrorState error={loaded.error} onRetry={loaded.reload} />;
  if (!c) return null;
  const can = c.abilities;

  const toggleFollow = async () => {
    try {
      if (c.following) await api.del(`/cases/${c.id}/follow`);
      else await api.post(`/cases/${c.id}/follow`);
      loaded.reload();
    } catch (err) {
      feedback.error(err);
    }
  };

  const buttons: { action: Exclude<Panel, null>; show: boolean; primary?: boolean }[] = [
    { action: 'rate', show: can.rate, primary: true },
    { action: 'reopen', show: can.reopen },
    { action: 'add_info', show: can.add_info, primary: c.infoRequested },
    { action: 'withdraw', show: can.withdraw },
  ];

  return (
    <div className="lx-case-progress" data-testid="page-case" data-case-id={c.id} data-status={c.status}>
      <Space className="lx-case-head" wrap>
        <Link to="/cases/mine">
          <Button type="link" icon={<RollbackOutlined />}>
            {t('cases.mineTitle')}
          </Button>
        </Link>
        <LiveBadge state={live} />
      </Space>
      <Card>
        <Typography.Title level={4} className="lx-case-title">
          {c.title}
        </Typography.Title>
        <Space wrap>
          <CaseStatusTag status={c.status} />
          <OverdueTag overdue={c.overdue} />
        </Space>
        <Descriptions column={1} size="small" className="lx-case-facts">
          <Descriptions.Item label={t('cases.trackingNumber')}>
            <strong data-testid="tracking-number">{c.trackingNumber}</strong>
          </Descriptions.Item>
          <Descriptions.Item label={t('cases.category')}>{c.category.name}</Descriptions.Item>
          <Descriptions.Item label={t('cases.place')}>
            {c.region.name}
            {c.address ? ` · ${c.address}` : ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('cases.handlingUnit')}>{c.handlingUnit?.name ?? t('cases.awaitingDispatch')}</Descriptions.Item>
          <Descriptions.Item label={t('cases.submittedAt')}>{formatDateTime(c.createdAt, lang)}</Descriptions.Item>
          <Descriptions.Item label={t('cases.dueBy')}>{formatDateTime(c.resolutionDueAt, lang)}</Descriptions.Item>
          {c.rating ? (
            <Descriptions.Item label={t('cases.rating')}>
              <div>
                <strong data-testid="case-rating" className="lx-nowrap">
                  {ratingText(lang, c.rating.value)}
                </strong>
                {c.rating.comment ? <div>{c.rating.comment}</div> : null}
              </div>
            </Descriptions.Item>
          ) : null}
          {c.mergedInto ? (
            <Descriptions.Item label={t('cases.mergedInto')}>
              <Link to={`/cases/${c.mergedInto.id}`}>{c.mergedInto.trackingNumber}</Link>
            </Descriptions.Item>
          ) : null}
        </Descriptions>
        <Typography.Paragraph className="lx-case-description">{c.description}</Typography.Paragraph>
        <AttachmentGallery caseId={c.id} attachments={c.attachments} />
      </Card>

      {c.infoRequested && can.add_info ? <Alert type="warning" showIcon message={t('cases.infoRequestedBanner')} data-testid="info-requested" /> : null}
      {c.status === 'resolved' && can.rate ? <Alert type="info" showIcon message={t('cases.rateBanner')} data-testid="rate-banner" /> : null}

      <div className="lx-case-actions" data-testid="case-actions">
        {buttons
          .filter((b) => b.show)
          .map((b) => (
            <Button
              key={b.action}
              type={b.primary ? 'primary' : 'default'}
              danger={b.action === 'withdraw'}
              block
              size="large"
              onClick={() => setPanel(panel === b.action ? null : b.action)}
              data-testid={`action-${b.action}`}
            >
              {t(`cases.actionButton.${b.action}`)}
            </Button>
          ))}
        {can.follow || c.following ? (
          <Button block size="large" icon={<StarOutlined />} onClick={() => void toggleFollow()} data-testid="follow-toggle">
            {c.following ? t('cases.unfollow') : t('cases.follow')}
          </Button>
        ) : null}
      </div>
      {panel ? (
        <ActionForm
          key={panel}
          caseId={c.id}
          action={panel}
          onCancel={() => setPanel(null)}
          onDone={(view) => {
            setPanel(null);
            loaded.setData(view);
          }}
        />
      ) : null}

      <Card title={t('cases.timeline')} className="lx-case-timeline-card">
        <CaseTimeline events={[...c.timeline].reverse()} />
      </Card>
    </div>
  );
}
