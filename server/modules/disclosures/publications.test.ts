import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import { api, buildWorld, draft, addEntries, makeFunds, publish, V, type World } from './test-helpers.js';

let t: TestApp;
let w: World;
let a: ReturnType<typeof api>;
let funds: Record<string, string>;
const NO_SUCH = '00000000-0000-4000-8000-000000000000';

before(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  a = api(t);
  funds = await makeFunds(t, w.people.cadreA, V.villageA, [
    { code: 'JF', name: '村级经费', kind: 'general' },
    { code: 'DB', name: '低保资金', kind: 'livelihood' },
  ]);
});
after(() => t.close());

describe('POST /api/disclosures/villages/:code/publications', () => {
  const url = `/api/disclosures/villages/${V.villageA}/publications`;
  const body = { period: '2026-09', kind: 'finance', title: '双江村2026年9月财务公开' };
  test('401 when signed out', async () => {
    assert.equal((await a.post(url, undefined, body)).statusCode, 401);
  });
  test('400 naming the field for a bad period, an unknown kind, an unknown field or a future month', async () => {
    for (const [payload, field] of [
      [{ ...body, period: '2026-13' }, 'period'],
      [{ ...body, kind: 'gossip' }, 'kind'],
      [{ ...body, extra: 1 }, 'extra'],
      [{ ...body, period: '2027-01' }, 'period'],
      [{ ...body, title: '   ' }, 'title'],
    ] as const) {
      const res = await a.post(url, w.people.cadreA, payload);
      assert.equal(res.statusCode, 400, JSON.stringify(payload));
      assert.equal(res.json().error.field, field);
    }
  });
  test('400 for a township code, 404 for a village that does not exist', async () => {
    assert.equal((await a.post(`/api/disclosures/villages/${V.township}/publications`, w.people.cadreA, body)).statusCode, 400);
    assert.equal((await a.post('/api/disclosures/villages/430212101299/publications', w.people.cadreA, body)).statusCode, 404);
  });
  test('403 for a resident, the supervision committee, another village’s cadre and a township official', async () => {
    for (const who of ['residentA', 'supervisorA', 'cadreB', 'township'] as const) {
      assert.equal((await a.post(url, w.people[who], body)).statusCode, 403, who);
    }
  });
  test('a village cadre drafts; the draft is due on the 15th of the next month; a second draft of the same month is a 409', async () => {
    const res = await a.post(url, w.people.cadreA, body);
    assert.equal(res.statusCode, 201);
    const p = res.json();
    assert.equal(p.status, 'draft');
    assert.equal(p.version, 1);
    assert.equal(p.dueOn, '2026-10-15');
    assert.equal(p.abilities.edit, true);
    assert.equal((await a.post(url, w.people.cadreA, body)).statusCode, 409);
  });
});

