import { Button, Space, Typography } from 'antd';
import { ArrowLeftOutlined, QuestionCircleOutlined, ScheduleOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import type { DutyItem, RegionDetail } from '../api/types.js';
import { StatusTag } from '../components/StatusTag.js';
import { formatTime } from '../lib/time.js';

interface DutyToday {
  unit: { id: string; name: string; regionCode: string };
  date: string;
  onDuty: DutyItem | null;
}
import { ResidentLayout } from '../app/ResidentLayout.js';
import { EmptyState, ErrorState, Loading } from '../components/states.js';
import { AskForm } from '../feed/AskForm.js';
import { LiveIndicator, PostCard, PostListFooter } from '../feed/PostCard.js';
import { useFeedPosts } from '../feed/useFeedPosts.js';
import { levelLabel } from '../lib/labels.js';
import { useLoad } from '../lib/useLoad.js';

/** `/feeds/:regionCode`: a unit's posts, notices to acknowledge, questions and answers, live. */
export default function FeedPage() {
  const { regionCode = '' } = useParams();
  const { t, i18n } = useTranslation();
  const [asking, setAsking] = useState(false);
  const region = useLoad((signal) => api.get<RegionDetail>(`/regions/${regionCode}`, undefined, { signal }), [regionCode]);
  const feed = useFeedPosts(regionCode);
  // The breadcrumb above this region, below the province: 株洲市 / 荷塘区 / …
  const path = region.data?.path?.filter((p) => p.code !== regionCode).slice(1).map((p) => p.name) ?? [];
  const canAsk = feed.feed?.abilities.askQuestion ?? false;
  // Who is on duty today for this unit (a unit without a roster answers 404: nothing shown).
  const duty = useLoad(
    (signal) => api.get<DutyToday>('/duty/today', { regionCode }, { signal }).catch(() => null),
    [regionCode],
  );
  const onDuty = duty.data?.onDuty;

  return (
    <ResidentLayout>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Link to="/" className="lx-back" data-testid="back-home">
          <ArrowLeftOutlined aria-hidden /> {t('nav.back')}
        </Link>
        <div className="lx-feed-head">
          <div>
            <Typography.Title level={3} className="lx-feed-title" data-testid="feed-title">
              {feed.feed?.unitName ?? feed.feed?.name ?? region.data?.name ?? t('feed.title')}
            </Typography.Title>
            {region.data || feed.feed ? (
              <div className="lx-muted">
                {levelLabel(t, feed.feed?.level ?? region.data?.level)}
                {path.length ? ` · ${path.join(' / ')}` : ''}
              </div>
            ) : null}
          </div>
          <LiveIndicator state={feed.live} />
        </div>
        {onDuty ? (
          <div className="lx-on-duty" data-testid="on-duty-today">
            <ScheduleOutlined aria-hidden /> {t('feed.onDutyToday', { name: onDuty.user.name })}
            {onDuty.checkedInAt ? (
              <StatusTag tone="success">{t('duty.checkedInAt', { time: formatTime(onDuty.checkedInAt, i18n.language) })}</StatusTag>
            ) : null}
          </div>
        ) : null}

        {!canAsk ? null : asking ? (
          <AskForm
            regionCode={regionCode}
            onCancel={() => setAsking(false)}
            onPosted={(post) => {
              setAsking(false);
              if (post?.id) feed.upsert(post);
            }}
          />
        ) : (
          <Button icon={<QuestionCircleOutlined />} block size="large" onClick={() => setAsking(true)} data-testid="ask-open">
            {t('feed.askOpen')}
          </Button>
        )}

        {feed.loading && feed.posts.length === 0 ? <Loading rows={4} /> : null}
        {feed.error ? <ErrorState error={feed.error} onRetry={feed.reload} /> : null}
        {!feed.loading && !feed.error && feed.posts.length === 0 ? <EmptyState title={t('feed.empty')} hint={t('feed.emptyHint')} /> : null}
        <div className="lx-posts" data-testid="post-list" aria-live="polite">
          {feed.posts.map((post) => (
            <PostCard key={post.id} post={post} onChange={feed.upsert} fresh={feed.fresh.has(post.id)} />
          ))}
        </div>
        <PostListFooter hasMore={feed.hasMore} loadingMore={feed.loadingMore} onMore={() => void feed.loadMore()} count={feed.posts.length} />
      </Space>
    </ResidentLayout>
  );
}
