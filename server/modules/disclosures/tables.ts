import type { ColumnType, Generated } from 'kysely';
import type { Direction, FlagStatus, FundKind, FundStatus, PaymentMethod, PublicationKind, PublicationStatus } from '../../../common/disclosures/kinds.js';

/** Kysely types of the disclosures tables (see migrations.ts for the rules the database enforces). */

type Created = ColumnType<Date, Date | undefined, never>;
/** `date` columns travel as YYYY-MM-DD text (see the type parser in repo.ts). */
type DateText = ColumnType<string, string, string>;

export interface DisclosureSettingsTable {
  region_code: string;
  due_day: number;
  cash_limit_fen: number;
  approval_threshold_fen: number;
  split_window_days: number;
  major_spend_fen: number;
  gap_tolerance_pct: number;
  required_kinds: string[];
  tracking_from: string | null;
  updated_by: string | null;
  updated_at: Date;
}

export interface DisclosureDecisionsTable {
  id: Generated<string>;
  region_code: string;
  county_code: string;
  title: string;
  subject: string;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface DisclosureDecisionStepsTable {
  decision_id: string;
  step: string;
  held_on: DateText;
  document: string;
  present: number | null;
  eligible: number | null;
  in_favour: number | null;
  recorded_by: string | null;
  recorded_at: Date;
}

export interface DisclosureFundsTable {
  id: Generated<string>;
  region_code: string;
  county_code: string;
  code: string;
  name: string;
  kind: FundKind;
  purpose: string;
  approved_fen: number;
  approval_document: string | null;
  decision_id: string | null;
  status: FundStatus;
  gap_explanation: string | null;
  balance_disposition: string | null;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface DisclosurePublicationsTable {
  id: Generated<string>;
  series_id: string;
  region_code: string;
  county_code: string;
  period: string;
  kind: PublicationKind;
  version: number;
  title: string;
  body: string;
  status: PublicationStatus;
  previous_id: string | null;
  correction_reason: string | null;
  due_on: DateText;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
  submitted_at: Date | null;
  approved_by: string | null;
  approved_at: Date | null;
  published_by: string | null;
  published_at: Date | null;
  chain_seq: number | null;
  prev_hash: string | null;
  hash: string | null;
}

export interface DisclosurePublicationFundsTable {
  publication_id: string;
  fund_id: string;
  code: string;
  name: string;
  kind: FundKind;
  purpose: string;
  approved_fen: number;
  approval_document: string | null;
  status: FundStatus;
  gap_explanation: string | null;
  balance_disposition: string | null;
  decision_id: string | null;
  decision_title: string | null;
  decision_steps: string[];
}

export interface DisclosureAttachmentsTable {
  id: Generated<string>;
  region_code: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  bytes: Buffer;
  uploaded_by: string | null;
  created_at: Created;
}

export interface DisclosureEntriesTable {
  id: Generated<string>;
  publication_id: string;
  region_code: string;
  county_code: string;
  seq: number;
  entry_date: DateText;
  voucher_no: string;
  direction: Direction;
  amount_fen: number;
  counterparty: string;
  counterparty_kind: 'person' | 'organisation';
  /** Salt of the SM3 commitment that stands for a person's name in the public canonical document. */
  counterparty_salt: string;
  purpose: string;
  fund_id: string;
  to_fund_id: string | null;
  approvers: string[];
  payment_method: PaymentMethod;
  decision_id: string | null;
  attachment_ids: string[];
  import_id: string | null;
  created_at: Created;
}

export interface DisclosureReviewsTable {
  id: Generated<string>;
  publication_id: string;
  reviewer_id: string;
  decision: 'approve' | 'return';
  comment: string;
  created_at: Date;
}

export interface DisclosureFlagsTable {
  id: Generated<string>;
  region_code: string;
  county_code: string;
  rule: string;
  fingerprint: string;
  status: FlagStatus;
  params: ColumnType<Record<string, string | number>, string, string>;
  entry_ids: string[];
  publication_id: string | null;
  fund_id: string | null;
  period: string | null;
  first_detected_at: Date;
  last_detected_at: Date;
  updated_at: Date;
}

export interface DisclosureFlagEventsTable {
  id: Generated<number>;
  flag_id: string;
  action: 'detected' | 'dismissed' | 'reopened' | 'resolved' | 'redetected';
  reason: string | null;
  actor_id: string | null;
  created_at: Date;
}

export interface DisclosureCommentsTable {
  id: Generated<string>;
  publication_id: string;
  series_id: string;
  parent_id: string | null;
  region_code: string;
  author_id: string;
  author_role: 'resident' | 'village';
  body: string;
  created_at: Date;
}

export interface DisclosureImportMappingsTable {
  region_code: string;
  mapping: ColumnType<unknown, string, string>;
  updated_by: string | null;
  updated_at: Date;
}

export interface DisclosureImportsTable {
  id: Generated<string>;
  publication_id: string;
  region_code: string;
  file_name: string;
  format: string;
  encoding: string;
  row_count: number;
  sha256: string;
  mode: string;
  imported_by: string | null;
  created_at: Date;
}

export interface DisclosureNoticesTable {
  id: Generated<string>;
  publication_id: string;
  region_code: string;
  title: string;
  body: string;
  author_id: string | null;
  created_at: Date;
  delivered_at: Date | null;
  feed_post_id: string | null;
  error: string | null;
  attempts: Generated<number>;
  claimed_until: Date | null;
}

export interface DisclosureChainHeadsTable {
  region_code: string;
  seq: number;
  hash: string;
}

declare module '../../platform/db/database.js' {
  interface Database {
    disclosure_settings: DisclosureSettingsTable;
    disclosure_decisions: DisclosureDecisionsTable;
    disclosure_decision_steps: DisclosureDecisionStepsTable;
    disclosure_funds: DisclosureFundsTable;
    disclosure_publications: DisclosurePublicationsTable;
    disclosure_publication_funds: DisclosurePublicationFundsTable;
    disclosure_attachments: DisclosureAttachmentsTable;
    disclosure_entries: DisclosureEntriesTable;
    disclosure_reviews: DisclosureReviewsTable;
    disclosure_flags: DisclosureFlagsTable;
    disclosure_flag_events: DisclosureFlagEventsTable;
    disclosure_comments: DisclosureCommentsTable;
    disclosure_import_mappings: DisclosureImportMappingsTable;
    disclosure_imports: DisclosureImportsTable;
    disclosure_notices: DisclosureNoticesTable;
    disclosure_chain_heads: DisclosureChainHeadsTable;
  }
}
