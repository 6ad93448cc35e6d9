import { Alert, Button, Card, Descriptions, Form, Input, Radio, Space, Typography } from 'antd';
import { FrownOutlined, MehOutlined, SmileOutlined, StarOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { useFeedback } from '../../app/feedback.js';
import { formatDateTime } from '../../lib/time.js';
import { CaseActionButtons, CaseHead, CasePending, CaseTimelineCard, useCaseActionForm, useLiveCase } from '../detail.js';
import { AttachmentGallery, PhotoPicker } from '../photos.js';
import { CaseStatusTag, OverdueTag, ratingText, useLang } from '../shared.js';
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
  const path = { add_info: 'add-info', rate: 'rate', reopen: 'reopen', withdraw: 'withdraw' }[action];
  const { form, busy, photos, setPhotos, submit } = useCaseActionForm(caseId, path, t(`cases.done.${action}`), onDone);

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
        <CaseActionButtons label={t(`cases.actionSubmit.${action}`)} busy={busy} danger={action === 'withdraw'} wrap onCancel={onCancel} />
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
  const { loaded, live } = useLiveCase(id);
  const [panel, setPanel] = useState<Panel>(null);
  const c = loaded.data;

  if (!c) return <CasePending loaded={loaded} />;
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
      <CaseHead back="/cases/mine" label={t('cases.mineTitle')} live={live} />
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

      <CaseTimelineCard c={c} className="lx-case-timeline-card" />
    </div>
  );
}
