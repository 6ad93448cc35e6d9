import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import { buildWorld, draft, makeFunds, V, type World } from './test-helpers.js';
import { findingsFor } from './flag-scan.js';
import { scanLedger, type Finding, type RuleEntry } from './flag-rules.js';
import * as funds from './repo-funds.js';
import { settingsOf } from './settings.js';

/**
 * The scan's SQL narrowing finds split-payment candidates with hash
 * aggregates over window-wide buckets of days (repo-scan.ts) instead of a
 * sliding ±window sum. These are the cases where that could go wrong:
 * clusters straddling a bucket edge, a month edge and two publications;
 * counterparties written with different (Unicode) spaces; a payment copied
 * into a project disclosure under another counterparty; buckets that reach
 * the threshold together although no window does; villages with different
 * windows in one batch; one counterparty paid in two villages. The rules over
 * the narrowed entries must find exactly what they find over the whole
 * ledgers.
 */
let t: TestApp;
let w: World;
const fundOf: Record<string, string> = {};

before(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  fundOf[V.villageA] = (await makeFunds(t, w.people.cadreA, V.villageA, [{ code: 'JF', name: '村级经费', kind: 'general' }])).JF;
  fundOf[V.villageB] = (await makeFunds(t, w.people.cadreB, V.villageB, [{ code: 'JF', name: '村级经费', kind: 'general' }])).JF;
  // 石泉村 looks at a 7-day window; 双江村 keeps the default 30 days.
  await t.db.insertInto('disclosure_settings').values({ region_code: V.villageB, split_window_days: 7 } as never).execute();
});
after(() => t.close());

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** The first day of a 30-day bucket (days counted from 2000-01-01, as repo-scan.ts does) in July 2026. */
const edge = (() => {
  const base = Date.UTC(2000, 0, 1);
  let d = Date.UTC(2026, 6, 1);
  while (Math.round((d - base) / DAY) % 30 !== 0) d += DAY;
  return d;
})();

async function wholeLedger(region: string): Promise<RuleEntry[]> {
  const res = await sql<RuleEntry>`
    with ranked as (
      select p.id, p.kind, p.period, row_number() over (partition by p.series_id order by (p.status = 'published') desc, p.version desc) as rn
      from disclosure_publications p where p.region_code = ${region}
    )
    select e.id, e.publication_id, r.kind, r.period, e.entry_date::text as entry_date, e.voucher_no, e.direction, e.amount_fen, e.counterparty,
           e.counterparty_kind, e.fund_id, e.to_fund_id, e.payment_method, e.decision_id
    from ranked r join disclosure_entries e on e.publication_id = r.id
    where r.rn = 1
    order by r.period, r.kind, e.publication_id, e.seq`.execute(t.db);
  return res.rows;
}

const key = (x: Finding) => JSON.stringify([x.fingerprint, [...x.entryIds].sort(), x.params, x.publicationId, x.fundId, x.period]);

test('split payments across bucket, month and publication edges are found exactly as on the whole ledgers', async () => {
  const pubs = new Map<string, string>();
  const pub = async (region: string, period: string, kind = 'finance') => {
    const k = `${region}|${period}|${kind}`;
    if (!pubs.has(k)) {
      const cadre = region === V.villageA ? w.people.cadreA : w.people.cadreB;
      pubs.set(k, await draft(t, cadre, region, period, kind, kind === 'finance' ? `${period} 财务公开` : `${period} 项目公开`));
    }
    return pubs.get(k)!;
  };
  let seq = 0;
  const rows: Record<string, unknown>[] = [];
  const pay = async (region: string, date: string, amount: number, counterparty: string, kind = 'finance', voucher = `记-${seq + 1}`) => {
    rows.push({
      publication_id: await pub(region, date.slice(0, 7), kind),
      region_code: region,
      county_code: region.slice(0, 6),
      seq: ++seq,
      entry_date: date,
      voucher_no: voucher,
      direction: 'expense',
      amount_fen: amount,
      counterparty,
      counterparty_kind: 'organisation',
      counterparty_salt: String(seq),
      purpose: '测试',
      fund_id: fundOf[region],
      to_fund_id: null,
      payment_method: 'bank',
    });
  };
  const A = V.villageA;
  const B = V.villageB;
  // Straddles a bucket edge: the day before it and the day it starts.
  await pay(A, iso(edge - DAY), 600_000, '张记建材');
  await pay(A, iso(edge), 600_000, '张记建材');
  // Straddles a month edge, so two monthly publications; June's payment is copied into a project disclosure under another name.
  await pay(A, '2026-06-30', 500_000, '兴农公司', 'finance', '记-630');
  await pay(A, '2026-07-01', 500_000, '兴农公司');
  await pay(A, '2026-06-30', 500_000, '别的公司', 'projects', '记-630');
  // One counterparty written three ways, across the edge.
  await pay(A, iso(edge - 2 * DAY), 400_000, '王 五');
  await pay(A, iso(edge + DAY), 400_000, '王五');
  await pay(A, iso(edge + 20 * DAY), 300_000, '王\u3000五');
  // Neighbouring buckets reach the threshold together, but the payments are 59 days apart: candidates, never a flag.
  await pay(A, iso(edge - 30 * DAY), 600_000, '远方公司');
  await pay(A, iso(edge + 29 * DAY), 600_000, '远方公司');
  // Nine days apart: a split in 双江村 (30 days), not in 石泉村 (7 days), scanned in one batch.
  await pay(A, '2026-09-01', 600_000, '九日公司');
  await pay(A, '2026-09-10', 600_000, '九日公司');
  await pay(B, '2026-09-01', 600_000, '九日公司');
  await pay(B, '2026-09-10', 600_000, '九日公司');
  // One counterparty paid once in each village: neither village has a split.
  await pay(A, '2026-10-10', 600_000, '跨村公司');
  await pay(B, '2026-10-12', 600_000, '跨村公司');
  // Ordinary small bills around them.
  for (let i = 0; i < 30; i++) await pay(i % 2 ? A : B, iso(edge - 40 * DAY + i * 3 * DAY), 10_000 + i, `供应商${i % 5}`);
  await t.db.insertInto('disclosure_entries').values(rows as never).execute();

  const settings = await settingsOf(t.db, [A, B]);
  assert.equal(settings.get(B)!.splitWindowDays, 7);
  const fundRows = await funds.fundsIn(t.db, [A, B]);
  const { findings, entries: counted } = await findingsFor(t.db, [A, B], new Date('2026-11-01T00:00:00Z'));
  let total = 0;
  const splits: Record<string, string[]> = {};
  for (const region of [A, B]) {
    const entries = await wholeLedger(region);
    total += entries.length;
    const whole = scanLedger({ entries, funds: fundRows.filter((f) => f.region_code === region), decisions: new Map(), cadreHouseholds: [], settings: settings.get(region)! });
    const narrowed = findings.get(region)!.filter((x) => x.rule !== 'late_publication' && x.rule !== 'missing_publication');
    assert.deepEqual(narrowed.map(key).sort(), whole.map(key).sort(), `village ${region}`);
    splits[region] = narrowed.filter((x) => x.rule === 'split_payments').map((x) => `${x.fingerprint}:${x.params.count}`).sort();
  }
  assert.equal(counted, total);
  assert.deepEqual(splits[A], [
    `split_payments:九日公司:2026-09-01:2`,
    `split_payments:兴农公司:2026-06-30:2`,
    `split_payments:张记建材:${iso(edge - DAY)}:2`,
    `split_payments:王五:${iso(edge - 2 * DAY)}:3`,
  ].sort());
  assert.deepEqual(splits[B], []);
});
