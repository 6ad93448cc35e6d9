import { sql, type SelectQueryBuilder } from 'kysely';
import type { Database, Executor } from '../../platform/db/database.js';
import '../../platform/platform-tables.js';

/** The filters of the audit view, already checked and parsed by the service. */
export interface AuditFilter {
  actorId?: string;
  /** Matches the action itself and every action it is a prefix of. */
  actionPrefix?: string;
  targetType?: string;
  targetId?: string;
  /** Inclusive. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
  /** Only entries up to this id: an export reads one consistent set. */
  maxId?: number;
}

export interface AuditRow {
  id: number;
  actor_id: string | null;
  actor_roles: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  created_at: Date;
}

const COLUMNS = ['id', 'actor_id', 'actor_roles', 'action', 'target_type', 'target_id', 'before', 'after', 'ip', 'created_at'] as const;

/** `LIKE` pattern for a literal prefix (`_` and `%` are common in action names). */
export function likePrefix(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function filtered<O>(qb: SelectQueryBuilder<Database, 'audit_log', O>, f: AuditFilter): SelectQueryBuilder<Database, 'audit_log', O> {
  let q = qb;
  if (f.actorId !== undefined) q = q.where('actor_id', '=', f.actorId);
  // Written with the index's "C" collation so audit_log_action_idx serves it.
  if (f.actionPrefix !== undefined) q = q.where(sql<boolean>`action collate "C" like ${likePrefix(f.actionPrefix)}`);
  if (f.targetType !== undefined) q = q.where('target_type', '=', f.targetType);
  if (f.targetId !== undefined) q = q.where('target_id', '=', f.targetId);
  if (f.from !== undefined) q = q.where('created_at', '>=', f.from);
  if (f.to !== undefined) q = q.where('created_at', '<', f.to);
  if (f.maxId !== undefined) q = q.where('id', '<=', f.maxId);
  return q;
}

/**
 * One page of entries, newest first.
 *
 * @example listEntries(db, { actionPrefix: 'case.' }, { limit: 20, offset: 0 })
 */
export async function listEntries(db: Executor, f: AuditFilter, page: { limit: number; offset: number }): Promise<AuditRow[]> {
  return filtered(db.selectFrom('audit_log').select(COLUMNS), f)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute() as Promise<AuditRow[]>;
}

/** Where an export stopped: the last row's time at full (microsecond) precision, and its id. */
export interface AuditCursor {
  at: string;
  id: number;
}

/**
 * Entries after `cursor` in the newest-first order (keyset paging, so a
 * 100,000-row export never pays for a deep OFFSET). The cursor keeps the time
 * as PostgreSQL's text: a JS Date would drop the microseconds and skip rows.
 */
export async function entriesAfter(
  db: Executor,
  f: AuditFilter,
  cursor: AuditCursor | null,
  limit: number,
): Promise<(AuditRow & { cursor_at: string })[]> {
  let q = filtered(db.selectFrom('audit_log').select([...COLUMNS, sql<string>`created_at::text`.as('cursor_at')]), f);
  if (cursor) q = q.where(sql<boolean>`(created_at, id) < (${cursor.at}::timestamptz, ${cursor.id}::bigint)`);
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute() as Promise<(AuditRow & { cursor_at: string })[]>;
}

/** How many entries match, counting no further than `cap` when given (cheap "more than N?" checks). */
export async function countEntries(db: Executor, f: AuditFilter, cap?: number): Promise<number> {
  if (cap === undefined) {
    const row = await filtered(db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')), f).executeTakeFirstOrThrow();
    return Number(row.n);
  }
  const limited = filtered(db.selectFrom('audit_log').select('id'), f).limit(cap);
  const row = await db
    .selectFrom(limited.as('m'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The id of the newest entry (0 when the log is empty). */
export async function newestId(db: Executor): Promise<number> {
  const row = await db.selectFrom('audit_log').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
  return Number(row?.id ?? 0);
}

/**
 * Every distinct action name, in byte order. A loose index scan (one index
 * probe per distinct name) rather than `SELECT DISTINCT`, which would read
 * the whole log: the log holds millions of rows but a few dozen names.
 */
export async function distinctActions(db: Executor): Promise<string[]> {
  const { rows } = await sql<{ action: string }>`
    with recursive a(action) as (
      (select action from audit_log order by action collate "C" limit 1)
      union all
      select (select l.action from audit_log l
               where l.action collate "C" > a.action collate "C"
               order by l.action collate "C" limit 1)
        from a where a.action is not null
    )
    select action from a where action is not null`.execute(db);
  return rows.map((r) => r.action);
}

/**
 * Display names of the people who wrote entries. A read of `users` by primary
 * key: the people module exports no name lookup, and the audit view must keep
 * working for people who were disabled since.
 */
export async function actorNames(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'name']).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * Deletes up to `limit` entries older than `cutoff` in one transaction, with
 * the `lianxin.audit_purge` switch the append-only trigger asks for. The
 * trigger itself refuses anything younger than six months by the database's
 * clock, so `now() - 6 months` is repeated here: a wrong application clock
 * can never make the purge fail half-way, nor delete what the law says to keep.
 */
export async function purgeBatch(db: Executor, cutoff: Date, limit: number): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await sql`select set_config('lianxin.audit_purge', 'on', true)`.execute(trx);
    const result = await sql`
      delete from audit_log where id in (
        select id from audit_log
         where created_at < ${cutoff} and created_at < now() - interval '6 months'
         order by created_at
         limit ${limit})`.execute(trx);
    return Number(result.numAffectedRows ?? 0);
  });
}
