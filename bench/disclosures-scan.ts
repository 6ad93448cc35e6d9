/**
 * Red-flag scan of 1,000 villages × 12 months (≈ 1.2 million ledger entries):
 * target under 30 s and under 500 MB.
 *
 *   import { benchDisclosuresScan } from './disclosures-scan.js';
 *   const result = await benchDisclosuresScan({ db });   // db: a migrated Kysely<Database> (it adds its own region 439901)
 *
 * Standalone: `npx tsx bench/disclosures-scan.ts [villages]` (a fresh embedded
 * PostgreSQL under .tmp/, or DATABASE_URL).
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { Db } from '../server/platform/db/database.js';
import { scanRegion } from '../server/modules/disclosures/flag-scan.js';
import '../server/modules/disclosures/tables.js';

export interface ScanBenchResult {
  villages: number;
  entries: number;
  generateSeconds: number;
  scanSeconds: number;
  peakRssMb: number;
  peakHeapMb: number;
  flagsOpen: number;
  targets: { seconds: number; memoryMb: number; met: boolean };
}

const COUNTY = '439901';

/** Builds the synthetic county in SQL (regions, funds, 12 monthly drafts and their entries per village). */
async function generate(db: Db, villages: number, perMonth: number): Promise<number> {
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
    where p.region_code like ${COUNTY + '%'}`.execute(db);
  await sql`analyze disclosure_entries`.execute(db);
  const n = await sql<{ n: number }>`select count(*)::int as n from disclosure_entries where region_code like ${COUNTY + '%'}`.execute(db);
  return n.rows[0].n;
}

export async function benchDisclosuresScan(options: { db: Db; villages?: number; entriesPerMonth?: number; log?: (m: string) => void }): Promise<ScanBenchResult> {
  const villages = options.villages ?? 1000;
  const log = options.log ?? (() => {});
  let t = performance.now();
  const entries = await generate(options.db, villages, options.entriesPerMonth ?? 100);
  const generateSeconds = (performance.now() - t) / 1000;
  log(`generated ${entries.toLocaleString()} entries in ${generateSeconds.toFixed(1)} s`);
  const codes = (await options.db.selectFrom('regions').select('code').where('code', 'like', `${COUNTY}%`).where('level', '=', 'village').orderBy('code').execute()).map((r) => r.code);
  global.gc?.();
  let peakRss = process.memoryUsage().rss;
  let peakHeap = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 50);
  t = performance.now();
  const stats = await scanRegion(options.db, codes, new Date('2026-03-01T00:00:00Z'));
  const scanSeconds = (performance.now() - t) / 1000;
  clearInterval(sampler);
  const peakRssMb = Math.round(peakRss / 1024 / 1024);
  return {
    villages: codes.length,
    entries: stats.entries,
    generateSeconds: Number(generateSeconds.toFixed(1)),
    scanSeconds: Number(scanSeconds.toFixed(1)),
    peakRssMb,
    peakHeapMb: Math.round(peakHeap / 1024 / 1024),
    flagsOpen: stats.open,
    targets: { seconds: 30, memoryMb: 500, met: scanSeconds < 30 && peakRssMb < 500 },
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const { openBenchDatabase } = await import('./disclosures-read.js');
  const database = await openBenchDatabase('scan');
  try {
    const result = await benchDisclosuresScan({ db: database.db, villages: Number(process.argv[2] ?? 1000), log: console.log });
    console.log(JSON.stringify(result, null, 2));
    fs.mkdirSync(path.join(path.dirname(new URL(import.meta.url).pathname), 'results'), { recursive: true });
    if (!result.targets.met) process.exitCode = 1;
  } finally {
    await database.close();
  }
}
