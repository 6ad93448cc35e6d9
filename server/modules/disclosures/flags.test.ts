import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import { api, buildWorld, cadreHousehold, draft, addEntries, makeFunds, publish, V, type World } from './test-helpers.js';

/**
 * Red flags, with seed 001's case: 双江村's 水利建设和美丽乡村建设项目 got
 * 306,000 yuan of special funds; 157,600 were used for it and the rest went
 * into road widening without a decision.
 */
let t: TestApp;
let w: World;
let a: ReturnType<typeof api>;
let f: Record<string, string>;
const flagsOf = async (region: string, who = w.people.supervisorA, q = '') =>
  (await a.get(`/api/disclosures/flags?region=${region}&pageSize=100${q}`, who)).json().items as { id: string; rule: string; status: string; explanation: string; entryCount: number }[];

before(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  a = api(t);
  f = await makeFunds(t, w.people.cadreA, V.villageA, [
    { code: 'SL', name: '水利建设和美丽乡村建设项目', kind: 'special', approvedFen: 30_600_000, purpose: '渠道硬化、山塘清淤' },
    { code: 'DL', name: '道路拓宽工程', kind: 'project' },
    { code: 'JF', name: '村级经费', kind: 'general' },
    { code: 'DB', name: '低保资金', kind: 'livelihood' },
  ]);
  await cadreHousehold(t, w.ids.cadreA, V.villageA, '李老汉');
  const july = await draft(t, w.people.cadreA, V.villageA, '2026-07');
  await addEntries(t, w.people.cadreA, july, [
    { entryDate: '2026-07-02', voucherNo: '记-07-001', direction: 'income', amountFen: 30_600_000, counterparty: '渌口区水利局', purpose: '水利专项资金拨付', fundId: f.SL },
    { entryDate: '2026-07-10', voucherNo: '记-07-002', direction: 'expense', amountFen: 8_000_000, counterparty: '株洲市兴农水利工程有限公司', purpose: '渠道硬化工程款', fundId: f.SL },
    { entryDate: '2026-07-20', voucherNo: '记-07-003', direction: 'expense', amountFen: 7_760_000, counterparty: '株洲市兴农水利工程有限公司', purpose: '山塘清淤工程款', fundId: f.SL },
    { entryDate: '2026-07-25', voucherNo: '记-07-004', direction: 'expense', amountFen: 9_000_000, counterparty: '渌口区路桥工程队', purpose: '村道拓宽工程款', fundId: f.SL, toFundId: f.DL },
    { entryDate: '2026-07-28', voucherNo: '记-07-005', direction: 'expense', amountFen: 5_840_000, counterparty: '渌口区路桥工程队', purpose: '村道拓宽工程尾款', fundId: f.SL, toFundId: f.DL },
    { entryDate: '2026-07-05', voucherNo: '记-07-006', direction: 'expense', amountFen: 400_000, counterparty: '张记建材', purpose: '水泥', fundId: f.JF },
    { entryDate: '2026-07-09', voucherNo: '记-07-007', direction: 'expense', amountFen: 400_000, counterparty: '张记建材', purpose: '水泥', fundId: f.JF },
    { entryDate: '2026-07-12', voucherNo: '记-07-008', direction: 'expense', amountFen: 400_000, counterparty: '张记建材', purpose: '砂石', fundId: f.JF },
    { entryDate: '2026-07-15', voucherNo: '记-07-009', direction: 'expense', amountFen: 800_000, counterparty: '朱亭农机站', purpose: '抽水机', fundId: f.JF, paymentMethod: 'cash' },
    { entryDate: '2026-07-16', voucherNo: '记-07-010', direction: 'expense', amountFen: 66_000, counterparty: '李老汉', purpose: '7月低保', fundId: f.DB },
  ]);
  // The water works are finished; nobody explains where the other 148,400 yuan went.
  assert.equal((await a.patch(`/api/disclosures/funds/${f.SL}`, w.people.cadreA, { status: 'completed' })).statusCode, 200);
  await publish(t, w.people.cadreA, w.people.supervisorA, july);
  const aug = await draft(t, w.people.cadreA, V.villageA, '2026-08');
  await addEntries(t, w.people.cadreA, aug, [
    { entryDate: '2026-08-03', voucherNo: '记-07-006', direction: 'expense', amountFen: 400_000, counterparty: '张记建材', purpose: '水泥（补）', fundId: f.JF },
  ]);
  await publish(t, w.people.cadreA, w.people.supervisorA, aug);
});
after(() => t.close());

