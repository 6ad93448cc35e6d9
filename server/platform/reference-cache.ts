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

/** The versions of every reference table, read in one statement. */
export interface ReferenceVersions {
  database: string;
  versions: Record<string, string>;
}

/**
 * The versions as one JSON value, for a statement a request runs anyway: the
 * session lookup reads them beside the session, so a request that uses
 * reference data needs no round trip of its own for them.
 */
export function referenceVersionsValue() {
  return sql<ReferenceVersions>`jsonb_build_object('database', current_database() || ':' || coalesce(inet_server_port(), 0),
    'versions', coalesce((select jsonb_object_agg(name, version::text) from reference_versions), '{}'))`;
}

async function readVersions(db: Executor): Promise<ReferenceVersions> {
  const { rows } = await sql<{ v: ReferenceVersions }>`select ${referenceVersionsValue()} as v ${PREPARED}`.execute(db);
  return rows[0]!.v;
}

// On the pool, concurrent checks share one query (each waits for one that starts after it was asked).
const coalescedVersions = coalescerPerDatabase((db: Executor) =>
  coalescer<0, ReferenceVersions>(async (keys) => {
    const versions = await readVersions(db);
    return keys.map(() => versions);
  }),
);

/**
 * The versions as of now: on the pool shared with the reads asked at the same
 * time (each waits for one that starts after it was asked), in a transaction
 * read in it. A request that will use reference data (`config.readsReferenceData`
 * on the route) has them read with its session, or by this when it has none,
 * and hands them to the caches as `ServiceContext.referenceVersions`.
 */
export function readReferenceVersions(db: Executor): Promise<ReferenceVersions> {
  return db.isTransaction ? readVersions(db) : coalescedVersions(db)(0);
}

/** `known`: versions this request already read on the same database (see readReferenceVersions). */
export function referenceCache<T>(tables: string[], load: (db: Executor) => Promise<T>): (db: Executor, known?: Promise<ReferenceVersions>) => Promise<T> {
  const names = [...tables, 'epoch'].sort();
  const snapshots = new Map<string, T>();
  return async (db, known) => {
    const read = await (known && !db.isTransaction ? known : readReferenceVersions(db));
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
