import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import { api, buildWorld, draft, makeFunds, publish, upload, V, type World } from './test-helpers.js';

/** Ledger entries, receipts, funds, 四议两公开 decisions and the saved import mapping. */
let t: TestApp;
let w: World;
let a: ReturnType<typeof api>;
let f: Record<string, string>;
let pub: string;
const NO_SUCH = '00000000-0000-4000-8000-000000000000';
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da636460f80f0000010101005bd5b3a40000000049454e44ae426082', 'hex');

before(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  a = api(t);
  f = await makeFunds(t, w.people.cadreA, V.villageA, [
    { code: 'JF', name: '村级经费', kind: 'general' },
    { code: 'DL', name: '道路拓宽工程', kind: 'project' },
  ]);
  pub = await draft(t, w.people.cadreA, V.villageA, '2026-10');
});
after(() => t.close());

const entry = (extra: Record<string, unknown> = {}) => ({ entryDate: '2026-10-09', voucherNo: '记-10-001', direction: 'expense', amountFen: 35_680, counterparty: '国网朱亭供电所', purpose: '电费', fundId: f.JF, ...extra });

describe('ledger entries', () => {
  let id: string;
  test('401, 403 (committee, other village), 404 (unknown publication)', async () => {
    assert.equal((await a.post(`/api/disclosures/publications/${pub}/entries`, undefined, entry())).statusCode, 401);
    assert.equal((await a.post(`/api/disclosures/publications/${pub}/entries`, w.people.supervisorA, entry())).statusCode, 403);
    assert.equal((await a.post(`/api/disclosures/publications/${pub}/entries`, w.people.cadreB, entry())).statusCode, 404);
    assert.equal((await a.post(`/api/disclosures/publications/${NO_SUCH}/entries`, w.people.cadreA, entry())).statusCode, 404);
  });
  test('400 naming the field: a float amount, zero, a date outside the month, a transfer without target, another village’s fund', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [entry({ amountFen: 356.8 }), 'amountFen'],
      [entry({ amountFen: 0 }), 'amountFen'],
      [entry({ entryDate: '2026-09-30' }), 'entryDate'],
      [entry({ entryDate: '2026-10-32' }), 'entryDate'],
      [entry({ direction: 'transfer' }), 'toFundId'],
      [entry({ toFundId: f.JF }), 'toFundId'],
      [entry({ fundId: NO_SUCH }), 'fundId'],
      [entry({ decisionId: NO_SUCH }), 'decisionId'],
      [entry({ purpose: ' ' }), 'purpose'],
    ];
    for (const [body, field] of cases) {
      const res = await a.post(`/api/disclosures/publications/${pub}/entries`, w.people.cadreA, body);
      assert.equal(res.statusCode, 400, JSON.stringify(body));
      assert.equal(res.json().error.field, field, JSON.stringify(body));
    }
  });
  test('added in fen; a second entry with the same voucher is a 409', async () => {
    const res = await a.post(`/api/disclosures/publications/${pub}/entries`, w.people.cadreA, entry());
    assert.equal(res.statusCode, 201, res.body);
    id = res.json().id;
    assert.equal(res.json().amountFen, 35_680);
    assert.equal(res.json().counterpartyKind, 'organisation');
    assert.equal((await a.post(`/api/disclosures/publications/${pub}/entries`, w.people.cadreA, entry())).statusCode, 409);
  });
  test('patched and deleted by the cadre only; 404 for an unknown entry', async () => {
    assert.equal((await a.patch(`/api/disclosures/entries/${id}`, w.people.cadreA, {})).statusCode, 400);
    assert.equal((await a.patch(`/api/disclosures/entries/${id}`, w.people.supervisorA, { amountFen: 1 })).statusCode, 403);
    assert.equal((await a.patch(`/api/disclosures/entries/${NO_SUCH}`, w.people.cadreA, { amountFen: 1 })).statusCode, 404);
    const res = await a.patch(`/api/disclosures/entries/${id}`, w.people.cadreA, { amountFen: 35_690, toFundId: f.DL });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().toFund.name, '道路拓宽工程');
    const extra = (await a.post(`/api/disclosures/publications/${pub}/entries`, w.people.cadreA, entry({ voucherNo: '记-10-009' }))).json().id;
    assert.equal((await a.del(`/api/disclosures/entries/${extra}`, w.people.residentA)).statusCode, 404);
    assert.equal((await a.del(`/api/disclosures/entries/${extra}`, w.people.cadreA)).statusCode, 204);
    assert.equal((await a.del(`/api/disclosures/entries/${extra}`, w.people.cadreA)).statusCode, 404);
  });
  test('a receipt (image or PDF, type read from the bytes) is attached, and readable by the public once published', async () => {
    assert.equal((await upload(t, `/api/disclosures/entries/${id}/attachments`, undefined, { name: 'r.png', bytes: PNG })).statusCode, 401);
    const bad = await upload(t, `/api/disclosures/entries/${id}/attachments`, w.people.cadreA, { name: 'r.png', bytes: Buffer.from('not an image') });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.field, 'file');
    const res = await upload(t, `/api/disclosures/entries/${id}/attachments`, w.people.cadreA, { name: '电费发票.png', bytes: PNG });
    assert.equal(res.statusCode, 201, res.body);
    const att = res.json().attachments[0];
    assert.equal(att.contentType, 'image/png');
    const pdf = await upload(t, `/api/disclosures/entries/${id}/attachments`, w.people.cadreA, { name: '合同.pdf', bytes: Buffer.from('%PDF-1.4\n%%EOF') });
    assert.equal(pdf.json().attachments[1].contentType, 'application/pdf');
    assert.equal((await a.get(`/api/disclosures/entries/${id}/attachments/${att.id}`)).statusCode, 404, 'not public while a draft');
    await publish(t, w.people.cadreA, w.people.supervisorA, pub);
    const got = await a.get(`/api/disclosures/entries/${id}/attachments/${att.id}`);
    assert.equal(got.statusCode, 200);
    assert.equal(got.headers['content-type'], 'image/png');
    assert.deepEqual(got.rawPayload, PNG);
    assert.equal((await a.get(`/api/disclosures/entries/${id}/attachments/${NO_SUCH}`)).statusCode, 404);
    assert.equal((await upload(t, `/api/disclosures/entries/${id}/attachments`, w.people.cadreA, { name: 'r.png', bytes: PNG })).statusCode, 409);
  });
});

