/**
 * Shapes of the disclosures API, taken from the server's TypeBox schemas
 * (type-only imports: nothing of the server reaches the bundle, and the
 * shapes are never written twice).
 */
import type { Static } from '@sinclair/typebox';
import type * as S from '../../../../server/modules/disclosures/schema.js';
import type * as O from '../../../../server/modules/disclosures/schema-oversight.js';

export type Publication = Static<typeof S.PublicationView>;
export type PublicationSummary = Static<typeof S.PublicationSummary>;
export type PublicationPage = Static<typeof S.PublicationList>;
export type FundSummary = Static<typeof S.FundSummary>;
export type FundFigures = Static<typeof S.FundFigures>;
export type Entry = Static<typeof S.EntryView>;
export type EntryPage = Static<typeof S.EntryList>;
export type Changes = Static<typeof S.ChangeList>;
export type Fund = Static<typeof S.FundView>;
export type Decision = Static<typeof S.DecisionView>;
export type Flag = Static<typeof O.FlagSummary>;
export type FlagDetail = Static<typeof O.FlagView>;
export type FlagPage = Static<typeof O.FlagList>;
export type Compliance = Static<typeof O.ComplianceBoard>;
export type Settings = Static<typeof O.SettingsView>;
export type ImportPreview = Static<typeof O.ImportPreview>;
export type ImportResult = Static<typeof O.ImportResult>;
export type ImportMapping = Static<typeof O.ImportMapping>;
export type MappingView = Static<typeof O.MappingView>;
export type CommentList = Static<typeof O.CommentList>;
export type Comment = Static<typeof O.CommentView>;
export type ReportReceipt = Static<typeof O.ReportReceipt>;
export type Chain = Static<typeof O.ChainView>;

export type { PublicationKind, PublicationStatus, FlagRule, DecisionStep, FundKind } from '../../../../common/disclosures/kinds.js';
export { PUBLICATION_KINDS, LEDGER_KINDS, DECISION_STEPS, FLAG_RULES, FUND_KINDS } from '../../../../common/disclosures/kinds.js';

/** Import fields a column can be mapped to (server/modules/disclosures/schema-oversight.ts IMPORT_FIELDS). */
export const IMPORT_FIELDS = ['date', 'voucherNo', 'direction', 'amount', 'income', 'expense', 'counterparty', 'purpose', 'fund', 'toFund', 'approvers', 'paymentMethod'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** The confidential case category of a report (server/modules/disclosures/reports.ts). */
export const REPORT_CATEGORY = 'supervision.village_affairs';
