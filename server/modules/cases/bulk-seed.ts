import { sql } from 'kysely';
import type { Db, Executor } from '../../platform/db/database.js';
import { regionLevel } from '../../../common/regions.js';
import { CASE_TEMPLATES, COUNTY_CENTRES, DEMO_GIVEN, DEMO_SURNAMES, type CaseTemplate } from './demo-data.js';
import type { UnitInfo } from './directory.js';
import { caseReference } from './reference.js';
import { routeWith } from './routing.js';
import { documentText } from './segment.js';
import { CASE_INSERT_SQL } from './bulk-seed-sql.js';
import { rebuildCaseStatistics } from './stats-rebuild.js';

/**
 * Many cases at once, set-based (INSERT … SELECT over generate_series, in
 * chunks of one transaction each): the demo's year of cases and the
 * benchmarks' millions. Every case is routed to the unit the routing rules
 * give (computed once per category × village, in memory), numbered from the
 * day's counter (a block of numbers is reserved per day, so live intake never
 * collides), indexed for search, and given a consistent timeline
 * (submitted → routed → accepted → resolved → rated, with a few withdrawn,
 * rejected, reopened, and some still open or overdue) whose outcome rates
 * follow the seeds (≈ 99 % solved, most 满意).
 *
 * Reads regions, units and users directly (like directory.ts): a loader
 * needs whole tables at once, which the regions service does not offer.
 */

export interface Requester {
  userId: string;
  name: string;
  phone: string | null;
  regionCode: string;
}

export interface BulkSeedOptions {
  count: number;
  from: Date;
  to: Date;
  /** Only villages and communities under this prefix (default: all). */
  regionPrefix?: string;
  /** The moment the timelines stop (default: now); cases younger than their deadlines are still open. */
  now?: Date;
  templates?: CaseTemplate[];
  /** Residents who file in the app in their own village (else cases come by the hotline). */
  requesters?: Requester[];
  /** Force a channel (e.g. 'app' for one resident's own cases). */
  channel?: 'app';
  /** The hotline operator recorded as having taken the calls. */
  operatorId?: string | null;
  /** false: cases only, no timeline rows (faster, for benchmarks of lists). */
  timeline?: boolean;
  chunkSize?: number;
  /** Chunks loaded at once, each on its own connection (default 1). */
  parallel?: number;
  /** false: leave the statistics roll-ups to the caller (several loads, one rebuild). */
  rebuildStatistics?: boolean;
  log?: (message: string) => void;
}

/** The role a unit's handler acts in on the timeline. */
function actingRole(u: UnitInfo): string {
  if (u.kind === 'department') return 'department_handler';
  const level = regionLevel(u.regionCode);
  return level === 'village' || level === 'grid' ? 'village_cadre' : 'township_official';
}

