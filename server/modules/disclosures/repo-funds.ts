import { sql, type Selectable } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { DecisionStep, FundKind, FundStatus } from '../../../common/disclosures/kinds.js';
import type { DisclosureFundsTable, DisclosureSettingsTable } from './tables.js';

/** Queries of funds/projects, 四议两公开 decisions, fund snapshots, per-region settings and import mappings. */

export type FundRow = Omit<Selectable<DisclosureFundsTable>, 'created_by' | 'created_at' | 'updated_at'>;

const fundColumns = [
  'id',
  'region_code',
  'county_code',
  'code',
  'name',
  'kind',
  'purpose',
  'approved_fen',
  'approval_document',
  'decision_id',
  'status',
  'gap_explanation',
  'balance_disposition',
] as const;

export async function fundsOf(db: Executor, regionCode: string): Promise<FundRow[]> {
  return db.selectFrom('disclosure_funds').select(fundColumns).where('region_code', '=', regionCode).orderBy('code').execute();
}

export async function fundsIn(db: Executor, regionCodes: string[]): Promise<FundRow[]> {
  if (regionCodes.length === 0) return [];
  return db.selectFrom('disclosure_funds').select(fundColumns).where('region_code', 'in', regionCodes).execute();
}

export async function findFund(db: Executor, id: string): Promise<FundRow | undefined> {
  return db.selectFrom('disclosure_funds').select(fundColumns).where('id', '=', id).executeTakeFirst();
}

