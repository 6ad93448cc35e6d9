import { Type as T, type Static, type TSchema } from '@sinclair/typebox';
import {
  DECISION_STEPS,
  DIRECTIONS,
  FUND_KINDS,
  FUND_STATUSES,
  PAYMENT_METHODS,
  PUBLICATION_KINDS,
  PUBLICATION_STATUSES,
} from '../../../common/disclosures/kinds.js';
import { MAX_ENTRY_FEN } from '../../../common/disclosures/money.js';

/** Request and response schemas of publications, ledger entries, funds and decisions (types inferred, never written twice). */

export const Strict = { additionalProperties: false } as const;
const literals = <V extends string>(values: readonly V[]) => T.Union(values.map((v) => T.Literal(v)));
export const Nullable = <S extends TSchema>(s: S) => T.Union([s, T.Null()]);

export const Uuid = T.String({ format: 'uuid' });
export const VillageCode = T.String({ pattern: '^[0-9]{12}$', description: '12-digit code of a village or community' });
export const RegionCode = T.String({ pattern: '^[0-9]{12}$', description: '12-digit region code (village, township, county …)' });
export const Period = T.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', description: 'a month, YYYY-MM' });
export const DateString = T.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'YYYY-MM-DD' });
export const Fen = T.Integer({ minimum: 1, maximum: MAX_ENTRY_FEN, description: 'amount in fen (分), an integer' });
export const KindSchema = literals(PUBLICATION_KINDS);
export const StatusSchema = literals(PUBLICATION_STATUSES);
export const DirectionSchema = literals(DIRECTIONS);
export const PaymentSchema = literals(PAYMENT_METHODS);
export const FundKindSchema = literals(FUND_KINDS);
export const FundStatusSchema = literals(FUND_STATUSES);
export const StepSchema = literals(DECISION_STEPS);

export const ErrorResponse = T.Object(
  { error: T.Object({ code: T.String(), message: T.String(), field: T.Optional(T.String()) }, { additionalProperties: true }) },
);
export const errors = (...statuses: number[]) => Object.fromEntries(statuses.map((s) => [s, ErrorResponse]));
export const NoContent = T.Null();

export const PageQuery = {
  page: T.Optional(T.Integer({ minimum: 1, maximum: 100000, default: 1 })),
  pageSize: T.Optional(T.Integer({ minimum: 1, maximum: 100, default: 20 })),
};

// ---------------------------------------------------------------- params
export const VillageParams = T.Object({ code: VillageCode }, Strict);
export const RegionParams = T.Object({ code: RegionCode }, Strict);
export const IdParams = T.Object({ id: Uuid }, Strict);
export const AttachmentParams = T.Object({ id: Uuid, attachmentId: Uuid }, Strict);

// ---------------------------------------------------------------- publications
export const PublicationListQuery = T.Object(
  { period: T.Optional(Period), kind: T.Optional(KindSchema), status: T.Optional(StatusSchema), ...PageQuery },
  Strict,
);
export type PublicationListInput = Static<typeof PublicationListQuery>;

export const CreatePublicationBody = T.Object(
  { period: Period, kind: KindSchema, title: T.String({ minLength: 1, maxLength: 100 }), body: T.Optional(T.String({ maxLength: 20000 })) },
  Strict,
);
export type CreatePublicationInput = Static<typeof CreatePublicationBody>;

export const UpdatePublicationBody = T.Object(
  { title: T.Optional(T.String({ minLength: 1, maxLength: 100 })), body: T.Optional(T.String({ maxLength: 20000 })) },
  Strict,
);
export type UpdatePublicationInput = Static<typeof UpdatePublicationBody>;

export const ReviewBody = T.Object(
  { decision: T.Union([T.Literal('approve'), T.Literal('return')]), comment: T.Optional(T.String({ maxLength: 2000 })) },
  Strict,
);
export type ReviewInput = Static<typeof ReviewBody>;

export const CorrectionBody = T.Object({ reason: T.String({ minLength: 1, maxLength: 1000 }) }, Strict);

const PathItem = T.Object({ code: T.String(), name: T.String() });
export const VillageRef = T.Object({ code: T.String(), name: T.String(), path: T.Array(PathItem) });

