import { sql } from 'kysely';
import type { Executor } from './db/database.js';

/**
 * Reference data — units, the case catalogue, routing rules — is read on every
 * intake but changes a few times a year. A cache built with `referenceCache`
 * keeps one snapshot per database in the process and checks it with one small
 * query against `reference_versions`, which a statement trigger on each source
 * table bumps in the writer's transaction (`trackReferenceTable`). So a
 * snapshot is never stale — whoever changes the table, another process or a
 * test's direct INSERT included — and a use costs one round trip instead of a
 * query per lookup. The check runs on whatever executor it is given, so a
 * caller inside a transaction never waits for a second pool connection.
 */

/** The statement that makes changes to `table` bump its version (for migrations). */
export function trackReferenceTable(table: string) {
  return sql`create trigger ${sql.id(`${table}_reference_version`)} after insert or update or delete or truncate on ${sql.table(table)}
    for each statement execute function lianxin_bump_reference_version()`;
}

const SNAPSHOTS_KEPT = 4;

export function referenceCache<T>(tables: string[], load: (db: Executor) => Promise<T>): (db: Executor) => Promise<T> {
  const names = [...tables, 'epoch'].sort();
  const snapshots = new Map<string, T>();
  return async (db) => {
    const { rows } = await sql<{ key: string }>`select current_database() || ':' || coalesce(inet_server_port(), 0) || ':' ||
        coalesce((select string_agg(name || '=' || version, ',' order by name) from reference_versions where name in (${sql.join(names)})), '') as key`.execute(db);
    const key = rows[0]!.key;
    const cached = snapshots.get(key);
    if (cached !== undefined) return cached;
    const value = await load(db);
    // The versions read before the load: a change committed in between makes the next use reload, never keep old data.
    snapshots.set(key, value);
    if (snapshots.size > SNAPSHOTS_KEPT) snapshots.delete(snapshots.keys().next().value!);
    return value;
  };
}
