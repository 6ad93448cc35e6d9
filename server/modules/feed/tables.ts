import type { Generated } from 'kysely';

export const POST_KINDS = ['notice', 'question', 'answer', 'duty_check_in'] as const;
export type PostKind = (typeof POST_KINDS)[number];

/**
 * A post in a unit's feed (the seeds' 服务与监督群), or a reply in a post's
 * thread (`parent_id` set). Replies are `answer` (by a cadre of the feed) or
 * `question` (a follow-up by the asker).
 */
export interface FeedPostsTable {
  id: Generated<string>;
  /** The feed: the region of a unit (village, township, … grid). */
  region_code: string;
  /** First 6 digits: the shard key should one PostgreSQL be outgrown (DESIGN §3). */
  county_code: string;
  parent_id: string | null;
  kind: PostKind;
  title: string | null;
  body: string;
  author_id: string;
  /** The role the author wrote in, and the name of that role's unit, at the time. */
  author_role: string;
  author_unit_name: string | null;
  /** 「@所有人」: every household of the region subtree is asked to acknowledge. */
  requires_ack: boolean;
  hidden_at: Date | null;
  hidden_by: string | null;
  hidden_reason: string | null;
  created_at: Date;
}

/** One acknowledgement per household and post, by any verified member. */
export interface FeedAcksTable {
  post_id: string;
  household_id: string;
  user_id: string;
  acked_at: Date;
}

/** Where a person last read a feed up to (drives `unread`). */
export interface FeedReadsTable {
  user_id: string;
  region_code: string;
  last_read_at: Date;
}

declare module '../../platform/db/database.js' {
  interface Database {
    feed_posts: FeedPostsTable;
    feed_acks: FeedAcksTable;
    feed_reads: FeedReadsTable;
  }
}
