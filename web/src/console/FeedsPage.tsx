import { Alert, Button, Card, Col, Drawer, Form, Input, List, Modal, Progress, Row, Segmented, Space, Switch, Tabs, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { BellFilled, CheckCircleOutlined, ClockCircleOutlined, EyeInvisibleOutlined, EyeOutlined, NotificationOutlined, SendOutlined, TeamOutlined } from '@ant-design/icons';
import { useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api, applyFormError, errorText } from '../api/client.js';
import type { AckList, FeedSummary, Post } from '../api/types.js';
import { useFeedback } from '../app/feedback.js';
import { EmptyState, ErrorState, Loading } from '../components/states.js';
import { LiveIndicator, PostCard, PostListFooter } from '../feed/PostCard.js';
import { useFeedPosts } from '../feed/useFeedPosts.js';
import { levelLabel } from '../lib/labels.js';
import { formatDateTime } from '../lib/time.js';
import { useLoad } from '../lib/useLoad.js';
import { ConsolePage } from './ConsolePage.js';

function NoticeForm({ regionCode, onPosted }: { regionCode: string; onPosted(post: Post | undefined): void }) {
  const { t } = useTranslation();
  const feedback = useFeedback();
  const [form] = Form.useForm<{ title: string; body: string; requiresAck: boolean }>();
  const [busy, setBusy] = useState(false);
  const submit = async (values: { title: string; body: string; requiresAck: boolean }) => {
    setBusy(true);
    try {
      const post = await api.post<Post>(`/feeds/${regionCode}/posts`, {
        kind: 'notice',
        title: values.title.trim(),
        body: values.body.trim(),
        requiresAck: !!values.requiresAck,
      });
      form.resetFields();
      feedback.success(values.requiresAck ? t('consoleFeed.postedEveryone') : t('consoleFeed.posted'));
      onPosted(post);
    } catch (err) {
      if (!applyFormError(form, err)) feedback.error(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('consoleFeed.newNotice')} size="small" data-testid="notice-form">
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ requiresAck: false }} requiredMark={false}>
        <Form.Item name="title" label={t('consoleFeed.noticeTitle')} rules={[{ required: true, whitespace: true, message: t('consoleFeed.titleRequired') }, { max: 100 }]}>
          <Input data-testid="notice-title" />
        </Form.Item>
        <Form.Item name="body" label={t('consoleFeed.noticeBody')} rules={[{ required: true, whitespace: true, message: t('consoleFeed.bodyRequired') }, { max: 5000 }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} data-testid="notice-body" />
        </Form.Item>
        <Form.Item name="requiresAck" valuePropName="checked" label={t('consoleFeed.everyone')} extra={t('consoleFeed.everyoneHint')}>
          <Switch checkedChildren={t('common.on')} unCheckedChildren={t('common.off')} data-testid="notice-everyone" />
        </Form.Item>
        <Button type="primary" htmlType="submit" icon={<SendOutlined />} loading={busy} data-testid="notice-submit">
          {t('consoleFeed.publish')}
        </Button>
      </Form>
    </Card>
  );
}

function AckDrawer({ post, onClose }: { post: Post | null; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const acks = useLoad((signal) => (post ? api.get<AckList>(`/posts/${post.id}/acks`, undefined, { signal }) : Promise.resolve(undefined as unknown as AckList)), [post?.id]);
  const data = post ? acks.data : undefined;
  const totals = data?.totals;
  const percent = totals && totals.households > 0 ? Math.round((totals.acknowledged / totals.households) * 100) : 0;
  return (
    <Drawer open={!!post} onClose={onClose} title={t('consoleFeed.ackTitle', { title: post?.title ?? '' })} width={520} destroyOnHidden data-testid="ack-drawer">
      {acks.loading && !data ? <Loading /> : null}
      {acks.error ? <ErrorState error={acks.error} onRetry={acks.reload} /> : null}
      {data && totals ? (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <div data-testid="ack-totals" data-acknowledged={totals.acknowledged} data-households={totals.households}>
            <Typography.Text strong>{t('consoleFeed.ackTotals', { acknowledged: totals.acknowledged, households: totals.households, pending: totals.households - totals.acknowledged })}</Typography.Text>
            <Progress percent={percent} format={(p) => `${p}%`} aria-label={t('consoleFeed.ackProgress')} />
            {data.masked ? <div className="lx-muted">{t('consoleFeed.ackMasked')}</div> : null}
            {data.truncated ? <div className="lx-muted">{t('consoleFeed.ackTruncated')}</div> : null}
          </div>
          <Tabs
            items={[
              {
                key: 'pending',
                label: (
                  <span data-testid="ack-tab-pending">
                    <ClockCircleOutlined /> {t('consoleFeed.notRead')} ({data.pending.length})
                  </span>
                ),
                children: (
                  <List
                    dataSource={data.pending}
                    locale={{ emptyText: <EmptyState title={t('consoleFeed.allRead')} /> }}
                    renderItem={(h) => (
                      <List.Item data-testid="ack-pending-item">
                        <List.Item.Meta title={h.address} description={h.representative ?? t('consoleFeed.noRepresentative')} />
                      </List.Item>
                    )}
                  />
                ),
              },
              {
                key: 'acknowledged',
                label: (
                  <span data-testid="ack-tab-read">
                    <CheckCircleOutlined /> {t('consoleFeed.read')} ({data.acknowledged.length})
                  </span>
                ),
                children: (
                  <List
                    dataSource={data.acknowledged}
                    locale={{ emptyText: <EmptyState title={t('consoleFeed.noneRead')} /> }}
                    renderItem={(h) => (
                      <List.Item data-testid="ack-read-item">
                        <List.Item.Meta title={h.address} description={h.representative ?? t('consoleFeed.noRepresentative')} />
                        <span className="lx-muted">{formatDateTime(h.ackedAt, i18n.language)}</span>
                      </List.Item>
                    )}
                  />
                ),
              },
            ]}
          />
        </Space>
      ) : null}
    </Drawer>
  );
}

function HideModal({ post, onClose, onDone }: { post: Post | null; onClose(): void; onDone(post: Post): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async ({ reason }: { reason: string }) => {
    if (!post) return;
    setBusy(true);
    setError(null);
    try {
      await api.post(`/posts/${post.id}/hide`, { reason: reason.trim() });
      onDone({ ...post, hidden: true, hiddenReason: reason.trim() });
      form.resetFields();
    } catch (err) {
      if (!applyFormError(form, err)) setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={!!post}
      title={t('consoleFeed.hideTitle')}
      okText={t('consoleFeed.hide')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true, 'data-testid': 'hide-confirm' } as ButtonProps}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph>{t('consoleFeed.hideHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="reason" label={t('consoleFeed.hideReason')} rules={[{ required: true, whitespace: true, message: t('consoleFeed.hideReasonRequired') }, { max: 200 }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} data-testid="hide-reason" />
        </Form.Item>
      </Form>
      {error ? <Alert type="error" showIcon message={error} role="alert" /> : null}
    </Modal>
  );
}

type Filter = 'all' | 'questions' | 'notices' | 'hidden';

function FeedPanel({ regionCode, feed }: { regionCode: string; feed?: FeedSummary }) {
  const { t } = useTranslation();
  const feedback = useFeedback();
  const posts = useFeedPosts(regionCode);
  const [acksOf, setAcksOf] = useState<Post | null>(null);
  const [hiding, setHiding] = useState<Post | null>(null);
  const [filter, setFilter] = useState<Filter>('all');

  const unhide = async (post: Post) => {
    try {
      await api.post(`/posts/${post.id}/unhide`);
      posts.upsert({ ...post, hidden: false, hiddenReason: null });
      feedback.success(t('consoleFeed.unhidden'));
    } catch (err) {
      feedback.error(err);
    }
  };

  const shown = useMemo(
    () =>
      posts.posts.filter((p) =>
        filter === 'questions' ? p.kind === 'question' : filter === 'notices' ? p.kind === 'notice' : filter === 'hidden' ? p.hidden : true,
      ),
    [posts.posts, filter],
  );
  const unanswered = posts.posts.filter((p) => p.kind === 'question' && p.replyCount === 0 && !p.hidden).length;
  const canModerate = posts.posts.some((p) => p.abilities?.hide || p.abilities?.unhide);

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div className="lx-feed-head">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {posts.feed?.unitName ?? feed?.name ?? regionCode}{' '}
          {feed || posts.feed ? <span className="lx-muted">· {levelLabel(t, posts.feed?.level ?? feed?.level)}</span> : null}
        </Typography.Title>
        <LiveIndicator state={posts.live} />
      </div>
      {posts.feed?.abilities.postNotice ? (
        <NoticeForm regionCode={regionCode} onPosted={(post) => (post?.id ? posts.upsert(post) : posts.reload())} />
      ) : posts.feed ? (
        <Alert type="info" showIcon message={t('consoleFeed.cannotPost')} />
      ) : null}
      <Segmented<Filter>
        value={filter}
        onChange={setFilter}
        data-testid="feed-filter"
        options={[
          { value: 'all', label: t('consoleFeed.filterAll') },
          { value: 'questions', label: unanswered ? t('consoleFeed.filterQuestionsCount', { count: unanswered }) : t('consoleFeed.filterQuestions') },
          { value: 'notices', label: t('consoleFeed.filterNotices') },
          ...(canModerate ? [{ value: 'hidden' as const, label: t('consoleFeed.filterHidden') }] : []),
        ]}
      />
      {posts.loading && posts.posts.length === 0 ? <Loading /> : null}
      {posts.error ? <ErrorState error={posts.error} onRetry={posts.reload} /> : null}
      {!posts.loading && !posts.error && shown.length === 0 ? <EmptyState title={t('consoleFeed.empty')} hint={t('consoleFeed.emptyHint')} /> : null}
      <div className="lx-posts" data-testid="post-list">
        {shown.map((post) => (
          <PostCard
            key={post.id}
            post={post}
            onChange={posts.upsert}
            fresh={posts.fresh.has(post.id)}
            showAckCount
            actions={
              <>
                {post.requiresAck && post.abilities?.viewAcks ? (
                  <Button icon={<TeamOutlined />} onClick={() => setAcksOf(post)} data-testid="ack-list-open">
                    {t('consoleFeed.ackList')}
                  </Button>
                ) : null}
                {!post.hidden && post.abilities?.hide ? (
                  <Button icon={<EyeInvisibleOutlined />} onClick={() => setHiding(post)} data-testid="post-hide">
                    {t('consoleFeed.hide')}
                  </Button>
                ) : null}
                {post.hidden && post.abilities?.unhide ? (
                  <Button icon={<EyeOutlined />} onClick={() => unhide(post)} data-testid="post-unhide">
                    {t('consoleFeed.unhide')}
                  </Button>
                ) : null}
              </>
            }
          />
        ))}
      </div>
      <PostListFooter hasMore={posts.hasMore} loadingMore={posts.loadingMore} onMore={() => void posts.loadMore()} count={posts.posts.length} />
      <AckDrawer post={acksOf} onClose={() => setAcksOf(null)} />
      <HideModal
        post={hiding}
        onClose={() => setHiding(null)}
        onDone={(p) => {
          posts.upsert(p);
          setHiding(null);
          feedback.success(t('consoleFeed.hiddenDone'));
        }}
      />
    </Space>
  );
}

/** 单位动态: the feeds of my units; notices (with @所有人), answers, acknowledgements, moderation. */
export default function FeedsPage() {
  const { t, i18n } = useTranslation();
  const { regionCode } = useParams();
  const navigate = useNavigate();
  const feeds = useLoad((signal) => api.get<{ items: FeedSummary[] }>('/feeds', undefined, { signal }), []);
  const list = feeds.data?.items ?? [];
  const selected = regionCode ?? list[0]?.regionCode;

  return (
    <ConsolePage title={t('console.nav.feeds')} description={t('consoleFeed.pageHint')} testId="page-feeds">
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={8} xl={7}>
          <Card title={t('consoleFeed.myFeeds')} size="small">
            {feeds.loading && !feeds.data ? <Loading /> : null}
            {feeds.error ? <ErrorState error={feeds.error} onRetry={feeds.reload} /> : null}
            {feeds.data && list.length === 0 ? <EmptyState title={t('consoleFeed.noFeeds')} hint={t('consoleFeed.noFeedsHint')} /> : null}
            <List
              dataSource={list}
              renderItem={(f) => (
                <List.Item className={`lx-feed-choice${f.regionCode === selected ? ' lx-selected' : ''}`}>
                  <Button
                    type={f.regionCode === selected ? 'primary' : 'text'}
                    ghost={f.regionCode === selected}
                    block
                    aria-current={f.regionCode === selected ? 'true' : undefined}
                    onClick={() => navigate(`/console/feeds/${f.regionCode}`)}
                    className="lx-feed-choice-button"
                    data-testid="console-feed-link"
                    data-region={f.regionCode}
                  >
                    <span className="lx-feed-text">
                      <span className="lx-feed-name">
                        <NotificationOutlined aria-hidden /> {f.name}
                      </span>
                      <span className="lx-feed-meta">
                        {f.unread > 0 ? (
                          <span className="lx-unread-text">
                            <BellFilled aria-hidden /> {t('feed.unread', { count: f.unread })}
                          </span>
                        ) : null}
                        {f.latestAt ? <span className="lx-muted">{formatDateTime(f.latestAt, i18n.language)}</span> : null}
                      </span>
                    </span>
                  </Button>
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} lg={16} xl={17}>
          {selected ? <FeedPanel key={selected} regionCode={selected} feed={list.find((f) => f.regionCode === selected)} /> : null}
        </Col>
      </Row>
    </ConsolePage>
  );
}