export async function lockFund(trx: Executor, id: string): Promise<FundRow | undefined> {
  return trx.selectFrom('disclosure_funds').select(fundColumns).where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function fundTaken(db: Executor, regionCode: string, column: 'code' | 'name', value: string, exceptId?: string): Promise<boolean> {
  let q = db.selectFrom('disclosure_funds').select('id').where('region_code', '=', regionCode).where(column, '=', value);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return !!(await q.executeTakeFirst());
}

export async function insertFund(trx: Executor, values: Omit<FundRow, 'id' | 'status' | 'gap_explanation' | 'balance_disposition'> & { created_by: string; created_at: Date; updated_at: Date }): Promise<string> {
  const row = await trx.insertInto('disclosure_funds').values({ ...values, status: 'open', gap_explanation: null, balance_disposition: null }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateFund(trx: Executor, id: string, values: Partial<Omit<FundRow, 'id' | 'region_code'>> & { updated_at: Date }): Promise<void> {
  await trx.updateTable('disclosure_funds').set(values).where('id', '=', id).execute();
}

// ---------------------------------------------------------------- decisions

export interface DecisionRow {
  id: string;
  region_code: string;
  title: string;
  subject: string;
}

export interface StepRow {
  decision_id: string;
  step: DecisionStep;
  held_on: string;
  document: string;
  present: number | null;
  eligible: number | null;
  in_favour: number | null;
}

export async function decisionsOf(db: Executor, regionCode: string): Promise<DecisionRow[]> {
  return db.selectFrom('disclosure_decisions').select(['id', 'region_code', 'title', 'subject']).where('region_code', '=', regionCode).orderBy('created_at').execute();
}

export async function decisionsIn(db: Executor, regionCodes: string[]): Promise<DecisionRow[]> {
  if (regionCodes.length === 0) return [];
  return db.selectFrom('disclosure_decisions').select(['id', 'region_code', 'title', 'subject']).where('region_code', 'in', regionCodes).execute();
}

export async function findDecision(db: Executor, id: string): Promise<DecisionRow | undefined> {
  return db.selectFrom('disclosure_decisions').select(['id', 'region_code', 'title', 'subject']).where('id', '=', id).executeTakeFirst();
}

export async function insertDecision(trx: Executor, values: { region_code: string; county_code: string; title: string; subject: string; created_by: string | null; created_at: Date; updated_at: Date }): Promise<string> {
  const row = await trx.insertInto('disclosure_decisions').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function touchDecision(trx: Executor, id: string, at: Date): Promise<void> {
  await trx.updateTable('disclosure_decisions').set({ updated_at: at }).where('id', '=', id).execute();
}

export async function stepsOf(db: Executor, decisionIds: string[]): Promise<Map<string, StepRow[]>> {
  const out = new Map<string, StepRow[]>();
  if (decisionIds.length === 0) return out;
  const rows = await db
    .selectFrom('disclosure_decision_steps')
    .select(['decision_id', 'step', 'document', 'present', 'eligible', 'in_favour'])
    .select(sql<string>`held_on::text`.as('held_on'))
    .where('decision_id', 'in', [...new Set(decisionIds)])
    .orderBy('held_on')
    .execute();
  for (const r of rows) {
    const list = out.get(r.decision_id) ?? [];
    list.push(r as StepRow);
    out.set(r.decision_id, list);
  }
  return out;
}

/** Records steps (a step recorded again replaces the earlier record of it). */
export async function upsertSteps(trx: Executor, rows: (Omit<StepRow, 'held_on'> & { held_on: string; recorded_by: string | null; recorded_at: Date })[]): Promise<void> {
  if (rows.length === 0) return;
  await trx
    .insertInto('disclosure_decision_steps')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['decision_id', 'step']).doUpdateSet((eb) => ({
        held_on: eb.ref('excluded.held_on'),
        document: eb.ref('excluded.document'),
        present: eb.ref('excluded.present'),
        eligible: eb.ref('excluded.eligible'),
        in_favour: eb.ref('excluded.in_favour'),
        recorded_by: eb.ref('excluded.recorded_by'),
        recorded_at: eb.ref('excluded.recorded_at'),
      })),
    )
    .execute();
}

// ---------------------------------------------------------------- fund snapshots of published versions

export interface FundSnapshotRow extends Omit<FundRow, 'id' | 'region_code' | 'county_code'> {
  publication_id: string;
  fund_id: string;
  decision_title: string | null;
  decision_steps: string[];
}

export async function insertFundSnapshots(trx: Executor, rows: FundSnapshotRow[]): Promise<void> {
  if (rows.length === 0) return;
  await trx.insertInto('disclosure_publication_funds').values(rows).execute();
}

export async function fundSnapshotsOf(db: Executor, publicationIds: string[]): Promise<FundSnapshotRow[]> {
  if (publicationIds.length === 0) return [];
  return db
    .selectFrom('disclosure_publication_funds')
    .selectAll()
    .where('publication_id', 'in', publicationIds)
    .orderBy('code')
    .execute();
}

// ---------------------------------------------------------------- settings

export type SettingsRow = Omit<Selectable<DisclosureSettingsTable>, 'updated_by' | 'updated_at'>;

export async function settingsFor(db: Executor, codes: string[]): Promise<SettingsRow[]> {
  if (codes.length === 0) return [];
  return db
    .selectFrom('disclosure_settings')
    .select(['region_code', 'due_day', 'cash_limit_fen', 'approval_threshold_fen', 'split_window_days', 'major_spend_fen', 'gap_tolerance_pct', 'required_kinds', 'tracking_from'])
    .where('region_code', 'in', [...new Set(codes)])
    .execute();
}

export async function upsertSettings(trx: Executor, row: SettingsRow & { updated_by: string; updated_at: Date }): Promise<void> {
  const { region_code: _r, ...rest } = row;
  await trx.insertInto('disclosure_settings').values(row).onConflict((oc) => oc.column('region_code').doUpdateSet(rest)).execute();
}

// ---------------------------------------------------------------- import mappings

export async function findMapping(db: Executor, regionCode: string): Promise<unknown | undefined> {
  const row = await db.selectFrom('disclosure_import_mappings').select('mapping').where('region_code', '=', regionCode).executeTakeFirst();
  return row?.mapping;
}

export async function saveMapping(trx: Executor, regionCode: string, mapping: object, by: string, at: Date): Promise<void> {
  const json = JSON.stringify(mapping);
  await trx
    .insertInto('disclosure_import_mappings')
    .values({ region_code: regionCode, mapping: json, updated_by: by, updated_at: at })
    .onConflict((oc) => oc.column('region_code').doUpdateSet({ mapping: json, updated_by: by, updated_at: at }))
    .execute();
}