export const FundFlow = T.Object({ fundId: T.String(), code: T.String(), name: T.String(), amountFen: T.Integer(), entryCount: T.Integer() });
export const FundFigures = T.Object({
  receivedFen: T.Integer({ description: 'income booked to the fund' }),
  spentFen: T.Integer({ description: 'spent on the fund’s own purpose' }),
  movedOut: T.Array(FundFlow, { description: 'money of this fund used for or moved to other projects' }),
  movedIn: T.Array(FundFlow),
  balanceFen: T.Integer(),
});
export const DecisionRef = T.Object({ id: T.String(), title: T.String(), stepsRecorded: T.Array(T.String()), complete: T.Boolean() });
export const FundSummary = T.Object({
  id: T.String(),
  code: T.String(),
  name: T.String(),
  kind: FundKindSchema,
  purpose: T.String(),
  approvedFen: T.Integer(),
  approvalDocument: Nullable(T.String()),
  status: FundStatusSchema,
  decision: Nullable(DecisionRef),
  gapExplanation: Nullable(T.String()),
  balanceDisposition: Nullable(T.String()),
  period: FundFigures,
  toDate: FundFigures,
});
export type FundSummaryView = Static<typeof FundSummary>;

export const Totals = T.Object({
  incomeFen: T.Integer(),
  expenseFen: T.Integer(),
  transferFen: T.Integer(),
  entryCount: T.Integer(),
});

export const ReviewView = T.Object({ decision: T.String(), comment: T.String(), reviewer: T.String(), at: T.String() });

export const PublicationAbilities = T.Object({
  edit: T.Boolean(),
  submit: T.Boolean(),
  review: T.Boolean(),
  publish: T.Boolean(),
  correct: T.Boolean(),
  comment: T.Boolean(),
  report: T.Boolean(),
  seeFlags: T.Boolean(),
});

export const PublicationSummary = T.Object({
  id: T.String(),
  seriesId: T.String(),
  regionCode: T.String(),
  period: T.String(),
  kind: KindSchema,
  version: T.Integer(),
  title: T.String(),
  status: StatusSchema,
  dueOn: T.String(),
  publishedAt: Nullable(T.String()),
  late: Nullable(T.Boolean()),
  correctionReason: Nullable(T.String()),
  isLatest: T.Boolean(),
});
export const PublicationList = T.Object({ items: T.Array(PublicationSummary), total: T.Integer(), page: T.Integer(), pageSize: T.Integer() });

export const PublicationView = T.Composite([
  PublicationSummary,
  T.Object({
    village: VillageRef,
    body: T.String(),
    previousId: Nullable(T.String()),
    latestId: T.String(),
    createdAt: T.String(),
    updatedAt: T.String(),
    submittedAt: Nullable(T.String()),
    approvedAt: Nullable(T.String()),
    chain: Nullable(T.Object({ seq: T.Integer(), prevHash: Nullable(T.String()), hash: T.String() })),
    totals: Totals,
    funds: T.Array(FundSummary),
    reviews: T.Array(ReviewView),
    openFlags: Nullable(T.Integer({ description: 'open red flags of the village; null unless the caller may see flags' })),
    abilities: PublicationAbilities,
  }),
]);
export type PublicationViewType = Static<typeof PublicationView>;

export const VersionList = T.Object({ items: T.Array(PublicationSummary) });

// ---------------------------------------------------------------- entries
export const EntryBody = T.Object(
  {
    entryDate: DateString,
    voucherNo: T.String({ minLength: 1, maxLength: 40 }),
    direction: DirectionSchema,
    amountFen: Fen,
    counterparty: T.String({ maxLength: 100 }),
    counterpartyKind: T.Optional(T.Union([T.Literal('person'), T.Literal('organisation')])),
    purpose: T.String({ minLength: 1, maxLength: 300 }),
    fundId: Uuid,
    toFundId: T.Optional(Nullable(Uuid)),
    approvers: T.Optional(T.Array(T.String({ minLength: 1, maxLength: 30 }), { maxItems: 5 })),
    paymentMethod: T.Optional(PaymentSchema),
    decisionId: T.Optional(Nullable(Uuid)),
  },
  Strict,
);
export type EntryInput = Static<typeof EntryBody>;
export const EntryPatchBody = T.Partial(EntryBody, Strict);
export type EntryPatchInput = Static<typeof EntryPatchBody>;

export const EntryListQuery = T.Object({ fundId: T.Optional(Uuid), ...PageQuery, pageSize: T.Optional(T.Integer({ minimum: 1, maximum: 500, default: 50 })) }, Strict);
export type EntryListInput = Static<typeof EntryListQuery>;

