import { Alert, Button, Card, Col, Descriptions, Form, Input, Row, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { useFeedback } from '../../app/feedback.js';
import { UnitSelect } from '../../console/UnitSelect.js';
import { formatDateTime } from '../../lib/time.js';
import { useLoad } from '../../lib/useLoad.js';
import { CaseActionButtons, CaseHead, CasePending, CaseTimelineCard, useCaseActionForm, useLiveCase } from '../detail.js';
import { AttachmentGallery, PhotoPicker } from '../photos.js';
import { actionText, CaseStatusTag, channelText, OverdueTag, PriorityTag, ratingText, useLang } from '../shared.js';
import type { CaseAction, CaseView, SimilarCase } from '../types.js';

/** The staff actions, in the order a handler meets them, with the route each posts to. */
const STAFF_ACTIONS = ['accept', 'reply', 'request_info', 'resolve', 'transfer', 'return', 'assign', 'merge', 'reject'] as const satisfies readonly CaseAction[];
type StaffAction = (typeof STAFF_ACTIONS)[number];
const PATH: Record<StaffAction, string> = {
  accept: 'accept',
  reply: 'reply',
  request_info: 'request-info',
  resolve: 'resolve',
  transfer: 'transfer',
  return: 'return',
  assign: 'assign',
  merge: 'merge',
  reject: 'reject',
};

function StaffActionForm({ c, action, onDone, onCancel }: { c: CaseView; action: Exclude<StaffAction, 'accept'>; onDone(v: CaseView): void; onCancel(): void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { form, busy, photos, setPhotos, submit } = useCaseActionForm(c.id, PATH[action], t('cases.actionDone', { action: actionText(lang, action) }), onDone);
  const candidates = useLoad(
    (signal) =>
      action === 'merge'
        ? api.get<{ items: SimilarCase[] }>('/cases/similar', { regionCode: c.region.code, text: `${c.title} ${c.description}`.slice(0, 2000) }, { signal })
        : Promise.resolve({ items: [] as SimilarCase[] }),
    [action, c.id],
  );

  const note = (name: string, label: string, required: boolean, max: number) => (
    <Form.Item name={name} label={label} rules={[...(required ? [{ required: true, whitespace: true, message: t('cases.fieldRequired', { field: label }) }] : []), { max }]}>
      <Input.TextArea rows={3} maxLength={max} showCount data-testid={`field-${name}`} />
    </Form.Item>
  );

  return (
    <Card size="small" title={actionText(lang, action)} data-testid={`form-${action}`} className="lx-case-action-form">
      <Form form={form} layout="vertical" requiredMark={false} onFinish={submit}>
        {action === 'transfer' || action === 'assign' ? (
          <Form.Item name="unitId" label={t('cases.toUnit')} rules={[{ required: true, message: t('cases.unitRequired') }]}>
            <UnitSelect testId="field-unitId" style={{ width: '100%' }} />
          </Form.Item>
        ) : null}
        {action === 'merge' ? (
          <Form.Item name="primaryId" label={t('cases.mergePrimary')} extra={t('cases.mergeHint')} rules={[{ required: true, message: t('cases.mergeRequired') }]}>
            <Select
              loading={candidates.loading}
              data-testid="field-primaryId"
              notFoundContent={t('cases.mergeNone')}
              options={(candidates.data?.items ?? []).filter((s) => s.id !== c.id).map((s) => ({ value: s.id, label: `${s.trackingNumber} · ${s.title}` }))}
            />
          </Form.Item>
        ) : null}
        {action === 'reply' || action === 'request_info' ? note('note', action === 'reply' ? t('cases.replyText') : t('cases.requestInfoText'), true, 1000) : null}
        {action === 'transfer' || action === 'return' || action === 'reject' ? note('reason', action === 'reject' ? t('cases.rejectReason') : t('cases.reason'), true, 500) : null}
        {action === 'assign' || action === 'merge' ? note('note', t('cases.noteOptional'), false, 500) : null}
        {action === 'resolve' ? (
          <>
            {note('result', t('cases.result'), true, 2000)}
            <Form.Item label={t('cases.resultPhotos')}>
              <PhotoPicker photos={photos} onChange={setPhotos} />
            </Form.Item>
          </>
        ) : null}
        {action === 'reject' ? <Alert type="info" showIcon message={t('cases.rejectHint')} style={{ marginBottom: 12 }} /> : null}
        <CaseActionButtons label={actionText(lang, action)} busy={busy} danger={action === 'reject'} onCancel={onCancel} />
      </Form>
    </Card>
  );
}

/** `/console/cases/:id`: a case for those who handle or oversee it, with every action the server allows. */
export default function CaseDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const lang = useLang();
  const feedback = useFeedback();
  const { loaded, live } = useLiveCase(id);
  const [panel, setPanel] = useState<Exclude<StaffAction, 'accept'> | null>(null);
  const [accepting, setAccepting] = useState(false);
  const c = loaded.data;
  if (!c) return <CasePending loaded={loaded} />;

  const accept = async () => {
    setAccepting(true);
    try {
      loaded.setData(await api.post<CaseView>(`/cases/${c.id}/accept`));
      feedback.success(t('cases.actionDone', { action: actionText(lang, 'accept') }));
    } catch (err) {
      feedback.error(err);
    } finally {
      setAccepting(false);
    }
  };
  const allowed = STAFF_ACTIONS.filter((a) => c.abilities[a]);

  return (
    <section className="lx-console-page" data-testid="page-case-detail" data-case-id={c.id} data-status={c.status}>
      <CaseHead back="/console/cases" label={t('cases.queueTitle')} live={live} />
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Card>
            <Typography.Title level={4}>{c.title}</Typography.Title>
            <Space wrap>
              <CaseStatusTag status={c.status} />
              <PriorityTag priority={c.priority} />
              <OverdueTag overdue={c.overdue} />
            </Space>
            <Descriptions column={{ xs: 1, md: 2 }} size="small" className="lx-case-facts">
              <Descriptions.Item label={t('cases.trackingNumber')}>
                <strong data-testid="tracking-number">{c.trackingNumber}</strong>
              </Descriptions.Item>
              <Descriptions.Item label={t('cases.category')}>{c.category.name}</Descriptions.Item>
              <Descriptions.Item label={t('cases.channel')}>{channelText(lang, c.channel)}</Descriptions.Item>
              <Descriptions.Item label={t('cases.place')}>
                {c.region.name}
                {c.address ? ` · ${c.address}` : ''}
                {c.lat !== null && c.lng !== null ? ` (${c.lat.toFixed(5)}, ${c.lng.toFixed(5)})` : ''}
              </Descriptions.Item>
              <Descriptions.Item label={t('cases.requester')}>
                {c.requester ? (
                  <span data-testid="case-requester">
                    {c.requester.name}
                    {c.requester.phone ? ` · ${c.requester.phone}` : ''}
                  </span>
                ) : (
                  t('cases.requesterHidden')
                )}
              </Descriptions.Item>
              <Descriptions.Item label={t('cases.handlingUnit')}>{c.handlingUnit?.name ?? t('cases.awaitingDispatch')}</Descriptions.Item>
              <Descriptions.Item label={t('cases.responseDue')}>{formatDateTime(c.responseDueAt, lang)}</Descriptions.Item>
              <Descriptions.Item label={t('cases.dueBy')}>{formatDateTime(c.resolutionDueAt, lang)}</Descriptions.Item>
              <Descriptions.Item label={t('cases.submittedAt')}>{formatDateTime(c.createdAt, lang)}</Descriptions.Item>
              {c.rating ? (
                <Descriptions.Item label={t('cases.rating')}>
                  {ratingText(lang, c.rating.value)}
                  {c.rating.comment ? `（${c.rating.comment}）` : ''}
                </Descriptions.Item>
              ) : null}
              {c.mergedInto ? (
                <Descriptions.Item label={t('cases.mergedInto')}>
                  <Link to={`/console/cases/${c.mergedInto.id}`}>{c.mergedInto.trackingNumber}</Link>
                </Descriptions.Item>
              ) : null}
            </Descriptions>
            <Typography.Paragraph className="lx-case-description">{c.description}</Typography.Paragraph>
            <AttachmentGallery caseId={c.id} attachments={c.attachments} />
          </Card>
          <div className="lx-case-console-actions" data-testid="case-actions">
            {allowed.length === 0 ? <Typography.Text className="lx-muted">{t('cases.noActions')}</Typography.Text> : null}
            {allowed.map((a) =>
              a === 'accept' ? (
                <Button key={a} type="primary" loading={accepting} onClick={() => void accept()} data-testid="action-accept">
                  {actionText(lang, a)}
                </Button>
              ) : (
                <Button key={a} type={a === 'resolve' ? 'primary' : 'default'} danger={a === 'reject'} onClick={() => setPanel(panel === a ? null : a)} data-testid={`action-${a}`}>
                  {actionText(lang, a)}
                </Button>
              ),
            )}
          </div>
          {panel ? (
            <StaffActionForm
              key={panel}
              c={c}
              action={panel}
              onCancel={() => setPanel(null)}
              onDone={(v) => {
                setPanel(null);
                loaded.setData(v);
              }}
            />
          ) : null}
        </Col>
        <Col xs={24} lg={10}>
          <CaseTimelineCard c={c} />
        </Col>
      </Row>
    </section>
  );
}
