/**
 * A notice to every household of an area: 100,000 households into the
 * household outbox (emergency_notice_deliveries) — target under 60 s —
 * with the progress the sender polls sampled along the way, then the first
 * page of the households not yet reached.
 *
 *   import { benchEmergencyNotice } from './suites/emergency-notice.js';
 *   const result = await benchEmergencyNotice({ db });   // db: a migrated Kysely<Database>
 *
 * It adds its own area (a bench-only county 439902 with 100 communities and
 * the households, no people), a commander, an incident, and sends the
 * notice through the service (`createNotice`), exactly as the route does;
 * the delivery runs in batches as in production (here in-process; with
 * pg-boss the same batches run in a job).
 *
 * Baseline, in the same run: the floor of the database — one set-based
 * `INSERT … SELECT` of the same households into an unlogged copy of the
 * outbox (no batches, no progress, no constraints). The ratio says what the
 * batching, the progress row and the indexes cost on this machine.
 *
 * Standalone: `node --import tsx bench/suites/emergency-notice.ts [households]`
 * (or `npm run bench -- emergency-notice`): a fresh embedded PostgreSQL under
 * .tmp/ (or DATABASE_URL), a table on the console, bench/results/emergency-notice.json,
 * exit code 1 when the target is missed or the delivery failed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { Db } from '../../server/platform/db/database.js';
import { systemClock, type ServiceContext } from '../../server/platform/context.js';
import { loadConfig } from '../../server/platform/config.js';
import { loadActor } from '../../server/modules/people/actor.js';
import { createIncident } from '../../server/modules/emergency/incidents.js';
import { createNotice, noticeProgress, unreachedHouseholds } from '../../server/modules/emergency/notices.js';
import { settleDeliveries } from '../../server/modules/emergency/notice-delivery.js';

export interface NoticeBenchResult {
  households: number;
  /** From the sender's request to the last household in the outbox. */
  deliverSeconds: number;
  /** The sender's answer (notice written, progress row created). */
  requestMs: number;
  householdsPerSecond: number;
  /** Progress as the sender's poll saw it. */
  progress: { ms: number; queued: number; percent: number }[];
  firstUnreachedPageMs: number;
  /** One INSERT … SELECT of the same households into an unlogged copy of the outbox. */
  baseline: { seconds: number; rowsPerSecond: number };
  /** deliverSeconds / baseline seconds. */
  ratioToBaseline: number;
  target: { seconds: number; met: boolean };
}

/** The floor: the same rows in one statement, into an unlogged table without indexes or constraints. */
async function baselineInsert(db: Db, noticeId: string): Promise<number> {
  await sql`drop table if exists bench_outbox_floor`.execute(db);
  await sql`create unlogged table bench_outbox_floor (like emergency_notice_deliveries including defaults)`.execute(db);
  const t = performance.now();
  await sql`
    insert into bench_outbox_floor (notice_id, household_id, region_code, county_code, queued_at)
    select ${noticeId}, id, region_code, left(region_code, 6), now() from households where region_code like ${COUNTY + '%'}`.execute(db);
  const seconds = (performance.now() - t) / 1000;
  await sql`drop table bench_outbox_floor`.execute(db);
  return seconds;
}

const COUNTY = '439902';

