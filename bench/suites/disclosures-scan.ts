/**
 * Red-flag scan of 1,000 villages × 12 months (≈ 1.2 million ledger entries):
 * target under 30 s and under 500 MB. Baseline in the same run: reading
 * every entry into Node. Also times a re-scan (nothing changed: every flag
 * must stay as it is).
 *
 *   node --import tsx bench/suites/disclosures-scan.ts [villages]
 *
 * A fresh embedded PostgreSQL under .tmp/ with the demo data (or
 * DATABASE_URL); it adds its own county 439901. BENCH_KEEP_DB=1 keeps the
 * database and its generated ledgers between runs (profiling; a database
 * kept from before migration 2008 is rewritten once when it is opened, adding
 * the entries' normalised keys). Writes
 * bench/results/disclosures-scan.json; exits non-zero when a target is missed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import type { Db } from '../../server/platform/db/database.js';
import { scanRegion } from '../../server/modules/disclosures/flag-scan.js';
import '../../server/modules/disclosures/tables.js';

export interface ScanBenchResult {
  villages: number;
  entries: number;
  generateSeconds: number;
  baselineSeconds: number;
  baselinePeakRssMb: number;
  scanSeconds: number;
  ratioToBaseline: number;
  scanNodeCpuSeconds: number;
  rescanSeconds: number;
  peakRssMb: number;
  peakHeapMb: number;
  maxRssMb: number;
  flagsOpen: number;
  flagsAfterRescan: number;
  loadAverage: number[];
  targets: { seconds: number; memoryMb: number; met: boolean };
}

const COUNTY = '439901';

/** Builds the synthetic county in SQL (regions, funds, 12 monthly drafts and their entries per village). */
async function generate(db: Db, villages: number, perMonth: number): Promise<number> {
  if (process.env.BENCH_KEEP_DB === '1') {
    // Profiling runs reuse the generated ledgers; only the flags start afresh.
    const have = await sql<{ n: number }>`select count(*)::int as n from disclosure_entries where region_code like ${COUNTY + '%'}`.execute(db);
    if (have.rows[0].n === villages * 12 * perMonth) {
      await sql`delete from disclosure_flag_events where flag_id in (select id from disclosure_flags where region_code like ${COUNTY + '%'})`.execute(db);
      await sql`delete from disclosure_flags where region_code like ${COUNTY + '%'}`.execute(db);
      return have.rows[0].n;
    }
  }
  await sql`delete from disclosure_flag_events where flag_id in (select id from disclosure_flags where region_code like ${COUNTY + '%'})`.execute(db);
  await sql`delete from disclosure_flags where region_code like ${COUNTY + '%'}`.execute(db);
  await sql`delete from disclosure_entries where region_code like ${COUNTY + '%'}`.execute(db);
  await sql`delete from disclosure_publications where region_code like ${COUNTY + '%'}`.execute(db);
  await sql`delete from disclosure_funds where region_code like ${COUNTY + '%'}`.execute(db);
  await sql`insert into regions (code, name, level, kind, parent_code, prefix) values
      ('430000000000', '湖南省', 'province', '省', null, '43'),
      ('439900000000', '基准市', 'city', '市', '430000000000', '4399'),
      (${COUNTY + '000000'}, '基准县', 'county', '县', '439900000000', ${COUNTY})
    on conflict (code) do nothing`.execute(db);
  const towns = Math.ceil(villages / 100);
  await sql`insert into regions (code, name, level, kind, parent_code, prefix)
    select ${COUNTY} || lpad(t::text, 3, '0') || '000', '基准镇' || t, 'township', '镇', ${COUNTY + '000000'}, ${COUNTY} || lpad(t::text, 3, '0')
    from generate_series(1, ${towns}) t on conflict (code) do nothing`.execute(db);
  await sql`insert into regions (code, name, level, kind, parent_code, prefix)
    select ${COUNTY} || lpad((1 + v / 100)::text, 3, '0') || lpad((200 + v % 100)::text, 3, '0'), '基准村' || v, 'village', '村',
           ${COUNTY} || lpad((1 + v / 100)::text, 3, '0') || '000', ${COUNTY} || lpad((1 + v / 100)::text, 3, '0') || lpad((200 + v % 100)::text, 3, '0')
    from generate_series(0, ${villages - 1}) v on conflict (code) do nothing`.execute(db);
  await sql`insert into disclosure_funds (region_code, county_code, code, name, kind, purpose, approved_fen, status)
    select r.code, ${COUNTY}, f.code, f.name, f.kind, '', f.approved, f.status
    from regions r cross join (values ('JF', '村级经费', 'general', 0, 'open'), ('DB', '低保资金', 'livelihood', 0, 'open'),
      ('SL', '水利专项', 'special', 30600000, 'completed'), ('DL', '道路工程', 'project', 0, 'open'), ('ZC', '集体收益', 'general', 0, 'open')) as f(code, name, kind, approved, status)
    where r.code like ${COUNTY + '%'} and r.level = 'village'`.execute(db);
  await sql`insert into disclosure_publications (series_id, region_code, county_code, period, kind, version, title, status, due_on, created_at, updated_at)
    select gen_random_uuid(), r.code, ${COUNTY}, p.period, 'finance', 1, p.period || ' 财务公开', 'draft', (to_date(p.period, 'YYYY-MM') + interval '1 month 14 days')::date, now(), now()
    from regions r cross join (select to_char(date '2025-01-01' + (m || ' month')::interval, 'YYYY-MM') as period from generate_series(0, 11) m) p
    where r.code like ${COUNTY + '%'} and r.level = 'village'`.execute(db);
  // Entries: mostly ordinary bills; a few cash payments over the limit, split payments, reused vouchers and a diverted special fund.
  await sql`update disclosure_publications set series_id = id where region_code like ${COUNTY + '%'}`.execute(db);
  await sql`
    insert into disclosure_entries (publication_id, region_code, county_code, seq, entry_date, voucher_no, direction, amount_fen, counterparty,
      counterparty_kind, counterparty_salt, purpose, fund_id, to_fund_id, payment_method)
    select p.id, p.region_code, ${COUNTY}, i, (p.period || '-' || lpad((1 + i % 28)::text, 2, '0'))::date,
           case when i = 1 and p.period = '2025-02' then '记-2025-01-1' else '记-' || p.period || '-' || i end,
           case when i % 10 = 0 then 'income' else 'expense' end,
           case when i % 97 = 0 then 800000 when i % 41 = 0 then 400000 else 1000 + (hashtext(p.id::text || i) & 65535) end,
           case when i % 41 = 0 then '张记建材' else '供应商' || (i % 37) end,
           'organisation', md5(p.id::text || i), '支出' || i,
           case when i % 10 = 0 then f_jf.id when i % 53 = 0 then f_sl.id else f_jf.id end,
           case when i % 53 = 0 and i % 10 <> 0 then f_dl.id else null end,
           case when i % 97 = 0 then 'cash' else 'bank' end
    from disclosure_publications p
    join disclosure_funds f_jf on f_jf.region_code = p.region_code and f_jf.code = 'JF'
    join disclosure_funds f_sl on f_sl.region_code = p.region_code and f_sl.code = 'SL'
    join disclosure_funds f_dl on f_dl.region_code = p.region_code and f_dl.code = 'DL'
    cross join generate_series(1, ${perMonth}) i
    where p.region_code like ${COUNTY + '%'}
    order by p.id, i`.execute(db); // stored publication by publication, as imports write them
  await sql`analyze disclosure_entries`.execute(db);
  const n = await sql<{ n: number }>`select count(*)::int as n from disclosure_entries where region_code like ${COUNTY + '%'}`.execute(db);
  return n.rows[0].n;
}

