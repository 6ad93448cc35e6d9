import { Type as T, type Static } from '@sinclair/typebox';
import { COMPLIANCE_STATES, FLAG_RULES, FLAG_STATUSES, PUBLICATION_KINDS } from '../../../common/disclosures/kinds.js';
import { EntryView, KindSchema, Nullable, PageQuery, Period, RegionCode, Strict, Uuid } from './schema.js';

/** Schemas of red flags, compliance, settings, imports, comments, reports and the hash chain. */

const literals = <V extends string>(values: readonly V[]) => T.Union(values.map((v) => T.Literal(v)));
export const RuleSchema = literals(FLAG_RULES);
export const FlagStatusSchema = literals(FLAG_STATUSES);

// ---------------------------------------------------------------- red flags
export const FlagListQuery = T.Object(
  { region: RegionCode, status: T.Optional(FlagStatusSchema), rule: T.Optional(RuleSchema), ...PageQuery },
  Strict,
);
export type FlagListInput = Static<typeof FlagListQuery>;
export const FlagEventView = T.Object({ action: T.String(), reason: Nullable(T.String()), actor: Nullable(T.String()), at: T.String() });
export const FlagSummary = T.Object({
  id: T.String(),
  regionCode: T.String(),
  villageName: T.String(),
  rule: RuleSchema,
  status: FlagStatusSchema,
  explanation: T.String({ description: 'plain-language explanation in the caller’s language' }),
  period: Nullable(T.String()),
  publicationId: Nullable(T.String()),
  fundId: Nullable(T.String()),
  entryCount: T.Integer(),
  firstDetectedAt: T.String(),
  lastDetectedAt: T.String(),
  abilities: T.Object({ dismiss: T.Boolean(), reopen: T.Boolean() }),
});
export const FlagList = T.Object({ items: T.Array(FlagSummary), total: T.Integer(), page: T.Integer(), pageSize: T.Integer() });
export const FlagView = T.Composite([
  FlagSummary,
  T.Object({ entries: T.Array(EntryView), history: T.Array(FlagEventView), facts: T.Record(T.String(), T.Union([T.String(), T.Number()])) }),
]);
export const ReasonBody = T.Object({ reason: T.String({ minLength: 1, maxLength: 1000 }) }, Strict);
export const ScanResult = T.Object({ villages: T.Integer(), entries: T.Integer(), open: T.Integer(), detected: T.Integer(), resolved: T.Integer() });

// ---------------------------------------------------------------- compliance
export const ComplianceQuery = T.Object(
  { region: RegionCode, from: Period, to: Period, kind: T.Optional(KindSchema) },
  Strict,
);
export type ComplianceInput = Static<typeof ComplianceQuery>;
export const ComplianceCell = T.Object({
  period: T.String(),
  state: literals(COMPLIANCE_STATES),
  dueOn: T.String(),
  publishedAt: Nullable(T.String()),
  daysLate: Nullable(T.Integer()),
  publicationId: Nullable(T.String()),
});
export const ComplianceRow = T.Object({
  regionCode: T.String(),
  name: T.String(),
  townshipCode: T.String(),
  townshipName: T.String(),
  months: T.Array(ComplianceCell),
  counts: T.Record(T.String(), T.Integer()),
});
export const ComplianceBoard = T.Object({
  region: T.Object({ code: T.String(), name: T.String() }),
  kind: KindSchema,
  periods: T.Array(T.String()),
  villages: T.Array(ComplianceRow),
  byPeriod: T.Array(T.Object({ period: T.String(), counts: T.Record(T.String(), T.Integer()) })),
  totals: T.Record(T.String(), T.Integer()),
});

// ---------------------------------------------------------------- settings
export const SettingsBody = T.Object(
  {
    dueDay: T.Optional(T.Integer({ minimum: 1, maximum: 31 })),
    cashLimitFen: T.Optional(T.Integer({ minimum: 1, maximum: 100_000_000_00 })),
    approvalThresholdFen: T.Optional(T.Integer({ minimum: 1, maximum: 100_000_000_00 })),
    splitWindowDays: T.Optional(T.Integer({ minimum: 1, maximum: 366 })),
    majorSpendFen: T.Optional(T.Integer({ minimum: 1, maximum: 100_000_000_00 })),
    gapTolerancePct: T.Optional(T.Integer({ minimum: 0, maximum: 100 })),
    requiredKinds: T.Optional(T.Array(KindSchema, { minItems: 1, maxItems: PUBLICATION_KINDS.length, uniqueItems: true })),
    trackingFrom: T.Optional(Nullable(Period)),
  },
  Strict,
);
export type SettingsInput = Static<typeof SettingsBody>;
export const SettingsView = T.Object({
  regionCode: T.String(),
  /** Where the values come from: this region, an ancestor, or the defaults. */
  inheritedFrom: Nullable(T.String()),
  dueDay: T.Integer(),
  cashLimitFen: T.Integer(),
  approvalThresholdFen: T.Integer(),
  splitWindowDays: T.Integer(),
  majorSpendFen: T.Integer(),
  gapTolerancePct: T.Integer(),
  requiredKinds: T.Array(KindSchema),
  trackingFrom: Nullable(T.String()),
  abilities: T.Object({ edit: T.Boolean() }),
});

