import { Button, Card, Form, Input, List, Space, Tag, Typography } from 'antd';
import {
  CheckCircleFilled,
  CommentOutlined,
  EyeInvisibleOutlined,
  NotificationOutlined,
  QuestionCircleOutlined,
  ScheduleOutlined,
  SoundOutlined,
} from '@ant-design/icons';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, applyFormError } from '../api/client.js';
import type { Post } from '../api/types.js';
import { useFeedback } from '../app/feedback.js';
import { StatusTag } from '../components/StatusTag.js';
import { ErrorState, Loading } from '../components/states.js';
import { formatDateTime } from '../lib/time.js';

export function KindTag({ kind }: { kind: Post['kind'] }) {
  const { t } = useTranslation();
  const icon =
    kind === 'notice' ? <NotificationOutlined /> : kind === 'question' ? <QuestionCircleOutlined /> : kind === 'duty_check_in' ? <ScheduleOutlined /> : <CommentOutlined />;
  return (
    <Tag icon={icon} className={`lx-kind lx-kind-${kind}`}>
      {t(`feed.kind.${kind}`)}
    </Tag>
  );
}

/** 「@所有人」: a notice every household is asked to confirm. */
export function EveryoneBadge() {
  const { t } = useTranslation();
  return (
    <Tag icon={<SoundOutlined />} color="red" className="lx-everyone" data-testid="everyone-badge">
      {t('feed.everyone')}
    </Tag>
  );
}

