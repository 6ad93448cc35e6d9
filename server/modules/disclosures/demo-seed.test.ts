import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import { seedRegionsDemo } from '../regions/demo-seed.js';
import { seedPeopleDemo } from '../people/demo-seed.js';
import { seedDisclosuresDemo } from './demo-seed.js';
import { verifyVillageChain } from './chain.js';
import { CADRE_RELATIVE, SHUANGJIANG, WANGJIAZHOU } from './demo-data.js';
import { api } from './test-helpers.js';

let t: TestApp;
let seconds = 0;
before(async () => {
  t = await createTestApp();
  await seedRegionsDemo(t.ctx());
  await seedPeopleDemo(t.ctx());
  const started = Date.now();
  await seedDisclosuresDemo(t.ctx());
  seconds = (Date.now() - started) / 1000;
  console.log(`disclosures demo seed: ${seconds.toFixed(1)} s`);
});
after(() => t.close());

test('the demo seed publishes a year for 双江村, 王家洲村 and 汆溪村 and months for every village of 渌口区, chained intact', async () => {
  const villages = await t.db.selectFrom('disclosure_chain_heads').select(['region_code', 'seq']).execute();
  assert.ok(villages.length >= 139, `${villages.length} villages`);
  assert.equal(villages.find((v) => v.region_code === WANGJIAZHOU)!.seq, 12);
  for (const code of [SHUANGJIANG, WANGJIAZHOU, '430281102201', villages[5].region_code]) assert.equal((await verifyVillageChain(t.db, code)).intact, true, code);
  // Timing is reported, not asserted (benchmarks measure speed; tests share the CPU).
  console.log(`# disclosures demo seeded in ${seconds} s`);
});

test('seed 001’s water fund is flagged in 双江村; 王家洲村’s decided project is not', async () => {
  const flags = await t.db.selectFrom('disclosure_flags').select(['region_code', 'rule', 'params']).where('status', '=', 'open').execute();
  const sj = flags.filter((f) => f.region_code === SHUANGJIANG).map((f) => f.rule);
  for (const rule of ['fund_diverted', 'approved_gap', 'major_without_decision', 'cash_over_limit', 'late_publication', 'relative_beneficiary']) assert.ok(sj.includes(rule), rule);
  const relative = flags.find((f) => f.region_code === SHUANGJIANG && f.rule === 'relative_beneficiary')!;
  assert.equal(relative.params.recipient, CADRE_RELATIVE.name);
  assert.equal(relative.params.cadre, '李卫东');
  assert.equal(relative.params.count, 6);
  const diverted = flags.find((f) => f.region_code === SHUANGJIANG && f.rule === 'fund_diverted')!;
  assert.equal(diverted.params.moved, '148,400.00');
  assert.deepEqual(flags.filter((f) => f.region_code === WANGJIAZHOU), []);
});

test('the demo is readable through the API: 双江村’s water fund to date and where its money went', async () => {
  const list = (await api(t).get(`/api/disclosures/villages/${SHUANGJIANG}/publications?pageSize=12`)).json();
  assert.equal(list.total, 12);
  const latest = (await api(t).get(`/api/disclosures/publications/${list.items[0].id}`)).json();
  assert.ok(latest.totals.entryCount > 5);
  const months = await Promise.all(list.items.map((p: { id: string }) => api(t).get(`/api/disclosures/publications/${p.id}`).then((r) => r.json())));
  const water = months.flatMap((m) => m.funds).filter((f: { code: string }) => f.code === 'SL');
  const last = water.sort((a: { toDate: { spentFen: number } }, b: { toDate: { spentFen: number } }) => b.toDate.spentFen - a.toDate.spentFen)[0];
  assert.equal(last.toDate.spentFen, 15_760_000);
  assert.deepEqual(last.toDate.movedOut.map((m: { name: string; amountFen: number }) => [m.name, m.amountFen]), [['道路拓宽工程', 14_840_000]]);
  assert.equal(last.approvedFen, 30_600_000);
  // The 低保 recipient in the secretary's household is paid in the public ledger, under a masked name.
  const entries = await api(t).get(`/api/disclosures/publications/${list.items[0].id}/entries?pageSize=100`);
  assert.equal(entries.statusCode, 200, entries.body);
  assert.ok(!entries.body.includes(CADRE_RELATIVE.name), 'recipient names are masked in public');
  assert.ok(entries.json().items.some((e: { counterparty: string; purpose: string }) => e.purpose === '城乡低保金' && e.counterparty.startsWith('李')));
});
