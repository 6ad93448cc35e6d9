import { useCallback, useEffect, useRef, useState } from 'react';
import { api, isApiError } from '../api/client.js';
import type { FeedInfo, Post, PostPage } from '../api/types.js';

export type LiveState = 'connecting' | 'open' | 'closed';
const PAGE = 20;

/**
 * A feed's posts, newest first: the first page, "加载更多" by cursor, and live
 * updates from `GET /api/feeds/:regionCode/stream` (new posts appear without
 * a reload; replies, acknowledgements and moderation refresh the post).
 */
export function useFeedPosts(regionCode: string | undefined) {
  const [posts, setPosts] = useState<Post[]>([]);
  const [nextBefore, setNextBefore] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [live, setLive] = useState<LiveState>('connecting');
  const [fresh, setFresh] = useState<Set<string>>(new Set());
  const [tick, setTick] = useState(0);
  const [feed, setFeed] = useState<FeedInfo | null>(null);
  const postsRef = useRef(posts);
  postsRef.current = posts;

  useEffect(() => {
    if (!regionCode) return;
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    api
      .get<PostPage>(`/feeds/${regionCode}/posts`, { limit: PAGE }, { signal: controller.signal })
      .then((page) => {
        setFeed(page.feed ?? null);
        setPosts(page.items);
        setNextBefore(page.nextBefore);
      })
      .catch((err) => {
        if ((err as Error)?.name !== 'AbortError') setError(err);
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [regionCode, tick]);

  const loadMore = useCallback(async () => {
    if (!regionCode || !nextBefore) return;
    setLoadingMore(true);
    try {
      const page = await api.get<PostPage>(`/feeds/${regionCode}/posts`, { before: nextBefore, limit: PAGE });
      setPosts((prev) => [...prev, ...page.items.filter((p) => !prev.some((q) => q.id === p.id))]);
      setNextBefore(page.nextBefore);
    } catch (err) {
      setError(err);
    } finally {
      setLoadingMore(false);
    }
  }, [regionCode, nextBefore]);

  /** Replace (or drop) one post after a change made here or reported live. */
  const upsert = useCallback((post: Post) => {
    setPosts((prev) => {
      const i = prev.findIndex((p) => p.id === post.id);
      if (i >= 0) {
        const copy = prev.slice();
        copy[i] = { ...prev[i], ...post, replies: post.replies ?? prev[i].replies };
        return copy;
      }
      return [post, ...prev].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    });
  }, []);

  const remove = useCallback((postId: string) => setPosts((prev) => prev.filter((p) => p.id !== postId)), []);

  const refreshPost = useCallback(
    async (postId: string, isNew = false) => {
      try {
        const post = await api.get<Post>(`/posts/${postId}`);
        if (post.regionCode && regionCode && post.regionCode !== regionCode) return;
        // Only top-level posts are listed; a reply's event names its thread.
        if (post.parentId) return;
        const known = postsRef.current.some((p) => p.id === postId);
        upsert(post);
        if (isNew && !known) setFresh((prev) => new Set(prev).add(postId));
      } catch (err) {
        if (isApiError(err, 404) || isApiError(err, 403)) remove(postId);
      }
    },
    [regionCode, upsert, remove],
  );

  useEffect(() => {
    if (!regionCode || typeof EventSource === 'undefined') return;
    setLive('connecting');
    const source = new EventSource(`/api/feeds/${regionCode}/stream`, { withCredentials: true });
    const idOf = (event: MessageEvent): { postId?: string } => {
      try {
        return JSON.parse(event.data as string) as { postId?: string };
      } catch {
        return {};
      }
    };
    source.onopen = () => setLive('open');
    source.onerror = () => setLive(source.readyState === EventSource.CLOSED ? 'closed' : 'connecting');
    const onPost = (e: Event) => {
      const { postId } = idOf(e as MessageEvent);
      if (postId) void refreshPost(postId, true);
    };
    const onChange = (e: Event) => {
      // reply: postId is the thread; ack, hidden: the post itself.
      const { postId } = idOf(e as MessageEvent);
      if (postId) void refreshPost(postId);
    };
    source.addEventListener('post', onPost);
    for (const type of ['reply', 'ack', 'hidden', 'unhidden', 'updated']) source.addEventListener(type, onChange);
    return () => source.close();
  }, [regionCode, refreshPost]);

  return {
    feed,
    posts,
    loading,
    loadingMore,
    error,
    hasMore: !!nextBefore,
    loadMore,
    reload: () => setTick((n) => n + 1),
    upsert,
    remove,
    refreshPost,
    live,
    fresh,
  };
}
