import type { Labels } from '../labels.js';

/**
 * The vocabulary of village affairs disclosure (村务公开, DESIGN §5), shared by
 * the server and the web: kinds of publication, their states, ledger
 * directions, the 四议两公开 steps and the red-flag rules.
 */

export const PUBLICATION_KINDS = ['party', 'village', 'finance', 'assets', 'livelihood', 'projects'] as const;
export type PublicationKind = (typeof PUBLICATION_KINDS)[number];

/** Kinds whose publications carry ledger entries. */
export const LEDGER_KINDS: readonly PublicationKind[] = ['finance', 'assets', 'livelihood', 'projects'];

export const PUBLICATION_STATUSES = ['draft', 'in_review', 'returned', 'approved', 'published'] as const;
export type PublicationStatus = (typeof PUBLICATION_STATUSES)[number];

/** A correction or a first edition may still be edited in these states. */
export const EDITABLE_STATUSES: readonly PublicationStatus[] = ['draft', 'returned'];

export const DIRECTIONS = ['income', 'expense', 'transfer'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const PAYMENT_METHODS = ['cash', 'bank', 'other'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const FUND_KINDS = ['special', 'project', 'general', 'livelihood'] as const;
export type FundKind = (typeof FUND_KINDS)[number];

export const FUND_STATUSES = ['open', 'completed'] as const;
export type FundStatus = (typeof FUND_STATUSES)[number];

/** 四议两公开, in their order: 党支部提议、两委会商议、党员大会审议、村民（代表）会议决议、决议公开、实施结果公开. */
export const DECISION_STEPS = ['proposal', 'committees', 'party_members', 'villagers', 'decision_published', 'result_published'] as const;
export type DecisionStep = (typeof DECISION_STEPS)[number];
/** Steps that must be recorded before the money may be spent (the result is published afterwards). */
export const STEPS_BEFORE_SPENDING: readonly DecisionStep[] = ['proposal', 'committees', 'party_members', 'villagers', 'decision_published'];

export const FLAG_RULES = [
  'fund_diverted',
  'approved_gap',
  'split_payments',
  'cash_over_limit',
  'duplicate_voucher',
  'major_without_decision',
  'relative_beneficiary',
  'late_publication',
  'missing_publication',
] as const;
export type FlagRule = (typeof FLAG_RULES)[number];

export const FLAG_STATUSES = ['open', 'dismissed', 'resolved'] as const;
export type FlagStatus = (typeof FLAG_STATUSES)[number];

export const COMPLIANCE_STATES = ['on_time', 'late', 'missing', 'pending'] as const;
/** on_time/late: published by/after the end of the due day; missing: the due day has passed without it; pending: not due yet. */
export type ComplianceState = (typeof COMPLIANCE_STATES)[number];

export const KIND_LABELS: Labels<PublicationKind> = {
  party: { 'zh-CN': '党务公开', 'zh-TW': '黨務公開', en: 'Party affairs' },
  village: { 'zh-CN': '村务公开', 'zh-TW': '村務公開', en: 'Village affairs' },
  finance: { 'zh-CN': '财务公开', 'zh-TW': '財務公開', en: 'Finance' },
  assets: { 'zh-CN': '三资公示', 'zh-TW': '三資公示', en: 'Collective funds, assets and resources' },
  livelihood: { 'zh-CN': '民生资金公示', 'zh-TW': '民生資金公示', en: 'Livelihood funds (subsidies, 低保)' },
  projects: { 'zh-CN': '项目公示', 'zh-TW': '項目公示', en: 'Projects' },
};

export const DIRECTION_LABELS: Labels<Direction> = {
  income: { 'zh-CN': '收入', 'zh-TW': '收入', en: 'income' },
  expense: { 'zh-CN': '支出', 'zh-TW': '支出', en: 'expense' },
  transfer: { 'zh-CN': '调拨', 'zh-TW': '調撥', en: 'transfer' },
};

export const STEP_LABELS: Labels<DecisionStep> = {
  proposal: { 'zh-CN': '党支部提议', 'zh-TW': '黨支部提議', en: 'Party branch proposal' },
  committees: { 'zh-CN': '两委会商议', 'zh-TW': '兩委會商議', en: 'Two committees’ discussion' },
  party_members: { 'zh-CN': '党员大会审议', 'zh-TW': '黨員大會審議', en: 'Party members’ meeting' },
  villagers: { 'zh-CN': '村民（代表）会议决议', 'zh-TW': '村民（代表）會議決議', en: 'Villagers’ (representatives’) meeting' },
  decision_published: { 'zh-CN': '决议公开', 'zh-TW': '決議公開', en: 'Decision published' },
  result_published: { 'zh-CN': '实施结果公开', 'zh-TW': '實施結果公開', en: 'Result published' },
};

export const FUND_KIND_LABELS: Labels<FundKind> = {
  special: { 'zh-CN': '专项资金', 'zh-TW': '專項資金', en: 'special fund' },
  project: { 'zh-CN': '项目', 'zh-TW': '項目', en: 'project' },
  general: { 'zh-CN': '村级经费', 'zh-TW': '村級經費', en: 'general funds' },
  livelihood: { 'zh-CN': '民生资金', 'zh-TW': '民生資金', en: 'livelihood fund' },
};
