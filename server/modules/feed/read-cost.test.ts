/**
 * The signed-in feed read is the platform's hottest path (bench/README.md):
 * its number of database round trips is counted here, so that a change that
 * brings back the per-post or per-lookup queries fails a test (a count, not a
 * timing). Also checks what the single-query page carries: counts, "mine" and
 * the read marker, which moves only when a newer post arrived.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import { makeResident, makeStaff, signIn, type SignedIn } from '../../testing/factories.js';
import { CODES, makeZhuzhouUnits } from './test-fixtures.js';

let t: TestApp;
let resident: SignedIn;
let cadre: SignedIn;

before(async () => {
  t = await createTestApp();
  await makeZhuzhouUnits(t.db);
  resident = await signIn(t, (await makeResident(t.db, CODES.village, '李秋云')).userId);
  await makeResident(t.db, CODES.village, '王建国');
  cadre = await signIn(t, await makeStaff(t.db, 'village_cadre', CODES.village, '周国强'));
});
after(() => t.close());

/** Runs `fn` and returns the SQL statements sent meanwhile. */
async function statementsDuring(fn: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const q = args[0] as string | { text: string };
    seen.push(typeof q === 'string' ? q : q.text);
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  try {
    await fn();
  } finally {
    pg.Client.prototype.query = original;
  }
  return seen;
}

const read = (who: SignedIn) => t.app.inject({ method: 'GET', url: `/api/feeds/${CODES.village}/posts`, headers: who.headers });

test('a signed-in feed page costs three queries, and a fourth only when the read marker moves', async () => {
  for (let i = 0; i < 3; i++) {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/feeds/${CODES.village}/posts`,
      headers: cadre.headers,
      payload: { kind: 'notice', body: `通知 ${i}`, requiresAck: i === 0 },
    });
    assert.equal(res.statusCode, 201);
  }
  t.clock.advance(1000);
  const first = await statementsDuring(async () => assert.equal((await read(resident)).statusCode, 200));
  assert.equal(first.length, 4, `session+actor, feed, page, read marker:\n${first.join('\n---\n')}`);
  assert.match(first[3], /insert into "feed_reads"/);
  t.clock.advance(1000);
  const again = await statementsDuring(async () => assert.equal((await read(resident)).statusCode, 200));
  assert.equal(again.length, 3, `nothing new: the marker stays:\n${again.join('\n---\n')}`);
  assert.ok(!again.some((q) => /feed_reads"? \(|insert|update/i.test(q)), 'no write');
});

test('the page carries reply counts, acknowledgement totals and "mine", as the thread view does', async () => {
  const page = (await read(resident)).json();
  const notice = page.items.find((p: { ack: unknown }) => p.ack);
  assert.ok(notice, 'the @所有人 notice is on the page');
  assert.equal(notice.ack.total, 2, 'two households of 双江村 with a verified member');
  assert.equal(notice.ack.acknowledged, 0);
  assert.equal(notice.ack.mine, false);
  assert.equal((await t.app.inject({ method: 'POST', url: `/api/posts/${notice.id}/ack`, headers: resident.headers })).statusCode, 204);
  await t.app.inject({ method: 'POST', url: `/api/posts/${notice.id}/replies`, headers: cadre.headers, payload: { body: '收到请回复' } });
  const after = (await read(resident)).json().items.find((p: { id: string }) => p.id === notice.id);
  assert.deepEqual(after.ack, { ...notice.ack, acknowledged: 1, mine: true });
  assert.equal(after.replyCount, notice.replyCount + 1);
  const thread = (await t.app.inject({ method: 'GET', url: `/api/posts/${notice.id}`, headers: resident.headers })).json();
  assert.deepEqual(thread.post?.ack ?? thread.ack, after.ack, 'the same summary as the thread view');
});

test('a newer post moves the read marker again (the unread count goes back to zero)', async () => {
  await t.app.inject({ method: 'POST', url: `/api/feeds/${CODES.village}/posts`, headers: cadre.headers, payload: { kind: 'notice', body: '新通知' } });
  t.clock.advance(1000);
  const unread = (await t.app.inject({ method: 'GET', url: '/api/feeds', headers: resident.headers })).json().items.find((f: { regionCode: string }) => f.regionCode === CODES.village);
  assert.equal(unread.unread, 1);
  const writes = await statementsDuring(async () => assert.equal((await read(resident)).statusCode, 200));
  assert.ok(writes.some((q) => /insert into "feed_reads"/.test(q)), 'the marker moved');
  const after = (await t.app.inject({ method: 'GET', url: '/api/feeds', headers: resident.headers })).json().items.find((f: { regionCode: string }) => f.regionCode === CODES.village);
  assert.equal(after.unread, 0);
});
