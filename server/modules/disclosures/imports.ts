import crypto from 'node:crypto';
import type { ServiceContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { audit } from '../../platform/audit.js';
import { authorize } from '../../platform/policy.js';
import { AppError, badRequest, unauthorized } from '../../platform/errors.js';
import { looksLikePerson } from '../../../common/disclosures/counterparty.js';
import * as repo from './repo.js';
import * as funds from './repo-funds.js';
import { requireEditable, requireLedgerKind, requireReadable, requireVillage } from './access.js';
import { canPrepare, canReadUnpublished } from './policy.js';
import { openLedgerFile, UnknownFileType, UnreadableFile, type Cell } from './import-parse.js';
import { FIELD_LABELS, checkRow, fundLookup, isHeaderRow, resolveColumns, type AcceptedRow, type Columns, type RowProblem } from './import-rows.js';
import { scanVillage } from './flag-scan.js';
import { ImportMapping, type ImportMappingType } from './schema-oversight.js';
import { Value } from '@sinclair/typebox/value';

/**
 * Importing a month's ledger from the village accounting software's export
 * (CSV or XLSX). `preview` reads the whole file and lists every row that
 * would be rejected and why; `importLedger` does the same checks inside the
 * publication's lock and, only when no row is rejected, writes every entry
 * in one transaction (batched statements) with the flags recomputed —
 * all or nothing. The mapping used is saved for the village.
 */
export const MAX_IMPORT_ROWS = 200_000;
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
const HEADER_SEARCH_ROWS = 10;

export interface UploadedLedger {
  fileName: string;
  bytes: Buffer;
  mapping: string | undefined;
}

interface Checked {
  format: string;
  encoding: string;
  headers: string[];
  columns: Columns;
  rowCount: number;
  accepted: AcceptedRow[];
  rejected: RowProblem[];
  rejectedRows: number;
}

function parseMapping(raw: string | undefined): ImportMappingType | null {
  if (raw === undefined || raw.trim() === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw badRequest('disclosures.import_mapping_invalid', 'mapping');
  }
  if (!Value.Check(ImportMapping, value)) throw badRequest('disclosures.import_mapping_invalid', 'mapping');
  return value;
}

async function savedMapping(db: Executor, regionCode: string): Promise<ImportMappingType | null> {
  const m = await funds.findMapping(db, regionCode);
  return m && Value.Check(ImportMapping, m) ? m : null;
}

/** Reads and checks the whole file against the publication (its period, its village's funds, its vouchers). */
async function checkFile(db: Executor, ctx: ServiceContext, p: repo.PublicationRow, file: UploadedLedger, mode: 'append' | 'replace'): Promise<Checked> {
  if (!file.bytes.length) throw badRequest('disclosures.import_empty', 'file');
  const sent = parseMapping(file.mapping);
  const given = sent ?? (await savedMapping(db, p.region_code));
  let parsed;
  try {
    parsed = openLedgerFile(file.bytes, file.fileName);
  } catch (error) {
    if (error instanceof UnknownFileType) throw badRequest('disclosures.import_file_type', 'file');
    throw error;
  }
  const lookup = fundLookup(await funds.fundsOf(db, p.region_code));
  const existing = mode === 'append' ? await repo.vouchersOf(db, p.id) : new Set<string>();
  let headers: string[] | null = null;
  let columns: Columns | null = null;
  const accepted: AcceptedRow[] = [];
  const rejected: RowProblem[] = [];
  let rejectedRows = 0;
  let rowCount = 0;
  let seen = 0;
  const seenVouchers = new Map<string, number>();
  try {
    for await (const { line, cells } of parsed.records) {
      if (!columns) {
        seen++;
        if (!isHeaderRow(cells, given) && seen < HEADER_SEARCH_ROWS) continue;
        headers = cells.map((c: Cell) => (c === null ? '' : String(c).trim()));
        const resolved = resolveColumns(headers, given, sent !== null);
        if ('kind' in resolved) {
          const label = FIELD_LABELS[resolved.field];
          if (resolved.kind === 'missing') throw badRequest('disclosures.import_column_missing', resolved.field, { column: label, header: resolved.header });
          throw badRequest('disclosures.import_mapping_incomplete', resolved.field, { column: label });
        }
        columns = resolved;
        continue;
      }
      if (cells.every((c) => c === null || String(c).trim() === '')) continue;
      rowCount++;
      if (rowCount > MAX_IMPORT_ROWS) throw badRequest('disclosures.import_too_many_rows', 'file', { max: MAX_IMPORT_ROWS });
      const result = checkRow(line, cells, { columns, period: p.period, funds: lookup, existingVouchers: existing, seenVouchers, lang: ctx.lang });
      if ('ok' in result) accepted.push(result.ok);
      else {
        rejectedRows++;
        rejected.push(...result.problems);
      }
    }
  } catch (error) {
    if (error instanceof UnreadableFile) throw badRequest('disclosures.import_unreadable', 'file', { detail: error.message.slice(0, 120) });
    throw error;
  }
  if (!columns || !headers) throw badRequest('disclosures.import_empty', 'file');
  if (rowCount === 0) throw badRequest('disclosures.import_empty', 'file');
  return { format: parsed.format, encoding: parsed.encoding, headers, columns, rowCount, accepted, rejected, rejectedRows };
}

const sumOf = (rows: AcceptedRow[], d: AcceptedRow['direction']) => rows.reduce((s, r) => s + (r.direction === d ? r.amountFen : 0), 0);

async function draftFor(db: Executor, ctx: ServiceContext, publicationId: string) {
  const p = await requireReadable(db, ctx.actor, publicationId);
  authorize(canPrepare(ctx.actor, p.region_code));
  requireEditable(p, ctx.lang);
  requireLedgerKind(p, ctx.lang);
  return p;
}

/** `POST /disclosures/publications/:id/imports/preview` */
export async function previewImport(ctx: ServiceContext, publicationId: string, file: UploadedLedger | null, mode: 'append' | 'replace' = 'append') {
  if (!ctx.actor) throw unauthorized();
  const p = await draftFor(ctx.db, ctx, publicationId);
  if (!file) throw badRequest('disclosures.import_file_missing', 'file');
  const c = await checkFile(ctx.db, ctx, p, file, mode);
  return {
    format: c.format,
    encoding: c.encoding,
    headers: c.headers,
    mapping: c.columns.mapping,
    rowCount: c.rowCount,
    acceptedCount: c.accepted.length,
    rejectedCount: c.rejectedRows,
    rejected: c.rejected,
    totals: { incomeFen: sumOf(c.accepted, 'income'), expenseFen: sumOf(c.accepted, 'expense'), transferFen: sumOf(c.accepted, 'transfer') },
    sample: c.accepted.slice(0, 20).map((r) => ({ row: r.row, date: r.date, voucherNo: r.voucherNo, direction: r.direction, amountFen: r.amountFen, counterparty: r.counterparty, purpose: r.purpose, fund: r.fundText })),
  };
}

/** `POST /disclosures/publications/:id/imports`: all rows or none. */
export async function importLedger(ctx: ServiceContext, publicationId: string, file: UploadedLedger | null, mode: 'append' | 'replace' = 'append') {
  const actor = ctx.actor;
  if (!actor) throw unauthorized();
  await draftFor(ctx.db, ctx, publicationId);
  if (!file) throw badRequest('disclosures.import_file_missing', 'file');
  const sha256 = crypto.createHash('sha256').update(file.bytes).digest('hex');
  return ctx.db.transaction().execute(async (trx) => {
    const p = (await repo.lockPublication(trx, publicationId))!;
    requireEditable(p, ctx.lang);
    const c = await checkFile(trx, ctx, p, file, mode);
    if (c.rejectedRows > 0) {
      throw new AppError(400, 'import_rejected', 'disclosures.import_rejected', 'file', { count: c.rejectedRows }, { rejectedCount: c.rejectedRows, firstRejectedRow: c.rejected[0].row });
    }
    const now = ctx.clock.now();
    const removed = mode === 'replace' ? await repo.deleteEntriesOf(trx, p.id) : 0;
    const importRow = await trx
      .insertInto('disclosure_imports')
      .values({ publication_id: p.id, region_code: p.region_code, file_name: file.fileName.slice(-200) || 'ledger', format: c.format, encoding: c.encoding, row_count: c.accepted.length, sha256, mode, imported_by: actor.userId, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    let seq = mode === 'replace' ? 1 : await repo.nextSeq(trx, p.id);
    await repo.insertEntries(
      trx,
      c.accepted.map((r) => ({
        publication_id: p.id,
        region_code: p.region_code,
        county_code: p.county_code,
        seq: seq++,
        entry_date: r.date,
        voucher_no: r.voucherNo,
        direction: r.direction,
        amount_fen: r.amountFen,
        counterparty: r.counterparty,
        counterparty_kind: looksLikePerson(r.counterparty) ? 'person' : 'organisation',
        purpose: r.purpose,
        fund_id: r.fundId,
        to_fund_id: r.toFundId,
        approvers: r.approvers,
        payment_method: r.paymentMethod,
        decision_id: null,
        attachment_ids: [],
        import_id: importRow.id,
      })),
    );
    await funds.saveMapping(trx, p.region_code, c.columns.mapping, actor.userId, now);
    await repo.updatePublication(trx, p.id, { updated_at: now });
    const scan = await scanVillage(trx, p.region_code, now);
    await audit(trx, ctx, {
      action: 'disclosures.import',
      targetType: 'disclosure_publication',
      targetId: p.id,
      after: { importId: importRow.id, rows: c.accepted.length, removed, mode, format: c.format, encoding: c.encoding, sha256, openFlags: scan.open },
    });
    return { importId: importRow.id, imported: c.accepted.length, mode, format: c.format, encoding: c.encoding, openFlags: scan.open };
  });
}

/** `GET /disclosures/villages/:code/import-mapping`: the saved mapping, or the usual headers. */
export async function getMapping(ctx: ServiceContext, code: string) {
  if (!ctx.actor) throw unauthorized();
  await requireVillage(ctx.db, code);
  authorize(canReadUnpublished(ctx.actor, code));
  const saved = await savedMapping(ctx.db, code);
  return { regionCode: code, mapping: saved ?? { ...FIELD_LABELS, amount: undefined, direction: undefined }, saved: !!saved };
}

/** `PUT /disclosures/villages/:code/import-mapping` */
export async function putMapping(ctx: ServiceContext, code: string, mapping: ImportMappingType) {
  const actor = ctx.actor;
  if (!actor) throw unauthorized();
  await requireVillage(ctx.db, code);
  authorize(canPrepare(actor, code));
  const probe = resolveColumns(Object.values(mapping).filter((v): v is string => !!v), mapping);
  if ('kind' in probe) throw badRequest('disclosures.import_mapping_incomplete', probe.field, { column: FIELD_LABELS[probe.field] });
  await ctx.db.transaction().execute(async (trx) => {
    await funds.saveMapping(trx, code, mapping, actor.userId, ctx.clock.now());
    await audit(trx, ctx, { action: 'disclosures.mapping', targetType: 'region', targetId: code, after: { fields: Object.keys(mapping).filter((k) => mapping[k as keyof ImportMappingType]) } });
  });
  return getMapping(ctx, code);
}
