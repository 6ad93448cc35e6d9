import type { ColumnType, Generated } from 'kysely';
import type { CaseStatus } from '../../../common/cases/states.js';
import type { CaseChannel, CaseEventKind, CasePriority, CaseRating, RoutingLevel } from '../../../common/cases/types.js';

/** The dispatch catalogue: what a case is about, with its time limits. Editable data. */
export interface CaseCategoriesTable {
  code: string;
  name: string;
  name_en: string | null;
  parent_code: string | null;
  default_priority: CasePriority;
  response_hours: number;
  resolution_hours: number;
  /** Words that suggest this category at intake (scored after jieba segmentation). */
  keywords: string[];
  /** Supervision reports: only discipline inspectors see them; never public. */
  confidential: boolean;
  anonymity_allowed: boolean;
  active: boolean;
  sort_order: number;
  created_at: ColumnType<Date, Date | undefined, never>;
}

/** Category × region prefix → handling level (and department). The longest prefix wins. */
export interface CaseRoutingRulesTable {
  id: Generated<string>;
  category_code: string;
  /** '' matches every region. */
  region_prefix: string;
  target_level: RoutingLevel;
  /** A department at that level (城管, 民政 …); null = the region's own unit. */
  department_type: string | null;
  updated_by: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface CasesTable {
  id: Generated<string>;
  /** 'ZZ2611220001': short enough to read over the phone. */
  tracking_number: string;
  channel: CaseChannel;
  category_code: string;
  title: string;
  description: string;
  region_code: string;
  /** First 6 digits: the shard key if one PostgreSQL is ever outgrown (DESIGN §3). */
  county_code: string;
  address: string | null;
  lat: number | null;
  lng: number | null;
  status: CaseStatus;
  priority: CasePriority;
  is_public: boolean;
  is_anonymous: boolean;
  /** Copied from the category at intake: the case keeps the rule it was filed under. */
  confidential: boolean;
  requester_user_id: string | null;
  requester_name: string | null;
  /** Stored in full for call-backs; presenters mask it. */
  requester_phone: string | null;
  /** Who filed it: the requester, or the hotline operator who took the call. */
  created_by: string | null;
  /** Null while waiting for a dispatcher (unrouted or returned). */
  handling_unit_id: string | null;
  /** Units that held the case before a transfer, return or dispatch: they may still read it. */
  prior_unit_ids: ColumnType<string[], string[] | undefined, string[]>;
  merged_into: string | null;
  source_post_id: string | null;
  response_due_at: Date;
  resolution_due_at: Date;
  /** First acceptance (签收): the response in 三率. Never cleared. */
  responded_at: Date | null;
  /** The latest resolution; cleared when the requester reopens. */
  resolved_at: Date | null;
  closed_at: Date | null;
  /** Set while the unit waits for the requester's information. */
  info_requested_at: Date | null;
  rating: CaseRating | null;
  rating_comment: string | null;
  rated_at: Date | null;
  reopen_count: ColumnType<number, number | undefined, number>;
  idempotency_key: string | null;
  /** jieba tokens of title, description, replies and results ('simple' config). */
  search: ColumnType<string, string | undefined, string>;
  created_at: ColumnType<Date, Date | undefined, never>;
  updated_at: Date;
}

/** The append-only timeline: one row per transition, written with the state change. */
export interface CaseEventsTable {
  id: Generated<number>;
  case_id: string;
  county_code: string;
  kind: CaseEventKind;
  from_status: CaseStatus | null;
  to_status: CaseStatus | null;
  actor_id: string | null;
  actor_role: string | null;
  actor_name: string | null;
  /** The unit the actor acted for (or the unit the case went to, for routing). */
  unit_id: string | null;
  unit_name: string | null;
  note: string | null;
  visible_to_requester: boolean;
  data: ColumnType<unknown, string | undefined, never>;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface CaseFollowersTable {
  case_id: string;
  user_id: string;
  /** requester | merged | follow */
  reason: string;
  created_at: ColumnType<Date, Date | undefined, never>;
}

/** Photo metadata; the bytes live in case_attachment_blobs (see migrations.ts for why). */
export interface CaseAttachmentsTable {
  id: Generated<string>;
  case_id: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  uploaded_by: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface CaseAttachmentBlobsTable {
  attachment_id: string;
  bytes: Buffer;
}

/** One row per day (Asia/Shanghai): the last tracking sequence handed out. */
export interface CaseTrackingCountersTable {
  day: string;
  last_value: number;
}

declare module '../../platform/db/database.js' {
  interface Database {
    case_categories: CaseCategoriesTable;
    case_routing_rules: CaseRoutingRulesTable;
    cases: CasesTable;
    case_events: CaseEventsTable;
    case_followers: CaseFollowersTable;
    case_attachments: CaseAttachmentsTable;
    case_attachment_blobs: CaseAttachmentBlobsTable;
    case_tracking_counters: CaseTrackingCountersTable;
  }
}
