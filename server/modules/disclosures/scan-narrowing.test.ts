import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import { buildWorld, cadreHousehold, draft, makeFunds, V, type World } from './test-helpers.js';
import { findingsFor } from './flag-scan.js';
import { scanLedger, type Finding, type RuleEntry } from './flag-rules.js';
import * as funds from './repo-funds.js';
import { settingsOf } from './settings.js';

/**
 * The scan narrows ledgers in SQL before the rules run (repo-scan.ts). This
 * proves the narrowing loses nothing: on random ledgers full of edge cases —
 * amounts around every threshold, voucher numbers differing only in case or
 * (Unicode) spaces, the same payment in two publications under different
 * counterparties, payments to a cadre's relative — the rules over the
 * narrowed entries find exactly what they find over the whole ledger.
 */
let t: TestApp;
let w: World;
let f: Record<string, string>;

before(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  f = await makeFunds(t, w.people.cadreA, V.villageA, [
    { code: 'SL', name: '水利专项', kind: 'special', approvedFen: 30_600_000 },
    { code: 'DL', name: '道路工程', kind: 'project' },
    { code: 'JF', name: '村级经费', kind: 'general' },
    { code: 'DB', name: '低保资金', kind: 'livelihood' },
    { code: 'WC', name: '已完工程', kind: 'project', approvedFen: 2_000_000 },
  ]);
  await t.db.updateTable('disclosure_funds').set({ status: 'completed' }).where('id', 'in', [f.SL, f.WC]).execute();
  await cadreHousehold(t, w.ids.cadreA, V.villageA, '李老汉');
});
after(() => t.close());

/** A small deterministic generator (mulberry32). */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every entry of the village's latest versions, unfiltered: what the rules saw before the narrowing. */
async function wholeLedger(): Promise<RuleEntry[]> {
  const res = await sql<RuleEntry>`
    with ranked as (
      select p.id, p.kind, p.period, row_number() over (partition by p.series_id order by (p.status = 'published') desc, p.version desc) as rn
      from disclosure_publications p where p.region_code = ${V.villageA}
    )
    select e.id, e.publication_id, r.kind, r.period, e.entry_date::text as entry_date, e.voucher_no, e.direction, e.amount_fen, e.counterparty,
           e.counterparty_kind, e.fund_id, e.to_fund_id, e.payment_method, e.decision_id
    from ranked r join disclosure_entries e on e.publication_id = r.id
    where r.rn = 1
    order by r.period, r.kind, e.publication_id, e.seq`.execute(t.db);
  return res.rows;
}

const key = (x: Finding) => JSON.stringify([x.fingerprint, [...x.entryIds].sort(), x.params, x.publicationId, x.fundId, x.period]);

for (const seed of [1, 2, 3]) {
  test(`narrowed and whole ledgers give the same findings (random ledger ${seed})`, async () => {
    await t.db.deleteFrom('disclosure_entries').execute();
    await t.db.deleteFrom('disclosure_publications').execute();
    const rnd = random(seed);
    const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
    const pubs: { id: string; period: string }[] = [];
    for (const period of ['2026-05', '2026-06', '2026-07']) {
      pubs.push({ id: await draft(t, w.people.cadreA, V.villageA, period), period });
      pubs.push({ id: await draft(t, w.people.cadreA, V.villageA, period, 'projects', `${period} 项目公开`), period });
      pubs.push({ id: await draft(t, w.people.cadreA, V.villageA, period, 'livelihood', `${period} 惠民资金公开`), period });
    }
    const parties = ['张记建材', '张记 建材', '兴农公司', '李老汉', '李\u3000老汉', '王五', '', '  '];
    const vouchers = ['记-1', '记 -1', 'JI-1', 'ji-1', '记-2', '记-3', '记\u00a0-3'];
    const amounts = [100, 99_999, 100_000, 300_000, 400_000, 499_999, 500_000, 500_001, 999_999, 1_000_000, 4_999_999, 5_000_000, 6_000_000];
    const fundIds = Object.values(f);
    const rows = [];
    let seq = 0;
    for (let i = 0; i < 400; i++) {
      const pub = pick(pubs);
      const fund = pick(fundIds);
      const to = rnd() < 0.1 ? pick(fundIds.filter((x) => x !== fund)) : null;
      const direction = to && rnd() < 0.3 ? 'transfer' : rnd() < 0.15 ? 'income' : 'expense';
      const counterparty = pick(parties);
      rows.push({
        publication_id: pub.id,
        region_code: V.villageA,
        county_code: V.villageA.slice(0, 6),
        seq: ++seq,
        entry_date: `${pub.period}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`,
        voucher_no: rnd() < 0.5 ? pick(vouchers) : `记-${i}`,
        direction,
        amount_fen: pick(amounts),
        counterparty,
        counterparty_kind: counterparty.includes('老汉') || counterparty === '王五' ? 'person' : 'organisation',
        counterparty_salt: String(i),
        purpose: '测试',
        fund_id: fund,
        to_fund_id: direction === 'transfer' ? to : rnd() < 0.5 ? to : null,
        payment_method: rnd() < 0.3 ? 'cash' : 'bank',
      });
    }
    // The same payment in a month's finance ledger and a project disclosure, under different counterparties.
    for (const r of rows.slice(0, 40)) rows.push({ ...r, publication_id: pubs.find((p) => p.period === r.entry_date.slice(0, 7) && p.id !== r.publication_id)!.id, seq: ++seq, counterparty: pick(parties) });
    await t.db.insertInto('disclosure_entries').values(rows as never).execute();

    const entries = await wholeLedger();
    const [settings, fundRows, decisions, steps] = await Promise.all([settingsOf(t.db, [V.villageA]), funds.fundsIn(t.db, [V.villageA]), funds.decisionsIn(t.db, [V.villageA]), Promise.resolve(new Map())]);
    assert.equal(decisions.length, 0);
    assert.equal(steps.size, 0);
    const whole = scanLedger({
      entries,
      funds: fundRows,
      decisions: new Map(),
      cadreHouseholds: [{ cadreName: '李卫东', memberNames: ['李卫东', '李老汉'] }],
      settings: settings.get(V.villageA)!,
    });
    const { findings, entries: counted } = await findingsFor(t.db, [V.villageA], new Date('2026-08-01T00:00:00Z'));
    const narrowed = findings.get(V.villageA)!.filter((x) => x.rule !== 'late_publication' && x.rule !== 'missing_publication');
    assert.equal(counted, entries.length);
    assert.ok(whole.length >= 10, `the random ledger should raise many flags, got ${whole.length}`);
    for (const rule of ['split_payments', 'duplicate_voucher', 'cash_over_limit', 'relative_beneficiary', 'fund_diverted', 'major_without_decision']) {
      assert.ok(whole.some((x) => x.rule === rule), `no ${rule} in random ledger ${seed}`);
    }
    assert.deepEqual(narrowed.map(key).sort(), whole.map(key).sort());
  });
}