export const FundRef = T.Object({ id: T.String(), code: T.String(), name: T.String() });
export const AttachmentView = T.Object({ id: T.String(), fileName: T.String(), contentType: T.String(), sizeBytes: T.Integer(), sha256: T.String() });
export const EntryView = T.Object({
  id: T.String(),
  seq: T.Integer(),
  entryDate: T.String(),
  voucherNo: T.String(),
  direction: DirectionSchema,
  amountFen: T.Integer(),
  counterparty: T.String({ description: 'a person’s name is masked (张*三) unless the caller keeps or checks the accounts' }),
  counterpartyKind: T.String(),
  purpose: T.String(),
  fund: FundRef,
  toFund: Nullable(FundRef),
  approvers: T.Array(T.String()),
  paymentMethod: PaymentSchema,
  decisionId: Nullable(T.String()),
  attachments: T.Array(AttachmentView),
});
export type EntryViewType = Static<typeof EntryView>;
export const EntryList = T.Object({ items: T.Array(EntryView), total: T.Integer(), page: T.Integer(), pageSize: T.Integer() });

export const ChangeList = T.Object({
  from: Nullable(PublicationSummary),
  to: PublicationSummary,
  titleChanged: T.Boolean(),
  bodyChanged: T.Boolean(),
  totalsBefore: Nullable(Totals),
  totalsAfter: Totals,
  added: T.Array(EntryView),
  removed: T.Array(EntryView),
  changed: T.Array(T.Object({ before: EntryView, after: EntryView, fields: T.Array(T.String()) })),
});

// ---------------------------------------------------------------- funds and decisions
export const FundBody = T.Object(
  {
    code: T.String({ minLength: 1, maxLength: 40 }),
    name: T.String({ minLength: 1, maxLength: 100 }),
    kind: FundKindSchema,
    purpose: T.Optional(T.String({ maxLength: 500 })),
    approvedFen: T.Optional(T.Integer({ minimum: 0, maximum: MAX_ENTRY_FEN })),
    approvalDocument: T.Optional(Nullable(T.String({ maxLength: 200 }))),
    decisionId: T.Optional(Nullable(Uuid)),
  },
  Strict,
);
export type FundInput = Static<typeof FundBody>;
export const FundPatchBody = T.Object(
  {
    name: T.Optional(T.String({ minLength: 1, maxLength: 100 })),
    purpose: T.Optional(T.String({ maxLength: 500 })),
    approvedFen: T.Optional(T.Integer({ minimum: 0, maximum: MAX_ENTRY_FEN })),
    approvalDocument: T.Optional(Nullable(T.String({ maxLength: 200 }))),
    decisionId: T.Optional(Nullable(Uuid)),
    status: T.Optional(FundStatusSchema),
    gapExplanation: T.Optional(Nullable(T.String({ maxLength: 1000 }))),
    balanceDisposition: T.Optional(Nullable(T.String({ maxLength: 1000 }))),
  },
  Strict,
);
export type FundPatchInput = Static<typeof FundPatchBody>;
export const FundView = T.Object({
  id: T.String(),
  regionCode: T.String(),
  code: T.String(),
  name: T.String(),
  kind: FundKindSchema,
  purpose: T.String(),
  approvedFen: T.Integer(),
  approvalDocument: Nullable(T.String()),
  decision: Nullable(DecisionRef),
  status: FundStatusSchema,
  gapExplanation: Nullable(T.String()),
  balanceDisposition: Nullable(T.String()),
});
export const FundList = T.Object({ items: T.Array(FundView) });

export const StepBody = T.Object(
  {
    step: StepSchema,
    heldOn: DateString,
    document: T.Optional(T.String({ maxLength: 200 })),
    present: T.Optional(T.Integer({ minimum: 0, maximum: 100000 })),
    eligible: T.Optional(T.Integer({ minimum: 1, maximum: 100000 })),
    inFavour: T.Optional(T.Integer({ minimum: 0, maximum: 100000 })),
  },
  Strict,
);
export type StepInput = Static<typeof StepBody>;
export const DecisionBody = T.Object(
  {
    title: T.String({ minLength: 1, maxLength: 100 }),
    subject: T.Optional(T.String({ maxLength: 2000 })),
    steps: T.Optional(T.Array(StepBody, { maxItems: 6 })),
  },
  Strict,
);
export type DecisionInput = Static<typeof DecisionBody>;
export const StepsBody = T.Object({ steps: T.Array(StepBody, { minItems: 1, maxItems: 6 }) }, Strict);
export const StepView = T.Object({
  step: StepSchema,
  heldOn: T.String(),
  document: T.String(),
  present: Nullable(T.Integer()),
  eligible: Nullable(T.Integer()),
  inFavour: Nullable(T.Integer()),
});
export const DecisionView = T.Object({
  id: T.String(),
  regionCode: T.String(),
  title: T.String(),
  subject: T.String(),
  steps: T.Array(StepView),
  complete: T.Boolean({ description: 'every 四议两公开 step before spending is recorded and the party members’ meeting was quorate' }),
  missing: T.Array(StepSchema),
});
export const DecisionList = T.Object({ items: T.Array(DecisionView) });