describe('the red-flag rules', () => {
  test('双江村’s water fund is flagged: moved to road widening without a decision, and the approved-vs-actual gap is unexplained', async () => {
    const flags = await flagsOf(V.villageA);
    const diverted = flags.find((x) => x.rule === 'fund_diverted');
    assert.ok(diverted, JSON.stringify(flags.map((x) => x.rule)));
    assert.match(diverted.explanation, /水利建设和美丽乡村建设项目/);
    assert.match(diverted.explanation, /306,000\.00/);
    assert.match(diverted.explanation, /148,400\.00/);
    assert.match(diverted.explanation, /道路拓宽工程/);
    assert.equal(diverted.entryCount, 2);
    const gap = flags.find((x) => x.rule === 'approved_gap');
    assert.ok(gap);
    assert.match(gap.explanation, /157,600\.00/);
    assert.match(gap.explanation, /148,400\.00/);
    const major = flags.find((x) => x.rule === 'major_without_decision' && /「道路拓宽工程」/.test(x.explanation));
    assert.ok(major, 'road widening of 148,400 yuan has no 四议两公开 decision');
    assert.match(major.explanation, /148,400\.00/);
  });
  test('payments split under the approval threshold, cash over the limit, a reused voucher and 低保 in the cadre’s household are flagged', async () => {
    const flags = await flagsOf(V.villageA);
    const rule = (r: string) => flags.filter((x) => x.rule === r);
    assert.equal(rule('split_payments').length, 1);
    assert.match(rule('split_payments')[0].explanation, /张记建材/);
    assert.equal(rule('cash_over_limit').length, 1);
    assert.match(rule('cash_over_limit')[0].explanation, /8,000\.00/);
    assert.equal(rule('duplicate_voucher').length, 1);
    assert.match(rule('duplicate_voucher')[0].explanation, /记-07-006/);
    assert.equal(rule('relative_beneficiary').length, 1);
    assert.match(rule('relative_beneficiary')[0].explanation, /李老汉.*李卫东/);
  });
  test('a publication after its due day is flagged late; a month never published is flagged missing', async () => {
    const flags = await flagsOf(V.villageA);
    assert.ok(flags.some((x) => x.rule === 'late_publication' && /2026-07/.test(x.explanation)));
    assert.ok(flags.some((x) => x.rule === 'missing_publication' && /2026-09/.test(x.explanation)), 'September was due on 15 October');
  });
  test('a village with clean books has no ledger flags', async () => {
    const funds = (await a.get(`/api/disclosures/villages/${V.villageB}/funds`)).json().items;
    assert.equal(funds.length, 0);
    assert.deepEqual(await flagsOf(V.villageB, w.people.supervisorB), []);
  });
});

describe('GET /api/disclosures/flags', () => {
  test('401 signed out; 400 without or with a bad region', async () => {
    assert.equal((await a.get(`/api/disclosures/flags?region=${V.villageA}`)).statusCode, 401);
    assert.equal((await a.get('/api/disclosures/flags', w.people.supervisorA)).statusCode, 400);
    assert.equal((await a.get('/api/disclosures/flags?region=43', w.people.supervisorA)).json().error.field, 'region');
  });
  test('403 for residents, the cadres concerned, township officials and other places’ supervisors and inspectors', async () => {
    for (const who of ['residentA', 'cadreA', 'township', 'supervisorB', 'inspectorOther', 'outsider'] as const) {
      assert.equal((await a.get(`/api/disclosures/flags?region=${V.villageA}`, w.people[who])).statusCode, 403, who);
    }
  });
  test('the village’s committee, the township’s discipline inspectors and admins see them; the inspector for the whole township', async () => {
    assert.ok((await flagsOf(V.villageA, w.people.supervisorA)).length > 0);
    assert.ok((await flagsOf(V.township, w.people.inspector)).length > 0);
    assert.ok((await flagsOf(V.villageA, w.people.admin)).length > 0);
    assert.equal((await a.get(`/api/disclosures/flags?region=${V.township}`, w.people.supervisorA)).statusCode, 403);
  });
});