/**
 * Baseline, same run: stream every entry of the county into Node in the same
 * batches of villages, doing nothing with them — the floor of a scan that
 * runs its rules over whole ledgers in Node (how the scan worked before the
 * SQL narrowing of repo-scan.ts).
 */
async function readAllEntries(db: Db, codes: string[]): Promise<number> {
  let n = 0;
  for (let i = 0; i < codes.length; i += 100) {
    const res = await sql<{ id: string }>`
      select e.id, e.publication_id, e.region_code, p.kind, p.period, e.entry_date::text as entry_date, e.voucher_no, e.direction, e.amount_fen,
             e.counterparty, e.counterparty_kind, e.fund_id, e.to_fund_id, e.payment_method, e.decision_id
      from disclosure_publications p join disclosure_entries e on e.publication_id = p.id
      where p.region_code = any(${codes.slice(i, i + 100)}::text[])`.execute(db);
    n += res.rows.length;
  }
  return n;
}

function memorySampler() {
  global.gc?.();
  let peakRss = process.memoryUsage().rss;
  let peakHeap = process.memoryUsage().heapUsed;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 50);
  return () => {
    clearInterval(timer);
    return { peakRssMb: Math.round(peakRss / 1024 / 1024), peakHeapMb: Math.round(peakHeap / 1024 / 1024) };
  };
}

