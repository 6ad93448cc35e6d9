import crypto from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { PublicationKind, PublicationStatus } from '../../../common/disclosures/kinds.js';
import type { DisclosureEntriesTable, DisclosurePublicationsTable } from './tables.js';

/**
 * Queries of publications, ledger entries, receipts, reviews and the chain
 * head: plain functions taking the pool or the caller's transaction. `date`
 * columns are read as YYYY-MM-DD text, never as a JavaScript Date (which
 * would shift them by the server's time zone).
 */

/** A publication as read (the due date as text, YYYY-MM-DD). */
export type PublicationRow = Selectable<DisclosurePublicationsTable>;

const publicationColumns = [
  'p.id',
  'p.series_id',
  'p.region_code',
  'p.county_code',
  'p.period',
  'p.kind',
  'p.version',
  'p.title',
  'p.body',
  'p.status',
  'p.previous_id',
  'p.correction_reason',
  'p.created_by',
  'p.created_at',
  'p.updated_at',
  'p.submitted_at',
  'p.approved_by',
  'p.approved_at',
  'p.published_by',
  'p.published_at',
  'p.chain_seq',
  'p.prev_hash',
  'p.hash',
] as const;

function selectPublications(db: Executor) {
  return db
    .selectFrom('disclosure_publications as p')
    .select(publicationColumns)
    .select(sql<string>`p.due_on::text`.as('due_on'));
}

export async function findPublication(db: Executor, id: string): Promise<PublicationRow | undefined> {
  return selectPublications(db).where('p.id', '=', id).executeTakeFirst();
}

/** Locks the publication for a state change within a transaction. */
export async function lockPublication(trx: Executor, id: string): Promise<PublicationRow | undefined> {
  return selectPublications(trx).where('p.id', '=', id).forUpdate().executeTakeFirst();
}

export async function seriesVersions(db: Executor, seriesId: string): Promise<PublicationRow[]> {
  return selectPublications(db).where('p.series_id', '=', seriesId).orderBy('p.version').execute();
}

/** Every version of the village's (period, kind) series, oldest first. */
export async function versionsOf(db: Executor, regionCode: string, period: string, kind: PublicationKind): Promise<PublicationRow[]> {
  return selectPublications(db)
    .where('p.region_code', '=', regionCode)
    .where('p.period', '=', period)
    .where('p.kind', '=', kind)
    .orderBy('p.version')
    .execute();
}