/** The acknowledgement: 「我已阅读」 until pressed, then 「已确认阅读」. */
function AckControl({ post, onChange }: { post: Post; onChange(post: Post): void }) {
  const { t } = useTranslation();
  const feedback = useFeedback();
  const [busy, setBusy] = useState(false);
  if (!post.requiresAck || !post.ack) return null;
  if (post.ack.mine)
    return (
      <StatusTag tone="success" testId="ack-done">
        {t('feed.acked')}
      </StatusTag>
    );
  if (post.abilities && post.abilities.ack === false) return null;
  const ack = async () => {
    setBusy(true);
    try {
      await api.post(`/posts/${post.id}/ack`);
      const ackState = post.ack!;
      onChange({ ...post, ack: { ...ackState, mine: true, acknowledged: ackState.acknowledged + 1 } });
      feedback.success(t('feed.ackThanks'));
    } catch (err) {
      feedback.error(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button type="primary" size="large" icon={<CheckCircleFilled />} loading={busy} onClick={ack} data-testid="ack-button" className="lx-ack-button">
      {t('feed.ack')}
    </Button>
  );
}

function Thread({ post, onChange, canReply }: { post: Post; onChange(post: Post): void; canReply: boolean }) {
  const { t, i18n } = useTranslation();
  const feedback = useFeedback();
  const [form] = Form.useForm<{ body: string }>();
  const [busy, setBusy] = useState(false);
  const [loadError, setLoadError] = useState<unknown>(null);
  const replies = post.replies;

  const load = () => {
    setLoadError(null);
    api
      .get<Post>(`/posts/${post.id}`)
      .then((full) => onChange({ ...post, ...full, replies: full.replies ?? [] }))
      .catch(setLoadError);
  };
  useEffect(() => {
    // First open: fetch the thread (later changes arrive by the live stream).
    if (!post.replies) load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [post.id]);

  const reply = async ({ body }: { body: string }) => {
    setBusy(true);
    try {
      await api.post(`/posts/${post.id}/replies`, { body: body.trim() });
      form.resetFields();
      const full = await api.get<Post>(`/posts/${post.id}`);
      onChange({ ...post, ...full, replies: full.replies ?? [] });
      feedback.success(t('feed.replySent'));
    } catch (err) {
      if (!applyFormError(form, err)) feedback.error(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="lx-thread" data-testid="thread">
      {loadError ? <ErrorState error={loadError} onRetry={load} /> : null}
      {!replies && !loadError ? <Loading rows={1} /> : null}
      {replies ? (
        replies.length === 0 ? (
          <Typography.Paragraph className="lx-muted">{t('feed.noReplies')}</Typography.Paragraph>
        ) : (
          <List
            size="small"
            dataSource={replies}
            renderItem={(r) => (
              <List.Item className="lx-reply" data-testid="reply-item">
                <div>
                  <div className="lx-reply-head">
                    <strong>{r.author.name}</strong>
                    {r.author.roleLabel ? <Tag className="lx-role">{r.author.roleLabel}</Tag> : null}
                    <span className="lx-muted">{formatDateTime(r.createdAt, i18n.language)}</span>
                  </div>
                  <div className="lx-post-body">{r.body}</div>
                </div>
              </List.Item>
            )}
          />
        )
      ) : null}
      {canReply ? (
        <Form form={form} onFinish={reply} layout="vertical" requiredMark={false}>
          <Form.Item name="body" label={t('feed.replyLabel')} rules={[{ required: true, whitespace: true, message: t('feed.replyRequired') }, { max: 2000 }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="reply-input" />
          </Form.Item>
          <Button htmlType="submit" type="primary" loading={busy} data-testid="reply-submit">
            {t('feed.replySubmit')}
          </Button>
        </Form>
      ) : null}
    </div>
  );
}

/**
 * One post of a feed, for residents and staff alike: kind, 「@所有人」,
 * acknowledgement, the thread of replies, and (staff) extra actions.
 */
export function PostCard({
  post,
  onChange,
  fresh,
  actions,
  showAckCount,
}: {
  post: Post;
  onChange(post: Post): void;
  fresh?: boolean;
  actions?: ReactNode;
  showAckCount?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const canReply = post.abilities?.reply ?? post.kind === 'question';
  const threadable = post.kind === 'question' || post.replyCount > 0 || canReply;
  return (
    <Card
      className={`lx-post${fresh ? ' lx-post-fresh' : ''}${post.hidden ? ' lx-post-hidden' : ''}`}
      data-testid="post-item"
      data-post-id={post.id}
      data-kind={post.kind}
      size="small"
    >
      <div className="lx-post-tags">
        <KindTag kind={post.kind} />
        {post.requiresAck ? <EveryoneBadge /> : null}
        {post.hidden ? (
          <StatusTag tone="neutral" testId="hidden-tag">
            {t('feed.hidden')}
          </StatusTag>
        ) : null}
        {fresh ? <Tag color="blue">{t('feed.new')}</Tag> : null}
      </div>
      {post.title ? (
        <Typography.Title level={5} className="lx-post-title">
          {post.title}
        </Typography.Title>
      ) : null}
      <div className="lx-post-body">{post.body}</div>
      {post.hidden && post.hiddenReason ? (
        <div className="lx-muted">
          <EyeInvisibleOutlined aria-hidden /> {t('feed.hiddenReason', { reason: post.hiddenReason })}
        </div>
      ) : null}
      <div className="lx-post-meta">
        <span>
          {post.author.name}
          {post.author.roleLabel ? ` · ${post.author.roleLabel}` : ''}
        </span>
        <time dateTime={post.createdAt}>{formatDateTime(post.createdAt, i18n.language)}</time>
      </div>
      <div className="lx-post-actions">
        <AckControl post={post} onChange={onChange} />
        {showAckCount && post.requiresAck && post.ack ? (
          <span className="lx-ack-count" data-testid="ack-count">
            {t('feed.ackCount', { acknowledged: post.ack.acknowledged, total: post.ack.total })}
          </span>
        ) : null}
        {threadable ? (
          <Button icon={<CommentOutlined />} onClick={() => setOpen((o) => !o)} aria-expanded={open} data-testid="thread-toggle">
            {open ? t('feed.hideReplies') : t('feed.replies', { count: post.replyCount })}
          </Button>
        ) : null}
        {actions}
      </div>
      {open ? <Thread post={post} onChange={onChange} canReply={!!canReply} /> : null}
    </Card>
  );
}

export function LiveIndicator({ state }: { state: 'connecting' | 'open' | 'closed' }) {
  const { t } = useTranslation();
  return (
    <span className={`lx-live lx-live-${state}`} data-testid="live-status" data-state={state} role="status">
      <span className="lx-live-dot" aria-hidden />
      {state === 'open' ? t('feed.liveOn') : state === 'connecting' ? t('feed.liveConnecting') : t('feed.liveOff')}
    </span>
  );
}

export function PostListFooter({ hasMore, loadingMore, onMore, count }: { hasMore: boolean; loadingMore: boolean; onMore(): void; count: number }) {
  const { t } = useTranslation();
  if (hasMore)
    return (
      <Button block onClick={onMore} loading={loadingMore} data-testid="load-more">
        {t('common.loadMore')}
      </Button>
    );
  if (count === 0) return null;
  return (
    <Space className="lx-end" style={{ justifyContent: 'center', width: '100%' }}>
      <span className="lx-muted">{t('common.noMore')}</span>
    </Space>
  );
}