// ---------------------------------------------------------------- import
export const IMPORT_FIELDS = [
  'date',
  'voucherNo',
  'direction',
  'amount',
  'income',
  'expense',
  'counterparty',
  'purpose',
  'fund',
  'toFund',
  'approvers',
  'paymentMethod',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
const Header = T.Optional(T.String({ minLength: 1, maxLength: 60 }));
export const ImportMapping = T.Object(
  {
    date: Header,
    voucherNo: Header,
    direction: Header,
    amount: Header,
    income: Header,
    expense: Header,
    counterparty: Header,
    purpose: Header,
    fund: Header,
    toFund: Header,
    approvers: Header,
    paymentMethod: Header,
  },
  { ...Strict, description: 'ledger field → column header in the file' },
);
export type ImportMappingType = Static<typeof ImportMapping>;
export const MappingBody = T.Object({ mapping: ImportMapping }, Strict);
export const MappingView = T.Object({ regionCode: T.String(), mapping: ImportMapping, saved: T.Boolean() });
export const ImportQuery = T.Object({ mode: T.Optional(T.Union([T.Literal('append'), T.Literal('replace')], { default: 'append' })) }, Strict);
export const RowProblem = T.Object({ row: T.Integer({ description: 'line in the file (the header is line 1)' }), field: T.String(), code: T.String(), message: T.String(), value: T.String() });
export const ImportPreview = T.Object({
  format: T.String(),
  encoding: T.String(),
  headers: T.Array(T.String()),
  mapping: ImportMapping,
  rowCount: T.Integer(),
  acceptedCount: T.Integer(),
  rejectedCount: T.Integer(),
  rejected: T.Array(RowProblem, { description: 'every problem of every rejected row' }),
  totals: T.Object({ incomeFen: T.Integer(), expenseFen: T.Integer(), transferFen: T.Integer() }),
  sample: T.Array(T.Object({ row: T.Integer(), date: T.String(), voucherNo: T.String(), direction: T.String(), amountFen: T.Integer(), counterparty: T.String(), purpose: T.String(), fund: T.String() })),
});
export const ImportResult = T.Object({
  importId: T.String(),
  imported: T.Integer(),
  mode: T.String(),
  format: T.String(),
  encoding: T.String(),
  openFlags: T.Integer(),
});

// ---------------------------------------------------------------- comments and reports
export const CommentBody = T.Object({ body: T.String({ minLength: 1, maxLength: 1000 }) }, Strict);
export const CommentView = T.Object({
  id: T.String(),
  publicationId: T.String(),
  version: T.Integer(),
  author: T.String({ description: 'masked for residents (张*三); the village answers as its unit' }),
  authorRole: T.Union([T.Literal('resident'), T.Literal('village')]),
  body: T.String(),
  createdAt: T.String(),
  replies: T.Array(T.Object({ id: T.String(), author: T.String(), authorRole: T.String(), body: T.String(), createdAt: T.String() })),
  abilities: T.Object({ answer: T.Boolean() }),
});
export const CommentList = T.Object({ items: T.Array(CommentView) });
export const ReportBody = T.Object(
  {
    description: T.String({ minLength: 5, maxLength: 1500 }),
    entryIds: T.Optional(T.Array(Uuid, { maxItems: 20, uniqueItems: true })),
    isAnonymous: T.Optional(T.Boolean()),
  },
  Strict,
);
export type ReportInput = Static<typeof ReportBody>;
export const ReportHeaders = T.Object({ 'idempotency-key': T.Optional(T.String({ minLength: 8, maxLength: 100, pattern: '^[A-Za-z0-9_.:-]+$' })) });
export const ReportReceipt = T.Object({
  caseId: T.String(),
  trackingNumber: T.String(),
  /** Where the report went: the discipline inspectors, never the village. */
  routedTo: Nullable(T.String()),
});

// ---------------------------------------------------------------- chain
export const ChainQuery = T.Object({ verify: T.Optional(T.Boolean()) }, Strict);
export const ChainLink = T.Object({
  seq: T.Integer(),
  publicationId: T.String(),
  period: T.String(),
  kind: KindSchema,
  version: T.Integer(),
  publishedAt: T.String(),
  prevHash: Nullable(T.String()),
  hash: T.String(),
});
export const ChainView = T.Object({
  regionCode: T.String(),
  algorithm: T.Literal('SM3'),
  items: T.Array(ChainLink),
  verified: Nullable(T.Object({ intact: T.Boolean(), brokenAt: Nullable(T.Integer()), reason: Nullable(T.String()) })),
});
export const CanonicalView = T.Object({ publicationId: T.String(), algorithm: T.Literal('SM3'), hash: T.String(), canonical: T.String() });
export { Uuid, Period };

/** A file answer (PDF, image): sent as bytes, described for the OpenAPI document. */
export const Binary = T.Unsafe<Buffer>({ type: 'string', format: 'binary' });