describe('funds and decisions', () => {
  test('funds: public list; 401/400/403/409 on create; 404 on patch', async () => {
    assert.equal((await a.get(`/api/disclosures/villages/${V.villageA}/funds`)).json().items.length, 2);
    const body = { code: 'SL', name: '水利建设项目', kind: 'special', approvedFen: 30_600_000, approvalDocument: '渌财农〔2026〕18号' };
    assert.equal((await a.post(`/api/disclosures/villages/${V.villageA}/funds`, undefined, body)).statusCode, 401);
    assert.equal((await a.post(`/api/disclosures/villages/${V.villageA}/funds`, w.people.cadreA, { ...body, kind: 'slush' })).json().error.field, 'kind');
    assert.equal((await a.post(`/api/disclosures/villages/${V.villageA}/funds`, w.people.cadreA, { ...body, approvedFen: 1.5 })).json().error.field, 'approvedFen');
    assert.equal((await a.post(`/api/disclosures/villages/${V.villageA}/funds`, w.people.township, body)).statusCode, 403);
    assert.equal((await a.post(`/api/disclosures/villages/${V.villageA}/funds`, w.people.cadreA, body)).statusCode, 201);
    assert.equal((await a.post(`/api/disclosures/villages/${V.villageA}/funds`, w.people.cadreA, { ...body, name: '别的' })).json().error.field, 'code');
    assert.equal((await a.patch(`/api/disclosures/funds/${NO_SUCH}`, w.people.cadreA, { status: 'completed' })).statusCode, 404);
    assert.equal((await a.patch(`/api/disclosures/funds/${f.DL}`, w.people.cadreB, { status: 'completed' })).statusCode, 403);
  });
  test('a decision’s 四议两公开 steps: incomplete until every step before spending is recorded and the party members’ meeting is quorate', async () => {
    assert.equal((await a.post(`/api/disclosures/villages/${V.villageA}/decisions`, w.people.residentA, { title: '道路拓宽' })).statusCode, 403);
    const bad = await a.post(`/api/disclosures/villages/${V.villageA}/decisions`, w.people.cadreA, { title: '道路拓宽', steps: [{ step: 'proposal', heldOn: '2026-02-30' }] });
    assert.equal(bad.json().error.field, 'heldOn');
    const twice = await a.post(`/api/disclosures/villages/${V.villageA}/decisions`, w.people.cadreA, { title: '道路拓宽', steps: [{ step: 'proposal', heldOn: '2026-06-01' }, { step: 'proposal', heldOn: '2026-06-02' }] });
    assert.equal(twice.statusCode, 400);
    const res = await a.post(`/api/disclosures/villages/${V.villageA}/decisions`, w.people.cadreA, {
      title: '村道拓宽工程',
      subject: '拓宽村道 1.2 公里',
      steps: [
        { step: 'proposal', heldOn: '2026-06-01', document: '支委会记录' },
        { step: 'committees', heldOn: '2026-06-03' },
        { step: 'party_members', heldOn: '2026-06-05', present: 20, eligible: 32, inFavour: 18 },
      ],
    });
    assert.equal(res.statusCode, 201, res.body);
    const d = res.json();
    assert.equal(d.complete, false);
    assert.deepEqual(d.missing, ['party_members', 'villagers', 'decision_published'], '20 of 32 is under two thirds');
    assert.equal((await a.put(`/api/disclosures/decisions/${NO_SUCH}/steps`, w.people.cadreA, { steps: [{ step: 'villagers', heldOn: '2026-06-08' }] })).statusCode, 404);
    assert.equal((await a.put(`/api/disclosures/decisions/${d.id}/steps`, w.people.cadreA, { steps: [{ step: 'villagers', heldOn: '2026-06-08', present: 5, inFavour: 6 }] })).statusCode, 400);
    const done = await a.put(`/api/disclosures/decisions/${d.id}/steps`, w.people.cadreA, {
      steps: [
        { step: 'party_members', heldOn: '2026-06-05', present: 25, eligible: 32, inFavour: 22 },
        { step: 'villagers', heldOn: '2026-06-08', present: 41, eligible: 50, inFavour: 39 },
        { step: 'decision_published', heldOn: '2026-06-09' },
      ],
    });
    assert.equal(done.json().complete, true);
    const fund = await a.patch(`/api/disclosures/funds/${f.DL}`, w.people.cadreA, { decisionId: d.id, approvedFen: 14_840_000 });
    assert.equal(fund.json().decision.complete, true);
    assert.equal((await a.get(`/api/disclosures/villages/${V.villageA}/decisions`)).json().items.length, 1);
  });
});

describe('the saved import mapping', () => {
  test('401 and 403 for people outside the village; the cadre saves one; an incomplete one is a 400', async () => {
    const url = `/api/disclosures/villages/${V.villageA}/import-mapping`;
    assert.equal((await a.get(url)).statusCode, 401);
    assert.equal((await a.get(url, w.people.residentA)).statusCode, 403);
    assert.equal((await a.get(url, w.people.cadreA)).json().saved, false);
    assert.equal((await a.put(url, w.people.cadreA, { mapping: { date: '记账日期' } })).json().error.field, 'voucherNo');
    const mapping = { date: '记账日期', voucherNo: '凭证字号', purpose: '摘要', fund: '项目名称', income: '借方金额', expense: '贷方金额', counterparty: '往来单位' };
    assert.equal((await a.put(url, w.people.supervisorA, { mapping })).statusCode, 403);
    const res = await a.put(url, w.people.cadreA, { mapping });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().saved, true);
    assert.equal(res.json().mapping.fund, '项目名称');
  });
});