export async function benchDisclosuresScan(options: { db: Db; villages?: number; entriesPerMonth?: number; log?: (m: string) => void }): Promise<ScanBenchResult> {
  const villages = options.villages ?? 1000;
  const log = options.log ?? (() => {});
  let t = performance.now();
  const entries = await generate(options.db, villages, options.entriesPerMonth ?? 100);
  const generateSeconds = (performance.now() - t) / 1000;
  log(`generated ${entries.toLocaleString()} entries in ${generateSeconds.toFixed(1)} s`);
  const codes = (await options.db.selectFrom('regions').select('code').where('code', 'like', `${COUNTY}%`).where('level', '=', 'village').orderBy('code').execute()).map((r) => r.code);

  let stop = memorySampler();
  const cpu0 = process.cpuUsage();
  t = performance.now();
  const stats = await scanRegion(options.db, codes, new Date('2026-03-01T00:00:00Z'));
  const scanSeconds = (performance.now() - t) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const { peakRssMb, peakHeapMb } = stop();
  const maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024); // the process's high-water mark up to the end of the scan
  t = performance.now();
  const again = await scanRegion(options.db, codes, new Date('2026-03-01T00:00:00Z'));
  const rescanSeconds = (performance.now() - t) / 1000;
  // The baseline last: its whole-ledger reads would otherwise inflate the scan's RSS.
  stop = memorySampler();
  t = performance.now();
  const read = await readAllEntries(options.db, codes);
  const baselineSeconds = (performance.now() - t) / 1000;
  const baselineMemory = stop();
  log(`baseline: read ${read.toLocaleString()} entries in ${baselineSeconds.toFixed(1)} s`);

  return {
    villages: codes.length,
    entries: stats.entries,
    generateSeconds: Number(generateSeconds.toFixed(1)),
    baselineSeconds: Number(baselineSeconds.toFixed(1)),
    baselinePeakRssMb: baselineMemory.peakRssMb,
    scanSeconds: Number(scanSeconds.toFixed(1)),
    ratioToBaseline: Number((scanSeconds / baselineSeconds).toFixed(2)),
    scanNodeCpuSeconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(1)),
    rescanSeconds: Number(rescanSeconds.toFixed(1)),
    peakRssMb,
    peakHeapMb,
    maxRssMb,
    flagsOpen: stats.open,
    flagsAfterRescan: again.open,
    loadAverage: os.loadavg().map((x) => Number(x.toFixed(1))),
    targets: { seconds: 30, memoryMb: 500, met: scanSeconds < 30 && maxRssMb < 500 },
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const { openBenchDatabase } = await import('./disclosures-read.js');
  const database = await openBenchDatabase('scan');
  try {
    const result = await benchDisclosuresScan({ db: database.db, villages: Number(process.argv[2] ?? 1000), log: console.log });
    console.table({
      'baseline: read every entry into Node': { seconds: result.baselineSeconds, 'peak RSS MB': result.baselinePeakRssMb, ratio: 1 },
      'red-flag scan (first, all flags new)': { seconds: result.scanSeconds, 'peak RSS MB': result.peakRssMb, ratio: result.ratioToBaseline },
      're-scan (flags unchanged)': { seconds: result.rescanSeconds, 'peak RSS MB': null, ratio: Number((result.rescanSeconds / result.baselineSeconds).toFixed(2)) },
    });
    console.log(JSON.stringify(result, null, 2));
    const out = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'results');
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, 'disclosures-scan.json'), `${JSON.stringify({ at: new Date().toISOString(), machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model }, ...result }, null, 2)}\n`);
    if (!result.targets.met || result.flagsAfterRescan !== result.flagsOpen) process.exitCode = 1;
  } finally {
    await database.close();
  }
}
