/**
 * Words of the case engine that the server and the web share.
 */
export const CASE_CHANNELS = ['app', 'hotline', 'feed', 'open311'] as const;
export type CaseChannel = (typeof CASE_CHANNELS)[number];

export const CASE_PRIORITIES = ['emergency', 'urgent', 'normal'] as const;
export type CasePriority = (typeof CASE_PRIORITIES)[number];

/** 满意 / 基本满意 / 不满意. */
export const CASE_RATINGS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export type CaseRating = (typeof CASE_RATINGS)[number];

/**
 * Where a routing rule sends a case: the unit of the case's region at that
 * level (the village/community itself, its township, its county, the city) or,
 * with a department type, that department at that level.
 */
export const ROUTING_LEVELS = ['village', 'township', 'county', 'city'] as const;
export type RoutingLevel = (typeof ROUTING_LEVELS)[number];

/** Timeline entries: every action, plus what happens to a case from outside. */
export const CASE_EVENT_KINDS = [
  'submitted',
  'routed',
  'assigned',
  'accepted',
  'replied',
  'info_requested',
  'info_added',
  'transferred',
  'returned',
  'merged',
  'merged_in',
  'rejected',
  'resolved',
  'rated',
  'reopened',
  'withdrawn',
  'attachment_added',
  /** The resolution deadline passed: the case went up to the parent unit's supervision board (督办). */
  'escalated',
  /** The parent unit closed its supervision item. */
  'supervision_closed',
] as const;
export type CaseEventKind = (typeof CASE_EVENT_KINDS)[number];

/** A category as the intake form and the staff console show it. */
export interface CaseCategoryInfo {
  code: string;
  name: string;
  nameEn: string | null;
  parentCode: string | null;
  defaultPriority: CasePriority;
  responseHours: number;
  resolutionHours: number;
  confidential: boolean;
  anonymityAllowed: boolean;
}

/** Tracking numbers: 'ZZ' + YYMMDD (Asia/Shanghai) + a daily sequence of at least 4 digits. */
export const TRACKING_NUMBER_PATTERN = '^ZZ[0-9]{10,12}$';
