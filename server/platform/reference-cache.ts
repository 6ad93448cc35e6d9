import { sql } from 'kysely';
import { coalescer, coalescerPerDatabase } from './coalesce.js';
import type { Executor } from './db/database.js';
import { PREPARED } from './db/prepared-client.js';

/**
 * Reference data — units, the case catalogue, routing rules — is read on every
 * intake but changes a few times a year. A cache built with `referenceCache`
 * keeps one snapshot per database in the process and checks it with one small
 * query against `reference_versions`, which a statement trigger on each source
 * table bumps in the writer's transaction (`trackReferenceTable`). So a
 * snapshot is never stale — whoever changes the table, another process or a
 * test's direct INSERT included — and a use costs one round trip instead of a
 * query per lookup (shared by the uses that wait at the same time). The check
 * runs on whatever executor it is given, so a caller inside a transaction
 * never waits for a second pool connection. The key names the database and
 * its random 'epoch' row, so two databases in one process never share a
 * snapshot (over a Unix socket there is no port to tell them apart).
 */

/** The statement that makes changes to `table` bump its version (for migrations). */
export function trackReferenceTable(table: string) {
  return sql`create trigger ${sql.id(`${table}_reference_version`)} after insert or update or delete or truncate on ${sql.table(table)}
    for each statement execute function lianxin_bump_reference_version()`;
}

const SNAPSHOTS_KEPT = 4;

interface Versions {
  database: string;
  versions: Record<string, string>;
}

async function readVersions(db: Executor): Promise<Versions> {
  const { rows } = await sql<Versions>`select current_database() || ':' || coalesce(inet_server_port(), 0) as database,
      coalesce((select jsonb_object_agg(name, version::text) from reference_versions), '{}') as versions ${PREPARED}`.execute(db);
  return rows[0]!;
}

// On the pool, concurrent checks share one query (each waits for one that starts after it was asked).
const coalescedVersions = coalescerPerDatabase((db: Executor) =>
  coalescer<0, Versions>(async (keys) => {
    const versions = await readVersions(db);
    return keys.map(() => versions);
  }),
);

export function referenceCache<T>(tables: string[], load: (db: Executor) => Promise<T>): (db: Executor) => Promise<T> {
  const names = [...tables, 'epoch'].sort();
  const snapshots = new Map<string, T>();
  return async (db) => {
    const read = db.isTransaction ? await readVersions(db) : await coalescedVersions(db)(0);
    const key = `${read.database}:${names.map((n) => `${n}=${read.versions[n] ?? ''}`).join(',')}`;
    const cached = snapshots.get(key);
    if (cached !== undefined) return cached;
    const value = await load(db);
    // The versions read before the load: a change committed in between makes the next use reload, never keep old data.
    snapshots.set(key, value);
    if (snapshots.size > SNAPSHOTS_KEPT) snapshots.delete(snapshots.keys().next().value!);
    return value;
  };
}