describe('one flag: entries, dismissal with a reason, history', () => {
  let id: string;
  before(async () => {
    id = (await flagsOf(V.villageA)).find((x) => x.rule === 'cash_over_limit')!.id;
  });
  test('404 for those who may not see flags (its existence is not told), 400 for a bad id', async () => {
    assert.equal((await a.get(`/api/disclosures/flags/${id}`)).statusCode, 401);
    assert.equal((await a.get('/api/disclosures/flags/x', w.people.supervisorA)).statusCode, 400);
    for (const who of ['cadreA', 'residentA', 'township'] as const) assert.equal((await a.get(`/api/disclosures/flags/${id}`, w.people[who])).statusCode, 404, who);
  });
  test('shows the entries behind it', async () => {
    const flag = (await a.get(`/api/disclosures/flags/${id}`, w.people.inspector)).json();
    assert.equal(flag.entries.length, 1);
    assert.equal(flag.entries[0].voucherNo, '记-07-009');
    assert.equal(flag.history[0].action, 'detected');
  });
  test('dismissal needs a reason, is for the committee and inspectors (not admins), and is kept through re-scans', async () => {
    assert.equal((await a.post(`/api/disclosures/flags/${id}/dismiss`, w.people.supervisorA, { reason: '' })).statusCode, 400);
    assert.equal((await a.post(`/api/disclosures/flags/${id}/dismiss`, w.people.admin, { reason: '看过了' })).statusCode, 403);
    const res = await a.post(`/api/disclosures/flags/${id}/dismiss`, w.people.supervisorA, { reason: '农机站只收现金，已补开发票' });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().status, 'dismissed');
    assert.equal((await a.post(`/api/disclosures/flags/${id}/dismiss`, w.people.supervisorA, { reason: '再次' })).statusCode, 409);
    assert.equal((await a.post(`/api/disclosures/flags/scan?region=${V.township}`, w.people.inspector)).statusCode, 200);
    const again = (await a.get(`/api/disclosures/flags/${id}`, w.people.inspector)).json();
    assert.equal(again.status, 'dismissed');
    assert.deepEqual(again.history.map((h: { action: string }) => h.action), ['detected', 'dismissed']);
    assert.equal(again.history[1].reason, '农机站只收现金，已补开发票');
    assert.equal(again.history[1].actor, '谭秋莲');
    const reopened = await a.post(`/api/disclosures/flags/${id}/reopen`, w.people.inspector, { reason: '发票日期对不上' });
    assert.equal(reopened.json().status, 'open');
  });
  test('explaining the gap resolves that flag on the next scan; rescanning is for inspectors and admins only', async () => {
    assert.equal((await a.post(`/api/disclosures/flags/scan?region=${V.villageA}`, w.people.cadreA)).statusCode, 403);
    await a.patch(`/api/disclosures/funds/${f.SL}`, w.people.cadreA, { gapExplanation: '结余 14.84 万元经村民代表会议同意用于村道拓宽（见决议）' });
    const stats = (await a.post(`/api/disclosures/flags/scan?region=${V.villageA}`, w.people.admin)).json();
    assert.ok(stats.resolved >= 1);
    const gap = (await flagsOf(V.villageA, w.people.supervisorA, '&rule=approved_gap'))[0];
    assert.equal(gap.status, 'resolved');
  });
});
