import type { Clock, Lang, ServiceContext } from '../../platform/context.js';
import type { Db } from '../../platform/db/database.js';
import { audit } from '../../platform/audit.js';
import { authorize } from '../../platform/policy.js';
import { AppError, badRequest } from '../../platform/errors.js';
import { canExportAudit, canReadAudit } from './policy.js';
import * as repo from './repo.js';
import { csvHeader, csvRow, CSV_BOM, presentAuditEntry } from './presenter.js';
import type { AuditExportQuery, AuditPage, AuditQuery } from './schema.js';

/** An export refuses to start when more entries than this match. */
export const EXPORT_MAX_ROWS = 100_000;
const EXPORT_CHUNK = 2_000;
/** 等保 2.0 / 网络安全法 art. 21: keep at least six months. */
export const RETENTION_MONTHS = 6;
const PURGE_BATCH = 5_000;

function denied(actor: ServiceContext['actor']) {
  // Signed-out callers get a 401 from requireActor in the route; here, a 403 in the audit's own words.
  if (!actor) return new AppError(401, 'unauthorized', 'auth.required');
  return new AppError(403, 'forbidden', 'audit.forbidden');
}

const SHANGHAI_OFFSET = '+08:00';

/**
 * A filter time: an instant with its zone, or a day read in Asia/Shanghai.
 * For the end of a period a bare day means "through that day" (the next
 * midnight, exclusive). Days that do not exist (2026-02-30) are refused.
 */
export function parseFilterTime(value: string, field: 'from' | 'to'): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})(T(\d{2}):(\d{2})(?::(\d{2}))?.*)?$/.exec(value);
  if (!m) throw badRequest('audit.invalid_time', field);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const hour = m[5] === undefined ? 0 : Number(m[5]);
  const minute = m[6] === undefined ? 0 : Number(m[6]);
  const second = m[7] === undefined ? 0 : Number(m[7]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59) {
    throw badRequest('audit.invalid_time', field);
  }
  const date = m[4] ? new Date(value) : new Date(`${m[1]}-${m[2]}-${m[3]}T00:00:00${SHANGHAI_OFFSET}`);
  if (Number.isNaN(date.getTime())) throw badRequest('audit.invalid_time', field);
  if (!m[4] && field === 'to') return new Date(date.getTime() + 24 * 60 * 60 * 1000);
  return date;
}

/** Checks the filters of a request and turns them into the repository's. */
export function toFilter(input: AuditExportQuery): repo.AuditFilter {
  const from = input.from === undefined ? undefined : parseFilterTime(input.from, 'from');
  const to = input.to === undefined ? undefined : parseFilterTime(input.to, 'to');
  if (from && to && to.getTime() <= from.getTime()) throw badRequest('audit.range_reversed', 'to');
  return {
    actorId: input.actorId,
    actionPrefix: input.action,
    targetType: input.targetType,
    targetId: input.targetId,
    from,
    to,
  };
}

/**
 * A page of the audit log, newest first, with the actors' names.
 *
 * @example listAudit(ctx, { action: 'case.', page: 1, pageSize: 20 })
 */
export async function listAudit(ctx: ServiceContext, input: AuditQuery): Promise<AuditPage> {
  if (!canReadAudit(ctx.actor)) throw denied(ctx.actor);
  const filter = toFilter(input);
  const page = input.page ?? 1;
  const pageSize = input.pageSize ?? 20;
  const [total, rows] = await Promise.all([
    repo.countEntries(ctx.db, filter),
    repo.listEntries(ctx.db, filter, { limit: pageSize, offset: (page - 1) * pageSize }),
  ]);
  const names = await repo.actorNames(
    ctx.db,
    rows.flatMap((r) => (r.actor_id ? [r.actor_id] : [])),
  );
  return {
    items: rows.map((r) => presentAuditEntry(r, names)),
    total,
    page,
    pageSize,
    abilities: { export: canExportAudit(ctx.actor) },
  };
}

/** The action names in the log, for the filter's drop-down. */
export async function listAuditActions(ctx: ServiceContext): Promise<string[]> {
  if (!canReadAudit(ctx.actor)) throw denied(ctx.actor);
  return repo.distinctActions(ctx.db);
}

/**
 * Prepares a CSV export: checks the caller and the filters, refuses more
 * than {@link EXPORT_MAX_ROWS} rows (a silently cut audit file would mislead),
 * records the export itself in the log, then returns the lines to stream:
 * a UTF-8 BOM and the header, then the entries newest first, read in keyset
 * chunks, all with ids up to the newest at the start (one consistent set,
 * not including the export's own entry).
 */
export async function exportAuditCsv(
  ctx: ServiceContext,
  input: AuditExportQuery,
): Promise<{ rows: number; lines: AsyncIterable<string> }> {
  if (!canExportAudit(ctx.actor)) throw denied(ctx.actor);
  const filter: repo.AuditFilter = { ...toFilter(input), maxId: await repo.newestId(ctx.db) };
  const rows = await repo.countEntries(ctx.db, filter, EXPORT_MAX_ROWS + 1);
  if (rows > EXPORT_MAX_ROWS) {
    throw new AppError(400, 'too_many_rows', 'audit.export_too_large', 'from', { limit: EXPORT_MAX_ROWS.toLocaleString('en-US') });
  }
  await audit(ctx.db, ctx, {
    action: 'audit.export',
    targetType: 'audit_log',
    targetId: null,
    after: { filters: { ...input }, rows },
  });
  return { rows, lines: csvLines(ctx.db, filter, ctx.lang, rows) };
}

async function* csvLines(db: Db, filter: repo.AuditFilter, lang: Lang, max: number): AsyncGenerator<string> {
  yield CSV_BOM + csvHeader(lang);
  let cursor: repo.AuditCursor | null = null;
  let sent = 0;
  while (sent < max) {
    const chunk = await repo.entriesAfter(db, filter, cursor, Math.min(EXPORT_CHUNK, max - sent));
    if (chunk.length === 0) return;
    const names = await repo.actorNames(
      db,
      chunk.flatMap((r) => (r.actor_id ? [r.actor_id] : [])),
    );
    yield chunk.map((r) => csvRow(r, names, lang)).join('');
    sent += chunk.length;
    const last = chunk[chunk.length - 1];
    cursor = { at: last.cursor_at, id: Number(last.id) };
  }
}

/** The date before which entries may go: `RETENTION_MONTHS` calendar months before `now`. */
export function retentionCutoff(now: Date, months = RETENTION_MONTHS): Date {
  const cutoff = new Date(now);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  return cutoff;
}

/**
 * The daily retention job: deletes entries older than six months (in batches,
 * each its own short transaction) and records the purge in the log. The
 * append-only trigger lets only this through, and only for entries older
 * than six months by the database's own clock.
 */
export async function purgeExpiredAudit(ctx: { db: Db; clock: Clock }): Promise<{ deleted: number; cutoff: Date }> {
  const cutoff = retentionCutoff(ctx.clock.now());
  let deleted = 0;
  for (;;) {
    const n = await repo.purgeBatch(ctx.db, cutoff, PURGE_BATCH);
    deleted += n;
    if (n < PURGE_BATCH) break;
  }
  if (deleted > 0) {
    await audit(ctx.db, { actor: null, ip: null, clock: ctx.clock }, {
      action: 'audit.purge',
      targetType: 'audit_log',
      targetId: null,
      after: { deleted, olderThan: cutoff.toISOString() },
    });
  }
  return { deleted, cutoff };
}
