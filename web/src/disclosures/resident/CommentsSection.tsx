import { Button, Card, Form, Input, List, Space, Tag, Typography } from 'antd';
import { MessageOutlined, SendOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api, applyFormError } from '../../api/client.js';
import { useAuth, loginPath } from '../../app/auth.js';
import { useFeedback } from '../../app/feedback.js';
import { EmptyState, ErrorState, Loading } from '../../components/states.js';
import { formatDateTime } from '../../lib/time.js';
import { useLoad } from '../../lib/useLoad.js';
import type { Comment, CommentList, Publication } from '../shared/types.js';

function ReplyForm({ comment, onDone }: { comment: Comment; onDone(list: CommentList): void }) {
  const { t } = useTranslation();
  const feedback = useFeedback();
  const [form] = Form.useForm<{ body: string }>();
  const [busy, setBusy] = useState(false);
  const submit = async ({ body }: { body: string }) => {
    setBusy(true);
    try {
      onDone(await api.post<CommentList>(`/disclosures/comments/${comment.id}/replies`, { body: body.trim() }));
      form.resetFields();
      feedback.success(t('disclosures.answerSent'));
    } catch (err) {
      if (!applyFormError(form, err)) feedback.error(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={form} onFinish={submit} layout="vertical" requiredMark={false} className="lx-dc-reply-form">
      <Form.Item name="body" rules={[{ required: true, whitespace: true, message: t('disclosures.answerRequired') }, { max: 1000 }]}>
        <Input.TextArea rows={2} placeholder={t('disclosures.answerPlaceholder')} aria-label={t('disclosures.answerPlaceholder')} data-testid="answer-input" />
      </Form.Item>
      <Button htmlType="submit" loading={busy} icon={<SendOutlined />} data-testid="answer-submit">
        {t('disclosures.answer')}
      </Button>
    </Form>
  );
}

/** The publication's public thread: residents ask, the village answers. */
export function CommentsSection({ publication }: { publication: Publication }) {
  const { t, i18n } = useTranslation();
  const { status } = useAuth();
  const location = useLocation();
  const feedback = useFeedback();
  const comments = useLoad((signal) => api.get<CommentList>(`/disclosures/publications/${publication.id}/comments`, undefined, { signal }), [publication.id]);
  const [form] = Form.useForm<{ body: string }>();
  const [busy, setBusy] = useState(false);

  const submit = async ({ body }: { body: string }) => {
    setBusy(true);
    try {
      comments.setData(await api.post<CommentList>(`/disclosures/publications/${publication.id}/comments`, { body: body.trim() }));
      form.resetFields();
      feedback.success(t('disclosures.commentSent'));
    } catch (err) {
      if (!applyFormError(form, err)) feedback.error(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="dc-comments" data-testid="comments-section">
      <Typography.Title level={4} id="dc-comments">
        <MessageOutlined aria-hidden /> {t('disclosures.comments')}
      </Typography.Title>
      <Typography.Paragraph className="lx-hint">{t('disclosures.commentsHint')}</Typography.Paragraph>
      {comments.loading && !comments.data ? <Loading rows={2} /> : null}
      {comments.error ? <ErrorState error={comments.error} onRetry={comments.reload} /> : null}
      {comments.data ? (
        comments.data.items.length === 0 ? (
          <EmptyState title={t('disclosures.noComments')} />
        ) : (
          <List
            bordered
            dataSource={comments.data.items}
            data-testid="comment-list"
            renderItem={(c) => (
              <List.Item data-testid="comment-item" data-id={c.id}>
                <div style={{ width: '100%' }}>
                  <div className="lx-muted">
                    {c.author} · {formatDateTime(c.createdAt, i18n.language)} {c.version !== publication.version ? <Tag>{t('disclosures.versionN', { n: c.version })}</Tag> : null}
                  </div>
                  <div className="lx-dc-comment-body">{c.body}</div>
                  {c.replies.map((r) => (
                    <div key={r.id} className="lx-dc-answer" data-testid="comment-answer">
                      <div className="lx-muted">
                        {t('disclosures.villageAnswers', { name: r.author })} · {formatDateTime(r.createdAt, i18n.language)}
                      </div>
                      <div>{r.body}</div>
                    </div>
                  ))}
                  {c.replies.length === 0 ? <div className="lx-muted">{t('disclosures.notAnswered')}</div> : null}
                  {c.abilities.answer ? <ReplyForm comment={c} onDone={comments.setData} /> : null}
                </div>
              </List.Item>
            )}
          />
        )
      ) : null}
      <Card size="small" className="lx-dc-comment-form">
        {publication.abilities.comment ? (
          <Form form={form} onFinish={submit} layout="vertical" requiredMark={false}>
            <Form.Item
              name="body"
              label={t('disclosures.commentLabel')}
              extra={t('disclosures.commentPublicHint')}
              rules={[{ required: true, whitespace: true, message: t('disclosures.commentRequired') }, { max: 1000 }]}
            >
              <Input.TextArea rows={3} data-testid="comment-input" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy} icon={<SendOutlined />} data-testid="comment-submit">
              {t('disclosures.commentSubmit')}
            </Button>
          </Form>
        ) : status === 'signedIn' ? (
          <Typography.Paragraph className="lx-hint" data-testid="comment-not-allowed">
            {t('disclosures.commentOnlyResidents')}
          </Typography.Paragraph>
        ) : (
          <Space wrap>
            <span className="lx-hint">{t('disclosures.signInToComment')}</span>
            <Link to={loginPath(location.pathname)} data-testid="comment-sign-in">
              <Button>{t('disclosures.signIn')}</Button>
            </Link>
          </Space>
        )}
      </Card>
    </section>
  );
}