describe('the review: draft → supervision committee → published', () => {
  let id: string;
  before(async () => {
    id = await draft(t, w.people.cadreA, V.villageA, '2026-08');
    await addEntries(t, w.people.cadreA, id, [
      { entryDate: '2026-08-03', voucherNo: '记-08-001', direction: 'income', amountFen: 1200000, counterparty: '朱亭镇财政所', purpose: '村级运转经费', fundId: funds.JF },
      { entryDate: '2026-08-09', voucherNo: '记-08-002', direction: 'expense', amountFen: 66000, counterparty: '谭德明', purpose: '8月低保', fundId: funds.DB, paymentMethod: 'bank' },
    ]);
  });

  test('a draft is invisible (404) to residents, the public and other villages, visible to the committee and the township', async () => {
    for (const who of [undefined, w.people.residentA, w.people.cadreB, w.people.supervisorB, w.people.outsider]) {
      assert.equal((await a.get(`/api/disclosures/publications/${id}`, who)).statusCode, 404);
    }
    for (const who of ['supervisorA', 'township', 'inspector', 'admin'] as const) {
      assert.equal((await a.get(`/api/disclosures/publications/${id}`, w.people[who])).statusCode, 200, who);
    }
  });
  test('400 for a malformed id, 404 for an unknown one', async () => {
    assert.equal((await a.post('/api/disclosures/publications/nope/submit', w.people.cadreA)).statusCode, 400);
    assert.equal((await a.post(`/api/disclosures/publications/${NO_SUCH}/submit`, w.people.cadreA)).statusCode, 404);
  });
  test('only the village’s cadre submits; reviewing or publishing a draft is a 409', async () => {
    assert.equal((await a.post(`/api/disclosures/publications/${id}/submit`)).statusCode, 401);
    assert.equal((await a.post(`/api/disclosures/publications/${id}/submit`, w.people.supervisorA)).statusCode, 403);
    assert.equal((await a.post(`/api/disclosures/publications/${id}/review`, w.people.supervisorA, { decision: 'approve' })).statusCode, 409);
    assert.equal((await a.post(`/api/disclosures/publications/${id}/publish`, w.people.cadreA)).statusCode, 409);
    const res = await a.post(`/api/disclosures/publications/${id}/submit`, w.people.cadreA);
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().status, 'in_review');
  });
  test('in review it cannot be edited; sending back needs a comment; the cadre cannot review; another village’s committee cannot', async () => {
    assert.equal((await a.patch(`/api/disclosures/publications/${id}`, w.people.cadreA, { title: '改' })).statusCode, 409);
    const blank = await a.post(`/api/disclosures/publications/${id}/review`, w.people.supervisorA, { decision: 'return' });
    assert.equal(blank.statusCode, 400);
    assert.equal(blank.json().error.field, 'comment');
    assert.equal((await a.post(`/api/disclosures/publications/${id}/review`, w.people.cadreA, { decision: 'approve' })).statusCode, 403);
    assert.equal((await a.post(`/api/disclosures/publications/${id}/review`, w.people.supervisorB, { decision: 'approve' })).statusCode, 404);
    assert.equal((await a.post(`/api/disclosures/publications/${id}/review`, w.people.supervisorA, { decision: 'maybe' })).json().error.field, 'decision');
  });
  test('the committee sends it back with comments; the cadre fixes and resubmits; the committee approves', async () => {
    const back = await a.post(`/api/disclosures/publications/${id}/review`, w.people.supervisorA, { decision: 'return', comment: '低保发放要附花名册' });
    assert.equal(back.json().status, 'returned');
    assert.equal(back.json().reviews[0].comment, '低保发放要附花名册');
    const edited = await a.patch(`/api/disclosures/publications/${id}`, w.people.cadreA, { body: '附：8月低保花名册' });
    assert.equal(edited.statusCode, 200);
    await a.post(`/api/disclosures/publications/${id}/submit`, w.people.cadreA);
    const ok = await a.post(`/api/disclosures/publications/${id}/review`, w.people.supervisorA, { decision: 'approve', comment: '同意公开' });
    assert.equal(ok.json().status, 'approved');
    assert.equal(ok.json().abilities.publish, false, 'the committee does not publish');
  });
  test('publishing chains the version, pushes a notice to the village feed and makes it public with names masked', async () => {
    assert.equal((await a.post(`/api/disclosures/publications/${id}/publish`, w.people.supervisorA)).statusCode, 403);
    const res = await a.post(`/api/disclosures/publications/${id}/publish`, w.people.cadreA);
    assert.equal(res.statusCode, 200, res.body);
    const p = res.json();
    assert.equal(p.status, 'published');
    assert.equal(p.chain.seq, 1);
    assert.match(p.chain.hash, /^[0-9a-f]{64}$/);
    assert.deepEqual(p.totals, { incomeFen: 1200000, expenseFen: 66000, transferFen: 0, entryCount: 2 });

    const notice = await t.db.selectFrom('disclosure_notices').selectAll().where('publication_id', '=', id).executeTakeFirstOrThrow();
    assert.ok(notice.feed_post_id, `notice delivered to the feed (${notice.error})`);
    const post = await t.db.selectFrom('feed_posts').select(['region_code', 'kind', 'title', 'body']).where('id', '=', notice.feed_post_id!).executeTakeFirstOrThrow();
    assert.equal(post.region_code, V.villageA);
    assert.equal(post.kind, 'notice');
    assert.match(post.body, /12,000\.00/);

    const pub = await a.get(`/api/disclosures/publications/${id}`);
    assert.equal(pub.statusCode, 200);
    assert.equal(pub.json().openFlags, null, 'the public never sees red flags');
    const entries = (await a.get(`/api/disclosures/publications/${id}/entries`)).json().items;
    const dibao = entries.find((e: { voucherNo: string }) => e.voucherNo === '記-08-002' || e.voucherNo === '记-08-002');
    assert.equal(dibao.counterparty, '谭*明', 'a 低保 recipient is masked in public');
    const asCadre = (await a.get(`/api/disclosures/publications/${id}/entries`, w.people.cadreA)).json().items;
    assert.ok(asCadre.some((e: { counterparty: string }) => e.counterparty === '谭德明'));
    assert.equal((await a.get(`/api/disclosures/publications/${id}`, w.people.supervisorA)).json().openFlags !== null, true);
  });
  test('a published version is immutable: editing, adding entries and re-publishing are refused, and so is a direct UPDATE', async () => {
    assert.equal((await a.patch(`/api/disclosures/publications/${id}`, w.people.cadreA, { title: '改标题' })).statusCode, 409);
    const add = await a.post(`/api/disclosures/publications/${id}/entries`, w.people.cadreA, { entryDate: '2026-08-10', voucherNo: 'x', direction: 'expense', amountFen: 1, counterparty: '', purpose: 'x', fundId: funds.JF });
    assert.equal(add.statusCode, 409);
    await assert.rejects(t.db.updateTable('disclosure_publications').set({ title: '偷偷改' }).where('id', '=', id).execute(), /immutable/);
    await assert.rejects(t.db.updateTable('disclosure_entries').set({ amount_fen: 1 }).where('publication_id', '=', id).execute(), /immutable/);
    await assert.rejects(t.db.deleteFrom('disclosure_entries').where('publication_id', '=', id).execute(), /immutable/);
  });
  test('a correction is a new version with a reason; both versions stay visible with what changed', async () => {
    assert.equal((await a.post(`/api/disclosures/publications/${id}/corrections`, w.people.cadreA, { reason: ' ' })).statusCode, 400);
    assert.equal((await a.post(`/api/disclosures/publications/${id}/corrections`, w.people.residentA, { reason: '更正' })).statusCode, 403);
    const res = await a.post(`/api/disclosures/publications/${id}/corrections`, w.people.cadreA, { reason: '8月低保金额录错，应为 690 元' });
    assert.equal(res.statusCode, 201, res.body);
    const v2 = res.json();
    assert.equal(v2.version, 2);
    assert.equal(v2.previousId, id);
    assert.equal((await a.post(`/api/disclosures/publications/${id}/corrections`, w.people.cadreA, { reason: '再改' })).statusCode, 409);
    const entry = (await a.get(`/api/disclosures/publications/${v2.id}/entries`, w.people.cadreA)).json().items.find((e: { voucherNo: string }) => e.voucherNo === '记-08-002');
    assert.equal((await a.patch(`/api/disclosures/entries/${entry.id}`, w.people.cadreA, { amountFen: 69000 })).statusCode, 200);
    await publish(t, w.people.cadreA, w.people.supervisorA, v2.id);

    const versions = (await a.get(`/api/disclosures/publications/${id}/versions`)).json().items;
    assert.deepEqual(versions.map((v: { version: number; isLatest: boolean }) => [v.version, v.isLatest]), [[1, false], [2, true]]);
    const old = await a.get(`/api/disclosures/publications/${id}`);
    assert.equal(old.json().totals.expenseFen, 66000, 'the first version still says what it said');
    assert.equal(old.json().isLatest, false, 'the cached public page was invalidated by the new version');
    assert.equal(old.json().latestId, v2.id);
    const changes = (await a.get(`/api/disclosures/publications/${v2.id}/changes`)).json();
    assert.equal(changes.changed.length, 1);
    assert.deepEqual(changes.changed[0].fields, ['amountFen']);
    assert.equal(changes.totalsBefore.expenseFen, 66000);
    assert.equal(changes.totalsAfter.expenseFen, 69000);
    assert.equal(changes.to.correctionReason, '8月低保金额录错，应为 690 元');
  });
  test('every step is in the audit log', async () => {
    const actions = (await t.db.selectFrom('audit_log').select('action').where('action', 'like', 'disclosures.%').execute()).map((r) => r.action);
    for (const action of ['disclosures.create', 'disclosures.submit', 'disclosures.return', 'disclosures.approve', 'disclosures.publish', 'disclosures.correct', 'disclosures.entry.add', 'disclosures.entry.update']) {
      assert.ok(actions.includes(action), action);
    }
  });
});

describe('GET /api/disclosures/villages/:code/publications', () => {
  test('400 for a bad code or filter, 404 for an unknown village', async () => {
    assert.equal((await a.get('/api/disclosures/villages/12/publications')).statusCode, 400);
    assert.equal((await a.get(`/api/disclosures/villages/${V.villageA}/publications?kind=x`)).json().error.field, 'kind');
    assert.equal((await a.get('/api/disclosures/villages/430212101299/publications')).statusCode, 404);
  });
  test('the public sees published versions only; the cadre sees drafts too; earlier months are listed', async () => {
    const pub = (await a.get(`/api/disclosures/villages/${V.villageA}/publications`)).json();
    assert.ok(pub.items.length >= 2);
    assert.ok(pub.items.every((p: { status: string }) => p.status === 'published'));
    const mine = (await a.get(`/api/disclosures/villages/${V.villageA}/publications`, w.people.cadreA)).json();
    assert.ok(mine.items.some((p: { status: string }) => p.status === 'draft'));
    const aug = (await a.get(`/api/disclosures/villages/${V.villageA}/publications?period=2026-08`)).json();
    assert.equal(aug.total, 2);
  });
});
