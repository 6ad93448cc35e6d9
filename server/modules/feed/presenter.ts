import type { Actor, Lang } from '../../platform/context.js';
import { serverMessages, translate, type MessageKey } from '../../../common/i18n/server-messages.js';
import { maskName } from '../../../common/masking.js';
import type { FeedRegion, FeedListRow, AckListRow } from './directory.js';
import type { PostRow } from './repo.js';
import type { AckList, FeedList, Post, PostPage, Thread } from './schema.js';
import {
  canAck,
  canAsk,
  canModerate,
  canPostNotice,
  canReply,
  canViewAcks,
  seesAuthorUnmasked,
  type PostFacts,
} from './policy.js';

/** Shapes every feed response; masks residents' personal data; adds what the caller may do. */

export interface AckSummary {
  mine: boolean;
  acknowledged: number;
  total: number;
}

export interface PostView {
  row: PostRow;
  replyCount: number;
  /** Null unless the post asks for acknowledgement. */
  ack: AckSummary | null;
}

export function factsOf(row: PostRow): PostFacts {
  return {
    regionCode: row.region_code,
    kind: row.kind,
    parentId: row.parent_id,
    authorId: row.author_id,
    requiresAck: row.requires_ack,
    hidden: row.hidden_at !== null,
  };
}

export function roleLabel(lang: Lang, role: string, unitName: string | null): string {
  const key = `feed.role.${role}`;
  const roleName = key in serverMessages ? translate(lang, key as MessageKey) : role;
  return role === 'resident' || !unitName ? roleName : `${unitName} · ${roleName}`;
}

export function presentPost(view: PostView, actor: Actor | null, lang: Lang): Post {
  const { row } = view;
  const facts = factsOf(row);
  const hidden = facts.hidden;
  const moderator = canModerate(actor, facts);
  const showContent = !hidden || moderator;
  return {
    id: row.id,
    regionCode: row.region_code,
    parentId: row.parent_id,
    kind: row.kind,
    title: showContent ? row.title : null,
    body: showContent ? row.body : translate(lang, 'feed.hidden_placeholder'),
    author: {
      id: row.author_id,
      name: seesAuthorUnmasked(actor, { regionCode: row.region_code, authorId: row.author_id, authorRole: row.author_role })
        ? row.author_name
        : maskName(row.author_name),
      roleLabel: roleLabel(lang, row.author_role, row.author_unit_name),
    },
    requiresAck: row.requires_ack,
    ack: view.ack,
    replyCount: view.replyCount,
    hidden,
    hiddenReason: hidden && moderator ? row.hidden_reason : null,
    createdAt: row.created_at.toISOString(),
    abilities: {
      reply: canReply(actor, facts),
      ack: canAck(actor, facts) && !view.ack?.mine,
      viewAcks: canViewAcks(actor, facts),
      hide: !hidden && moderator,
      unhide: hidden && moderator,
    },
  };
}

export function presentThread(view: PostView, replies: PostView[], actor: Actor | null, lang: Lang): Thread {
  return { ...presentPost(view, actor, lang), replies: replies.map((r) => presentPost(r, actor, lang)) };
}

export function presentPostPage(
  feed: FeedRegion,
  views: PostView[],
  nextBefore: string | null,
  actor: Actor | null,
  lang: Lang,
): PostPage {
  return {
    feed: {
      regionCode: feed.code,
      name: feed.name,
      level: feed.level,
      unitName: feed.unitName,
      abilities: { postNotice: canPostNotice(actor, feed.code), askQuestion: canAsk(actor, feed.code) },
    },
    items: views.map((v) => presentPost(v, actor, lang)),
    nextBefore,
  };
}

export function presentFeedList(rows: FeedListRow[], hasMore: boolean): FeedList {
  return {
    items: rows.map((r) => ({
      regionCode: r.code,
      name: r.name,
      level: r.level,
      latestAt: r.latest_at ? r.latest_at.toISOString() : null,
      unread: r.unread,
    })),
    hasMore,
  };
}

/**
 * An address for people who may know a household is there but not exactly
 * where: the first half is kept, the rest masked (the final 号/室/栋 stays).
 *   双江村七组15号 → 双江村七***号
 */
export function maskAddress(address: string): string {
  const chars = Array.from(address.trim());
  if (chars.length <= 2) return chars.map(() => '*').join('');
  const keep = Math.ceil(chars.length / 2);
  const last = chars[chars.length - 1];
  const tail = /[号室栋號棟]/.test(last) ? last : '*';
  return chars.slice(0, keep).join('') + '*'.repeat(chars.length - keep - 1) + tail;
}

export function presentAckList(
  acknowledged: AckListRow[],
  pending: AckListRow[],
  totals: { households: number; acknowledged: number },
  unmasked: boolean,
): AckList {
  const address = (a: string) => (unmasked ? a : maskAddress(a));
  const person = (n: string | null) => (n === null ? null : unmasked ? n : maskName(n));
  return {
    acknowledged: acknowledged.map((h) => ({
      householdId: h.householdId,
      address: address(h.address),
      representative: person(h.representative),
      ackedAt: (h.ackedAt as Date).toISOString(),
    })),
    pending: pending.map((h) => ({ householdId: h.householdId, address: address(h.address), representative: person(h.representative) })),
    totals,
    truncated: acknowledged.length < totals.acknowledged || pending.length < totals.households - totals.acknowledged,
    masked: !unmasked,
  };
}