/** The newest version of each series (ids), for many series at once. */
export async function latestIdsOfSeries(db: Executor, seriesIds: string[]): Promise<Map<string, string>> {
  if (seriesIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('disclosure_publications')
    .select(['series_id', 'id'])
    .distinctOn('series_id')
    .where('series_id', 'in', [...new Set(seriesIds)])
    .orderBy('series_id')
    .orderBy('version', 'desc')
    .execute();
  return new Map(rows.map((r) => [r.series_id, r.id]));
}

export interface PublicationFilter {
  regionCode: string;
  period?: string;
  kind?: PublicationKind;
  status?: PublicationStatus;
  publishedOnly: boolean;
}

export async function listPublications(db: Executor, f: PublicationFilter, page: number, pageSize: number) {
  let q = db.selectFrom('disclosure_publications as p').where('p.region_code', '=', f.regionCode);
  if (f.period) q = q.where('p.period', '=', f.period);
  if (f.kind) q = q.where('p.kind', '=', f.kind);
  if (f.status) q = q.where('p.status', '=', f.status);
  if (f.publishedOnly) q = q.where('p.status', '=', 'published');
  const [rows, count] = await Promise.all([
    q
      .select(publicationColumns)
      .select(sql<string>`p.due_on::text`.as('due_on'))
      .orderBy('p.period', 'desc')
      .orderBy('p.kind')
      .orderBy('p.version', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as PublicationRow[], total: Number(count.n) };
}

export type NewPublication = Omit<PublicationRow, 'id' | 'submitted_at' | 'approved_by' | 'approved_at' | 'published_by' | 'published_at' | 'chain_seq' | 'prev_hash' | 'hash'> & { id?: string };

export async function insertPublication(trx: Executor, p: NewPublication): Promise<string> {
  const row = await trx.insertInto('disclosure_publications').values(p).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updatePublication(trx: Executor, id: string, values: Partial<Omit<PublicationRow, 'id'>>): Promise<void> {
  await trx.updateTable('disclosure_publications').set(values).where('id', '=', id).execute();
}

// ---------------------------------------------------------------- entries

/** A ledger entry as the application reads it (the date as text, YYYY-MM-DD). */
export type EntryRow = Omit<Selectable<DisclosureEntriesTable>, 'county_code' | 'import_id' | 'created_at'>;

export function selectEntries(db: Executor) {
  return db
    .selectFrom('disclosure_entries as e')
    .select([
      'e.id',
      'e.publication_id',
      'e.region_code',
      'e.seq',
      'e.voucher_no',
      'e.direction',
      'e.amount_fen',
      'e.counterparty',
      'e.counterparty_kind',
      'e.counterparty_salt',
      'e.purpose',
      'e.fund_id',
      'e.to_fund_id',
      'e.approvers',
      'e.payment_method',
      'e.decision_id',
      'e.attachment_ids',
    ])
    .select(sql<string>`e.entry_date::text`.as('entry_date'));
}

/** All entries of a publication in their fixed order (seq, then id). */
export async function entriesOf(db: Executor, publicationId: string): Promise<EntryRow[]> {
  return selectEntries(db).where('e.publication_id', '=', publicationId).orderBy('e.seq').orderBy('e.id').execute();
}

export async function pageOfEntries(db: Executor, publicationId: string, fundId: string | undefined, page: number, pageSize: number) {
  let q = db.selectFrom('disclosure_entries as e').where('e.publication_id', '=', publicationId);
  if (fundId) q = q.where((eb) => eb.or([eb('e.fund_id', '=', fundId), eb('e.to_fund_id', '=', fundId)]));
  const [rows, count] = await Promise.all([
    selectEntries(db)
      .where('e.publication_id', '=', publicationId)
      .$if(!!fundId, (qb) => qb.where((eb) => eb.or([eb('e.fund_id', '=', fundId!), eb('e.to_fund_id', '=', fundId!)])))
      .orderBy('e.seq')
      .orderBy('e.id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function findEntry(db: Executor, id: string): Promise<EntryRow | undefined> {
  return selectEntries(db).where('e.id', '=', id).executeTakeFirst();
}

export async function entriesByIds(db: Executor, ids: string[]): Promise<EntryRow[]> {
  if (ids.length === 0) return [];
  return selectEntries(db).where('e.id', 'in', ids).orderBy('e.entry_date').orderBy('e.seq').execute();
}

export async function vouchersOf(db: Executor, publicationId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('disclosure_entries').select('voucher_no').where('publication_id', '=', publicationId).execute();
  return new Set(rows.map((r) => r.voucher_no));
}

export async function nextSeq(db: Executor, publicationId: string): Promise<number> {
  const row = await db
    .selectFrom('disclosure_entries')
    .select(sql<number>`coalesce(max(seq), 0)::int`.as('n'))
    .where('publication_id', '=', publicationId)
    .executeTakeFirstOrThrow();
  return row.n + 1;
}

export type NewEntry = Omit<EntryRow, 'id' | 'counterparty_salt'> & { county_code: string; import_id: string | null; id?: string; counterparty_salt?: string };

/** A PostgreSQL array literal: {"a","b"} (for array columns passed through unnest). */
function arrayLiteral(items: string[]): string {
  return `{${items.map((x) => `"${x.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

/**
 * Inserts entries, each with a fresh commitment salt, 5,000 rows per
 * statement: one array per column, unnested by PostgreSQL (a 100,000-row
 * import is 20 statements with 20 parameters each, not 2 million values).
 */
export async function insertEntries(trx: Executor, entries: NewEntry[]): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < entries.length; i += 5000) {
    const batch = entries.slice(i, i + 5000);
    const col = <K extends keyof NewEntry>(k: K) => batch.map((e) => e[k]);
    const res = await sql<{ id: string }>`
      insert into disclosure_entries (id, publication_id, region_code, county_code, seq, entry_date, voucher_no, direction, amount_fen,
        counterparty, counterparty_kind, counterparty_salt, purpose, fund_id, to_fund_id, approvers, payment_method, decision_id, attachment_ids, import_id)
      select coalesce(id, gen_random_uuid()), publication_id, region_code, county_code, seq, entry_date, voucher_no, direction, amount_fen,
        counterparty, counterparty_kind, counterparty_salt, purpose, fund_id, to_fund_id, approvers::text[], payment_method, decision_id, attachment_ids::uuid[], import_id
      from unnest(
        ${batch.map((e) => e.id ?? null)}::uuid[], ${col('publication_id')}::uuid[], ${col('region_code')}::text[], ${col('county_code')}::text[], ${col('seq')}::int[], ${col('entry_date')}::date[],
        ${col('voucher_no')}::text[], ${col('direction')}::text[], ${col('amount_fen')}::bigint[], ${col('counterparty')}::text[], ${col('counterparty_kind')}::text[],
        ${batch.map((e) => e.counterparty_salt ?? crypto.randomBytes(16).toString('hex'))}::text[], ${col('purpose')}::text[], ${col('fund_id')}::uuid[], ${col('to_fund_id')}::uuid[],
        ${batch.map((e) => arrayLiteral(e.approvers))}::text[], ${col('payment_method')}::text[], ${col('decision_id')}::uuid[],
        ${batch.map((e) => arrayLiteral(e.attachment_ids))}::text[], ${col('import_id')}::uuid[]
      ) with ordinality as u(id, publication_id, region_code, county_code, seq, entry_date, voucher_no, direction, amount_fen, counterparty, counterparty_kind,
        counterparty_salt, purpose, fund_id, to_fund_id, approvers, payment_method, decision_id, attachment_ids, import_id, n)
      order by n
      returning id`.execute(trx);
    ids.push(...res.rows.map((r) => r.id));
  }
  return ids;
}

export async function updateEntry(trx: Executor, id: string, values: Partial<Omit<NewEntry, 'publication_id'>>): Promise<void> {
  await trx.updateTable('disclosure_entries').set(values).where('id', '=', id).execute();
}

export async function deleteEntry(trx: Executor, id: string): Promise<void> {
  await trx.deleteFrom('disclosure_entries').where('id', '=', id).execute();
}

export async function deleteEntriesOf(trx: Executor, publicationId: string): Promise<number> {
  const res = await trx.deleteFrom('disclosure_entries').where('publication_id', '=', publicationId).executeTakeFirst();
  return Number(res.numDeletedRows);
}

/** A correction starts as a copy of the version it corrects (new ids, same salts: a person's commitment stays). */
export async function copyEntries(trx: Executor, fromId: string, toId: string): Promise<void> {
  await sql`
    insert into disclosure_entries (publication_id, region_code, county_code, seq, entry_date, voucher_no, direction, amount_fen,
      counterparty, counterparty_kind, counterparty_salt, purpose, fund_id, to_fund_id, approvers, payment_method, decision_id, attachment_ids, import_id)
    select ${toId}, region_code, county_code, seq, entry_date, voucher_no, direction, amount_fen,
      counterparty, counterparty_kind, counterparty_salt, purpose, fund_id, to_fund_id, approvers, payment_method, decision_id, attachment_ids, import_id
    from disclosure_entries where publication_id = ${fromId}`.execute(trx);
}

export interface TotalsRow {
  income: number;
  expense: number;
  transfer: number;
  count: number;
}

export async function totalsOf(db: Executor, publicationId: string): Promise<TotalsRow> {
  const row = await sql<TotalsRow>`
    select coalesce(sum(amount_fen) filter (where direction = 'income'), 0)::bigint as income,
           coalesce(sum(amount_fen) filter (where direction = 'expense'), 0)::bigint as expense,
           coalesce(sum(amount_fen) filter (where direction = 'transfer'), 0)::bigint as transfer,
           count(*)::int as count
    from disclosure_entries where publication_id = ${publicationId}`.execute(db);
  return row.rows[0];
}

// ---------------------------------------------------------------- receipts

export interface AttachmentMeta {
  id: string;
  region_code: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
}

export async function insertAttachment(trx: Executor, values: Omit<AttachmentMeta, 'id'> & { bytes: Buffer; uploaded_by: string }): Promise<string> {
  const row = await trx.insertInto('disclosure_attachments').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function attachmentsByIds(db: Executor, ids: string[]): Promise<Map<string, AttachmentMeta>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('disclosure_attachments')
    .select(['id', 'region_code', 'file_name', 'content_type', 'size_bytes', 'sha256'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

export async function attachmentBytes(db: Executor, id: string) {
  return db.selectFrom('disclosure_attachments').select(['id', 'file_name', 'content_type', 'bytes']).where('id', '=', id).executeTakeFirst();
}

// ---------------------------------------------------------------- reviews

export async function insertReview(trx: Executor, values: { publication_id: string; reviewer_id: string; decision: 'approve' | 'return'; comment: string; created_at: Date }) {
  await trx.insertInto('disclosure_reviews').values(values).execute();
}

export async function reviewsOf(db: Executor, publicationId: string) {
  return db
    .selectFrom('disclosure_reviews as r')
    .innerJoin('users as u', 'u.id', 'r.reviewer_id')
    .select(['r.decision', 'r.comment', 'r.created_at', 'u.name as reviewer'])
    .where('r.publication_id', '=', publicationId)
    .orderBy('r.created_at')
    .execute();
}

// ---------------------------------------------------------------- chain head

/** Locks (creating when absent) the village's chain head, so publications of one village are chained one at a time. */
export async function lockChainHead(trx: Executor, regionCode: string): Promise<{ seq: number; hash: string | null }> {
  await trx.insertInto('disclosure_chain_heads').values({ region_code: regionCode, seq: 0, hash: '' }).onConflict((oc) => oc.column('region_code').doNothing()).execute();
  const row = await trx.selectFrom('disclosure_chain_heads').select(['seq', 'hash']).where('region_code', '=', regionCode).forUpdate().executeTakeFirstOrThrow();
  return { seq: row.seq, hash: row.hash || null };
}

export async function setChainHead(trx: Executor, regionCode: string, seq: number, hash: string): Promise<void> {
  await trx.updateTable('disclosure_chain_heads').set({ seq, hash }).where('region_code', '=', regionCode).execute();
}

/** The village's published versions in chain order. */
export async function chainOf(db: Executor, regionCode: string): Promise<PublicationRow[]> {
  return selectPublications(db).where('p.region_code', '=', regionCode).where('p.status', '=', 'published').orderBy('p.chain_seq').execute();
}

/** Villages with at least one published version, under a prefix (for the verifier). */
export async function chainedVillages(db: Executor, prefix: string): Promise<string[]> {
  const rows = await db
    .selectFrom('disclosure_chain_heads')
    .select('region_code')
    .where('region_code', 'like', `${prefix}%`)
    .where('seq', '>', 0)
    .orderBy('region_code')
    .execute();
  return rows.map((r) => r.region_code);
}