async function prepare(db: Db, households: number): Promise<string> {
  await sql`delete from emergency_notice_deliveries where region_code like ${COUNTY + '%'}`.execute(db);
  const regions = [
    { code: `${COUNTY}000000`, name: '压测区', level: 'county', parent: '430000000000', prefix: COUNTY },
    { code: `${COUNTY}001000`, name: '压测街道', level: 'township', parent: `${COUNTY}000000`, prefix: `${COUNTY}001` },
    ...Array.from({ length: 100 }, (_, i) => {
      const code = `${COUNTY}001${String(i + 1).padStart(3, '0')}`;
      return { code, name: `压测社区${i + 1}`, level: 'village', parent: `${COUNTY}001000`, prefix: code };
    }),
  ];
  await db.insertInto('regions').values({ code: '430000000000', name: '湖南省', level: 'province', kind: null, parent_code: null, prefix: '43' }).onConflict((oc) => oc.column('code').doNothing()).execute();
  await db
    .insertInto('regions')
    .values(regions.map((r) => ({ code: r.code, name: r.name, level: r.level, kind: null, parent_code: r.parent, prefix: r.prefix })))
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
  const existing = (await sql<{ n: number }>`select count(*)::int as n from households where region_code like ${COUNTY + '%'}`.execute(db)).rows[0]!.n;
  if (existing < households) {
    await sql`
      insert into households (region_code, address)
      select ${COUNTY + '001'} || lpad(((i % 100) + 1)::text, 3, '0'), '压测小区' || (i / 40) || '栋' || (i % 40) || '号'
      from generate_series(${existing + 1}::int, ${households}::int) i`.execute(db);
    await sql`analyze households`.execute(db);
  }
  const unit = await db
    .insertInto('units')
    .values({ kind: 'region', region_code: `${COUNTY}000000`, name: '压测区人民政府', department_type: null, phone: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  const user = await db.insertInto('users').values({ name: '压测指挥长', phone: null, username: `bench_${Date.now()}` }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('role_grants').values({ user_id: user.id, role: 'township_official', unit_id: unit.id, granted_by: null }).execute();
  return user.id;
}

export async function benchEmergencyNotice(options: { db: Db; households?: number; log?: (m: string) => void }): Promise<NoticeBenchResult> {
  const { db } = options;
  const households = options.households ?? 100_000;
  const log = options.log ?? (() => {});
  const commander = await prepare(db, households);
  const total = (await sql<{ n: number }>`select count(*)::int as n from households where region_code like ${COUNTY + '%'}`.execute(db)).rows[0]!.n;
  log(`${total.toLocaleString()} households ready`);
  const ctx: ServiceContext = { db, actor: await loadActor(db, commander, null), clock: systemClock, ip: null, lang: 'zh-CN' };
  const incident = await createIncident(ctx, { name: '压测：全体住户通告', regionCode: `${COUNTY}000000` });

  const started = performance.now();
  const notice = await createNotice(ctx, incident.id, { regionCode: `${COUNTY}000000`, title: '致全体居民的告知书', body: '请全体居民足不出户，配合核酸检测。' });
  const requestMs = performance.now() - started;
  const progress: NoticeBenchResult['progress'] = [];
  for (;;) {
    const p = await noticeProgress(ctx, notice.id);
    progress.push({ ms: Math.round(performance.now() - started), queued: p.queued, percent: p.percent });
    log(`${p.percent}% (${p.queued.toLocaleString()} households)`);
    if (p.status === 'delivered' || p.status === 'failed') break;
    if (performance.now() - started > 300_000) throw new Error('delivery did not finish in 5 minutes');
    await new Promise((r) => setTimeout(r, 250));
  }
  await settleDeliveries();
  const final = await noticeProgress(ctx, notice.id);
  const deliverSeconds = (final.elapsedMs || performance.now() - started) / 1000;
  const t = performance.now();
  await unreachedHouseholds(ctx, notice.id, { page: 1, pageSize: 50 });
  const firstUnreachedPageMs = Math.round(performance.now() - t);
  const baselineSeconds = await baselineInsert(db, notice.id);
  return {
    households: final.queued,
    deliverSeconds: Math.round(deliverSeconds * 100) / 100,
    requestMs: Math.round(requestMs),
    householdsPerSecond: Math.round(final.queued / deliverSeconds),
    progress,
    firstUnreachedPageMs,
    baseline: { seconds: Math.round(baselineSeconds * 100) / 100, rowsPerSecond: Math.round(total / baselineSeconds) },
    ratioToBaseline: Math.round((deliverSeconds / baselineSeconds) * 10) / 10,
    target: { seconds: 60, met: final.status === 'delivered' && final.queued === total && deliverSeconds < 60 },
  };
}

/** A readable table of the result. */
export function noticeTable(r: NoticeBenchResult): string {
  const shown = r.progress.filter((p, i) => i === 0 || i === r.progress.length - 1 || i % Math.max(1, Math.ceil(r.progress.length / 8)) === 0);
  return [
    '| measurement | value |',
    '|---|---:|',
    `| households in the outbox | ${r.households.toLocaleString('en-US')} |`,
    `| sender's request answered | ${r.requestMs} ms |`,
    `| delivered to the outbox (target < ${r.target.seconds} s) | ${r.deliverSeconds} s (${r.householdsPerSecond.toLocaleString('en-US')} households/s) ${r.target.met ? '✓' : '✗'} |`,
    `| baseline: one INSERT … SELECT into an unlogged copy | ${r.baseline.seconds} s (${r.baseline.rowsPerSecond.toLocaleString('en-US')} rows/s) |`,
    `| delivery / baseline | ${r.ratioToBaseline}× |`,
    `| first page of households not reached | ${r.firstUnreachedPageMs} ms |`,
    `| progress the sender saw (${r.progress.length} polls) | ${shown.map((p) => `${(p.ms / 1000).toFixed(1)} s: ${p.percent} %`).join(' · ')} |`,
  ].join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const { openDatabase } = await import('../../server/platform/runtime.js');
  const { migrateToLatest } = await import('../../server/platform/db/migrate.js');
  const dataDir = path.resolve('.tmp', `bench-emergency-notice-${process.pid}`);
  const config = { ...loadConfig(), dataDir };
  const database = await openDatabase(config);
  try {
    await migrateToLatest(database.db);
    const result = await benchEmergencyNotice({ db: database.db, households: Number(process.argv[2] ?? 100_000), log: console.log });
    console.log(noticeTable(result));
    const out = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../results');
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, 'emergency-notice.json'), `${JSON.stringify({ at: new Date().toISOString(), ...result }, null, 2)}\n`);
    if (!result.target.met) process.exitCode = 1;
  } finally {
    await database.close();
    if (!config.databaseUrl) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