const likePrefix = (prefix: string) => `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

async function loadPlaces(db: Executor, prefix: string) {
  const villages = await db
    .selectFrom('regions')
    .select(['code', 'name'])
    .where('level', '=', 'village')
    .where('code', 'like', likePrefix(prefix))
    .orderBy('code')
    .execute();
  // The catalogue, and routes as the intake routes them (routing.ts), from the same reference snapshot.
  const ref = await caseReference(db);
  return { villages, ref, categories: [...ref.categories.values()] };
}

/** Loads `count` cases; returns how many and how long it took. */
export async function bulkSeedCases(db: Db, options: BulkSeedOptions): Promise<{ inserted: number; ms: number }> {
  const t0 = performance.now();
  const log = options.log ?? (() => {});
  const now = options.now ?? new Date();
  if (!(options.count > 0)) return { inserted: 0, ms: 0 };
  if (!(options.from < options.to)) throw new Error('bulkSeedCases: from must be before to');
  const places = await loadPlaces(db, options.regionPrefix ?? '');
  if (!places.villages.length) throw new Error(`bulkSeedCases: no villages or communities under '${options.regionPrefix ?? ''}': load the regions first`);

  const byCode = new Map(places.categories.map((c) => [c.code, c]));
  const templates = (options.templates ?? CASE_TEMPLATES).filter((t) => byCode.get(t.category)?.active && !byCode.get(t.category)?.confidential);
  if (!templates.length) throw new Error('bulkSeedCases: no template has an active category');
  const categoryCodes = [...new Set(templates.map((t) => t.category))];
  const catIndex = new Map(categoryCodes.map((c, i) => [c, i + 1]));

  // Routes per village × category, flattened: index (village - 1) * nCat + category.
  const unitIds: (string | null)[] = [];
  const unitNames: (string | null)[] = [];
  const unitRoles: (string | null)[] = [];
  for (const v of places.villages) {
    for (const code of categoryCodes) {
      const { unit } = routeWith(places.ref, { categoryCode: code, regionCode: v.code, confidential: false });
      if (!unit) throw new Error(`bulkSeedCases: no unit for ${code} in ${v.code}: load the units first`);
      unitIds.push(unit.id);
      unitNames.push(unit.name);
      unitRoles.push(actingRole(unit));
    }
  }

  const totalWeight = templates.reduce((s, t) => s + t.weight, 0);
  let acc = 0;
  const thresholds = templates.map((t) => {
    const start = acc;
    acc += t.weight / totalWeight;
    return start;
  });
  const placeholder = /\{place\}/g;
  const centre = (code: string) => COUNTY_CENTRES[code.slice(0, 6)] ?? [27.83, 113.15];
  const params = {
    tplCategory: templates.map((t) => t.category),
    tplTitle: templates.map((t) => t.title),
    tplDescription: templates.map((t) => t.description),
    tplResult: templates.map((t) => t.result),
    tplTitleTok: templates.map((t) => documentText(t.title)),
    tplDescTok: templates.map((t) => documentText(t.description.replace(placeholder, ''))),
    tplResultTok: templates.map((t) => documentText(t.result)),
    tplCat: templates.map((t) => catIndex.get(t.category)!),
    vilCode: places.villages.map((v) => v.code),
    vilName: places.villages.map((v) => v.name),
    vilTok: places.villages.map((v) => documentText(v.name)),
    vilLat: places.villages.map((v) => centre(v.code)[0]),
    vilLng: places.villages.map((v) => centre(v.code)[1]),
    catResp: categoryCodes.map((c) => byCode.get(c)!.response_hours),
    catRes: categoryCodes.map((c) => byCode.get(c)!.resolution_hours),
    catPriority: categoryCodes.map((c) => byCode.get(c)!.default_priority),
    unitIds,
    unitNames,
    unitRoles,
    nCat: categoryCodes.length,
    poolUser: (options.requesters ?? []).map((r) => r.userId),
    poolName: (options.requesters ?? []).map((r) => r.name),
    poolPhone: (options.requesters ?? []).map((r) => r.phone),
    poolRegion: (options.requesters ?? []).map((r) => r.regionCode),
    surnames: DEMO_SURNAMES,
    given: DEMO_GIVEN,
  };

  const superuser = (await sql<{ rolsuper: boolean }>`select rolsuper from pg_roles where rolname = current_user`.execute(db)).rows[0]?.rolsuper === true;
  const chunkSize = options.chunkSize ?? 100_000;
  const chunks: number[] = [];
  for (let start = 0; start < options.count; start += chunkSize) chunks.push(Math.min(chunkSize, options.count - start));
  let inserted = 0;
  // Each chunk on a connection of its own: draw the cases into a temp table, reserve their numbers in a
  // short transaction of its own (so parallel chunks do not queue on the day counters until commit; a
  // chunk that fails leaves a gap in the numbers, never a duplicate), then insert in one transaction.
  const loadChunk = (n: number) =>
    db.connection().execute(async (conn) => {
      await sql`drop table if exists pg_temp.bulk_case_gen`.execute(conn);
      await sql`
        create temp table bulk_case_gen as
        with g as (
          select i,
            width_bucket(random(), ${thresholds}::float8[]) as t_idx,
            1 + floor(random() * ${places.villages.length})::int as v_idx,
            ${options.from}::timestamptz + random() * (${options.to}::timestamptz - ${options.from}::timestamptz) as created_at,
            random() as r_out, random() as r_resp, random() as r_res, random() as r_rate,
            random() as r_chan, random() as r_pub, random() as r_geo, random() as r_x, random() as r_y
          from generate_series(1, ${n}) as i
        )
        select g.*, to_char(g.created_at at time zone 'Asia/Shanghai', 'YYMMDD') as day,
          row_number() over (partition by to_char(g.created_at at time zone 'Asia/Shanghai', 'YYMMDD') order by g.created_at, g.i)::int as rn
        from g`.execute(conn);
      const days = (await sql<{ day: string; n: number }>`select day, count(*)::int as n from bulk_case_gen group by day order by day`.execute(conn)).rows;
      // A block of numbers per day, taken atomically like intake's own (repo.nextDailySequence), in day order.
      const reserved = (
        await sql<{ day: string; last_value: number }>`
          insert into case_tracking_counters as k (day, last_value)
          select * from unnest(${days.map((d) => d.day)}::text[], ${days.map((d) => d.n)}::int[])
          on conflict (day) do update set last_value = k.last_value + excluded.last_value
          returning day, last_value`.execute(conn)
      ).rows;
      const count = new Map(days.map((d) => [d.day, d.n]));
      const n2 = await conn.transaction().execute(async (trx) => {
        await sql`select set_config('lianxin.case_stats', 'off', true)`.execute(trx);
        // Every reference is taken from the rows just read (units, regions, categories, users), so the
        // per-row foreign-key checks only cost time: skipped where the role may (a superuser, as the
        // embedded database's is), kept elsewhere.
        if (superuser) await sql`set local session_replication_role = replica`.execute(trx);
        const result = await CASE_INSERT_SQL({
          ...params,
          resDay: reserved.map((r) => r.day),
          resBase: reserved.map((r) => r.last_value - count.get(r.day)!),
          now,
          forceApp: options.channel === 'app',
          operatorId: options.operatorId ?? null,
          timeline: options.timeline !== false,
        }).execute(trx);
        return Number((result.rows[0] as { n: number }).n);
      });
      await sql`drop table pg_temp.bulk_case_gen`.execute(conn);
      inserted += n2;
      log(`cases: ${inserted} / ${options.count}`);
    });
  const parallel = Math.max(1, options.parallel ?? 1);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(parallel, chunks.length) }, async () => {
      while (next < chunks.length) await loadChunk(chunks[next++]!);
    }),
  );
  // The roll-up trigger is off during the load (one recompute beats a delta per row).
  if (options.rebuildStatistics !== false) {
    await rebuildCaseStatistics(db, { from: options.from, to: options.to });
    log('cases: statistics rebuilt');
  }
  return { inserted, ms: Math.round(performance.now() - t0) };
}
