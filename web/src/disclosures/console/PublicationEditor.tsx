import { Alert, Button, Card, Form, Input, List, Modal, Popconfirm, Radio, Space, Table, Typography, Upload } from 'antd';
import { CheckOutlined, EyeOutlined, PaperClipOutlined, PlusOutlined, RollbackOutlined, SendOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api, applyFormError } from '../../api/client.js';
import { useAuth } from '../../app/auth.js';
import { useFeedback } from '../../app/feedback.js';
import { ConsolePage } from '../../console/ConsolePage.js';
import { EmptyState, ErrorState, Loading } from '../../components/states.js';
import { formatDateTime } from '../../lib/time.js';
import { useLoad } from '../../lib/useLoad.js';
import { yuan } from '../shared/money.js';
import { directionLabel, kindLabel, periodLabel } from '../shared/labels.js';
import { PublicationTags } from '../shared/StatusTags.js';
import { postFile } from '../shared/upload.js';
import { LEDGER_KINDS, type Entry, type EntryPage, type Fund, type Publication } from '../shared/types.js';
import { FundsSection } from '../resident/FundsSection.js';
import { EntryDialog } from './EntryForm.js';
import { ImportPanel } from './ImportPanel.js';

/** The draft's title and text (cadres, while it may still be edited). */
function TextForm({ p, onSaved }: { p: Publication; onSaved(p: Publication): void }) {
  const { t } = useTranslation();
  const feedback = useFeedback();
  const [form] = Form.useForm<{ title: string; body: string }>();
  const [busy, setBusy] = useState(false);
  const submit = async (v: { title: string; body: string }) => {
    setBusy(true);
    try {
      onSaved(await api.patch<Publication>(`/disclosures/publications/${p.id}`, { title: v.title.trim(), body: v.body ?? '' }));
      feedback.success(t('disclosures.console.saved'));
    } catch (err) {
      if (!applyFormError(form, err)) feedback.error(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={submit} initialValues={{ title: p.title, body: p.body }}>
      <Form.Item name="title" label={t('disclosures.console.titleLabel')} rules={[{ required: true, whitespace: true }, { max: 100 }]}>
        <Input data-testid="edit-title" />
      </Form.Item>
      <Form.Item name="body" label={t('disclosures.console.bodyLabel')} rules={[{ max: 20000 }]}>
        <Input.TextArea rows={5} data-testid="edit-body" />
      </Form.Item>
      <Button htmlType="submit" loading={busy} data-testid="edit-save">
        {t('disclosures.console.save')}
      </Button>
    </Form>
  );
}

/** Approve, or send back with comments (the village supervision committee). */
function ReviewForm({ p, onDone }: { p: Publication; onDone(p: Publication): void }) {
  const { t } = useTranslation();
  const feedback = useFeedback();
  const [form] = Form.useForm<{ decision: 'approve' | 'return'; comment: string }>();
  const [busy, setBusy] = useState(false);
  const submit = async (v: { decision: 'approve' | 'return'; comment: string }) => {
    setBusy(true);
    try {
      onDone(await api.post<Publication>(`/disclosures/publications/${p.id}/review`, { decision: v.decision, comment: v.comment?.trim() || undefined }));
      feedback.success(v.decision === 'approve' ? t('disclosures.console.approvedMsg') : t('disclosures.console.returnedMsg'));
    } catch (err) {
      if (!applyFormError(form, err)) feedback.error(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={t('disclosures.console.reviewTitle')} data-testid="review-form">
      <Typography.Paragraph className="lx-hint">{t('disclosures.console.reviewHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ decision: 'approve', comment: '' }}>
        <Form.Item name="decision">
          <Radio.Group
            options={[
              { value: 'approve', label: t('disclosures.console.approve') },
              { value: 'return', label: t('disclosures.console.sendBack') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="comment"
          label={t('disclosures.console.reviewComment')}
          dependencies={['decision']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_, value: string) =>
                getFieldValue('decision') === 'return' && !value?.trim() ? Promise.reject(new Error(t('disclosures.console.returnNeedsComment'))) : Promise.resolve(),
            }),
            { max: 2000 },
          ]}
        >
          <Input.TextArea rows={3} data-testid="review-comment" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="review-submit">
          {t('disclosures.console.reviewSubmit')}
        </Button>
      </Form>
    </Card>
  );
}

/** The draft's ledger: add, remove, attach receipts. */
function EntriesTable({ p, funds, editable, reload, tick }: { p: Publication; funds: Fund[]; editable: boolean; reload(): void; tick: number }) {
  const { t } = useTranslation();
  const { me } = useAuth();
  const feedback = useFeedback();
  const [page, setPage] = useState(1);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Entry | null>(null);
  const entries = useLoad((signal) => api.get<EntryPage>(`/disclosures/publications/${p.id}/entries`, { page, pageSize: 50 }, { signal }), [p.id, page, tick]);
  const refresh = () => {
    entries.reload();
    reload();
  };
  const remove = async (e: Entry) => {
    try {
      await api.del(`/disclosures/entries/${e.id}`);
      feedback.success(t('disclosures.console.entryRemoved'));
      refresh();
    } catch (err) {
      feedback.error(err);
    }
  };
  const attach = async (e: Entry, file: File) => {
    try {
      await postFile<Entry>(`/disclosures/entries/${e.id}/attachments`, file, {}, me?.csrfToken ?? null);
      feedback.success(t('disclosures.console.receiptAdded'));
      entries.reload();
    } catch (err) {
      feedback.error(err);
    }
  };
  return (
    <Card
      size="small"
      title={t('disclosures.entries')}
      data-testid="editor-entries"
      extra={
        editable ? (
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="entry-add">
            {t('disclosures.console.addEntry')}
          </Button>
        ) : null
      }
    >
      {entries.error ? <ErrorState error={entries.error} onRetry={entries.reload} /> : null}
      <Table
        rowKey="id"
        size="small"
        loading={entries.loading}
        dataSource={entries.data?.items ?? []}
        scroll={{ x: 900 }}
        locale={{ emptyText: <EmptyState title={t('disclosures.noEntries')} hint={editable ? t('disclosures.console.noEntriesEditable') : undefined} /> }}
        pagination={{ current: page, pageSize: 50, total: entries.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: t('disclosures.console.entryDate'), dataIndex: 'entryDate', width: 110 },
          { title: t('disclosures.console.voucherNo'), dataIndex: 'voucherNo', width: 140 },
          { title: t('disclosures.console.direction'), render: (_, e) => directionLabel(t, e.direction), width: 70 },
          { title: t('disclosures.console.amount'), render: (_, e) => yuan(e.amountFen), align: 'right', width: 130 },
          { title: t('disclosures.counterparty'), dataIndex: 'counterparty' },
          { title: t('disclosures.console.purpose'), dataIndex: 'purpose' },
          { title: t('disclosures.fund'), render: (_, e) => (e.toFund ? `${e.fund.name} → ${e.toFund.name}` : e.fund.name) },
          {
            title: t('disclosures.console.receipts'),
            render: (_, e) => (
              <Space direction="vertical" size={0}>
                {e.attachments.map((a) => (
                  <a key={a.id} href={`/api/disclosures/entries/${e.id}/attachments/${a.id}`} target="_blank" rel="noreferrer">
                    <PaperClipOutlined aria-hidden /> {a.fileName}
                  </a>
                ))}
                {editable ? (
                  <Upload accept="image/jpeg,image/png,image/webp,application/pdf" showUploadList={false} beforeUpload={(f) => (void attach(e, f), false)}>
                    <Button size="small" type="link">{t('disclosures.console.attach')}</Button>
                  </Upload>
                ) : null}
              </Space>
            ),
          },
          ...(editable
            ? [
                {
                  title: t('common.actions'),
                  render: (_: unknown, e: Entry) => (
                    <Space size={4}>
                      <Button size="small" onClick={() => setEditing(e)} data-testid="entry-edit">{t('disclosures.console.edit')}</Button>
                      <Popconfirm title={t('disclosures.console.removeEntryConfirm', { voucher: e.voucherNo })} onConfirm={() => void remove(e)}>
                        <Button size="small" danger>{t('common.delete')}</Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <EntryDialog publicationId={p.id} period={p.period} funds={funds} open={adding} onClose={() => setAdding(false)} onSaved={() => { setAdding(false); refresh(); }} />
      {editing ? (
        <EntryDialog publicationId={p.id} period={p.period} funds={funds} entry={editing} open onClose={() => setEditing(null)} onSaved={() => { setEditing(null); refresh(); }} />
      ) : null}
    </Card>
  );
}

/** `/console/disclosures/publications/:id`: prepare, check, publish and correct one publication. */
export default function PublicationEditor() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const feedback = useFeedback();
  const navigate = useNavigate();
  const pub = useLoad((signal) => api.get<Publication>(`/disclosures/publications/${id}`, undefined, { signal }), [id]);
  const p = pub.data;
  const funds = useLoad((signal) => (p ? api.get<{ items: Fund[] }>(`/disclosures/villages/${p.regionCode}/funds`, undefined, { signal }) : Promise.resolve(null)), [p?.regionCode]);
  const [busy, setBusy] = useState<string | null>(null);
  const [correcting, setCorrecting] = useState(false);
  const [reason, setReason] = useState('');
  // Bumped after an import so the ledger table reloads too.
  const [ledgerTick, setLedgerTick] = useState(0);

  const act = async (action: 'submit' | 'publish') => {
    setBusy(action);
    try {
      pub.setData(await api.post<Publication>(`/disclosures/publications/${id}/${action}`));
      feedback.success(action === 'submit' ? t('disclosures.console.submittedMsg') : t('disclosures.console.publishedMsg'));
    } catch (err) {
      feedback.error(err);
    } finally {
      setBusy(null);
    }
  };
  const correct = async () => {
    setBusy('correct');
    try {
      const next = await api.post<Publication>(`/disclosures/publications/${id}/corrections`, { reason: reason.trim() });
      setCorrecting(false);
      setReason('');
      feedback.success(t('disclosures.console.correctionStarted'));
      navigate(`/console/disclosures/publications/${next.id}`);
    } catch (err) {
      feedback.error(err);
    } finally {
      setBusy(null);
    }
  };

  if (pub.loading && !p) return <Loading rows={8} />;
  if (pub.error || !p) return <ErrorState error={pub.error} onRetry={pub.reload} />;
  const a = p.abilities;
  const ledger = LEDGER_KINDS.includes(p.kind);

  return (
    <ConsolePage
      testId="page-disclosure-editor"
      title={`${p.village.name} · ${periodLabel(p.period, i18n.language)} ${kindLabel(t, p.kind)}`}
      description={<PublicationTags p={p} />}
      extra={
        <Space wrap>
          <Link to={`/console/disclosures/publications?region=${p.regionCode}`}>{t('disclosures.console.backToList')}</Link>
          <Link to={`/disclosures/publications/${p.id}`} target="_blank">
            <Button icon={<EyeOutlined />}>{t('disclosures.console.publicView')}</Button>
          </Link>
          {a.submit ? (
            <Popconfirm title={t('disclosures.console.submitConfirm')} onConfirm={() => void act('submit')}>
              <Button type="primary" icon={<SendOutlined />} loading={busy === 'submit'} data-testid="action-submit">{t('disclosures.console.submit')}</Button>
            </Popconfirm>
          ) : null}
          {a.publish ? (
            <Popconfirm title={t('disclosures.console.publishConfirm')} onConfirm={() => void act('publish')}>
              <Button type="primary" icon={<CheckOutlined />} loading={busy === 'publish'} data-testid="action-publish">{t('disclosures.console.publish')}</Button>
            </Popconfirm>
          ) : null}
          {a.correct ? (
            <Button icon={<RollbackOutlined />} onClick={() => setCorrecting(true)} data-testid="action-correct">{t('disclosures.console.correct')}</Button>
          ) : null}
        </Space>
      }
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Alert type="info" showIcon message={t(`disclosures.console.stateHint.${p.status}`)} data-testid="state-hint" />
        {p.correctionReason ? <Alert type="warning" showIcon message={t('disclosures.correctionOf', { version: p.version - 1 })} description={p.correctionReason} /> : null}
        {p.reviews.length ? (
          <Card size="small" title={t('disclosures.console.reviews')} data-testid="reviews">
            <List
              size="small"
              dataSource={p.reviews}
              renderItem={(r) => (
                <List.Item>
                  <span>
                    <strong>{r.decision === 'approve' ? t('disclosures.console.approve') : t('disclosures.console.sendBack')}</strong> · {r.reviewer} ·{' '}
                    {formatDateTime(r.at, i18n.language)}
                    {r.comment ? <div>{r.comment}</div> : null}
                  </span>
                </List.Item>
              )}
            />
          </Card>
        ) : null}
        {a.review ? <ReviewForm p={p} onDone={pub.setData} /> : null}
        {a.edit ? (
          <Card size="small" title={t('disclosures.console.textTitle')}>
            <TextForm p={p} onSaved={pub.setData} />
          </Card>
        ) : p.body ? (
          <Card size="small" title={t('disclosures.console.textTitle')}>
            <Typography.Paragraph className="lx-dc-body">{p.body}</Typography.Paragraph>
          </Card>
        ) : null}
        <Card size="small" title={t('disclosures.totals')}>
          <Space wrap size="large">
            <span>{t('disclosures.income')} <strong>{yuan(p.totals.incomeFen)}</strong></span>
            <span>{t('disclosures.expense')} <strong>{yuan(p.totals.expenseFen)}</strong></span>
            <span>{t('disclosures.transfer')} <strong>{yuan(p.totals.transferFen)}</strong></span>
            <span>{t('disclosures.entryCount')} <strong>{p.totals.entryCount}</strong></span>
            {p.openFlags !== null ? (
              <Link to={`/console/disclosures/flags?region=${p.regionCode}`}>{t('disclosures.openFlagsNote', { count: p.openFlags })}</Link>
            ) : null}
          </Space>
        </Card>
        {ledger && a.edit ? <ImportPanel publication={p} onImported={() => { pub.reload(); setLedgerTick((n) => n + 1); }} /> : null}
        {ledger ? <EntriesTable p={p} funds={funds.data?.items ?? []} editable={a.edit} reload={pub.reload} tick={ledgerTick} /> : null}
        {ledger && p.funds.length ? <FundsSection publication={p} /> : null}
      </Space>
      <Modal
        open={correcting}
        title={t('disclosures.console.correctTitle')}
        onCancel={() => setCorrecting(false)}
        onOk={() => void correct()}
        okButtonProps={{ disabled: !reason.trim(), loading: busy === 'correct', ...({ 'data-testid': 'correct-submit' } as object) }}
        okText={t('disclosures.console.correctSubmit')}
      >
        <Typography.Paragraph className="lx-hint">{t('disclosures.console.correctHint')}</Typography.Paragraph>
        <Input.TextArea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={1000} aria-label={t('disclosures.console.correctReason')} data-testid="correct-reason" />
      </Modal>
    </ConsolePage>
  );
}
