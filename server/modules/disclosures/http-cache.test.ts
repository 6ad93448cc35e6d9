import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import { api, buildWorld, draft, addEntries, makeFunds, publish, V, type World } from './test-helpers.js';
import { ifNoneMatch } from './http-cache.js';

/** Published versions are immutable: public reads carry ETags and answer If-None-Match with 304. */
let t: TestApp;
let w: World;
let a: ReturnType<typeof api>;
let id: string;

before(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  a = api(t);
  const f = await makeFunds(t, w.people.cadreA, V.villageA, [{ code: 'JF', name: '村级经费', kind: 'general' }]);
  id = await draft(t, w.people.cadreA, V.villageA, '2026-06');
  await addEntries(t, w.people.cadreA, id, [
    { entryDate: '2026-06-03', voucherNo: '记-06-001', direction: 'expense', amountFen: 88_000, counterparty: '朱亭农资店', purpose: '农药', fundId: f.JF },
  ]);
  await publish(t, w.people.cadreA, w.people.supervisorA, id);
});
after(() => t.close());

describe('HTTP caching of public reads', () => {
  test('If-None-Match: lists of tags, weak tags and * match; others do not', () => {
    assert.equal(ifNoneMatch('"abc"', '"abc"'), true);
    assert.equal(ifNoneMatch('"x", W/"abc"', '"abc"'), true);
    assert.equal(ifNoneMatch('*', '"abc"'), true);
    assert.equal(ifNoneMatch('"abd"', '"abc"'), false);
    assert.equal(ifNoneMatch(undefined, '"abc"'), false);
  });

  test('a published page: ETag and public Cache-Control; the same tag gets 304 with no body; a new version changes it', async () => {
    const url = `/api/disclosures/publications/${id}`;
    const first = await a.get(url);
    assert.equal(first.statusCode, 200);
    const etag = String(first.headers.etag);
    assert.match(etag, /^"[\w-]+"$/);
    assert.match(String(first.headers['cache-control']), /^public, max-age=\d+/);
    assert.match(String(first.headers.vary), /Cookie/i);
    // From memory this time: the same bytes, the same tag.
    const second = await a.get(url);
    assert.equal(second.headers.etag, etag);
    assert.equal(second.body, first.body);
    const notModified = await a.get(url, undefined, { 'if-none-match': etag });
    assert.equal(notModified.statusCode, 304);
    assert.equal(notModified.body, '');
    assert.equal(notModified.headers.etag, etag);
    assert.equal((await a.get(url, undefined, { 'if-none-match': `W/${etag}` })).statusCode, 304);
    assert.equal((await a.get(url, undefined, { 'if-none-match': '"stale"' })).statusCode, 200);

    // A correction is published: the old version is no longer the latest, so its page (and tag) change.
    const fix = await a.post(`${url}/corrections`, w.people.cadreA, { reason: '农药金额录入有误，更正' });
    assert.equal(fix.statusCode, 201, fix.body);
    await publish(t, w.people.cadreA, w.people.supervisorA, fix.json().id);
    const after = await a.get(url, undefined, { 'if-none-match': etag });
    assert.equal(after.statusCode, 200, 'the tag of the old bytes no longer matches');
    assert.notEqual(after.headers.etag, etag);
    assert.equal(after.json().isLatest, false);
  });

  test('signed-in readers: private, always revalidated, still 304', async () => {
    const url = `/api/disclosures/publications/${id}`;
    const res = await a.get(url, w.people.residentA);
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['cache-control'], 'private, no-cache');
    const again = await a.get(url, w.people.residentA, { 'if-none-match': String(res.headers.etag) });
    assert.equal(again.statusCode, 304);
  });

  test('the canonical document is immutable; lists, versions, changes, chain and comments revalidate', async () => {
    const canonical = await a.get(`/api/disclosures/publications/${id}/canonical`);
    assert.equal(canonical.statusCode, 200);
    assert.match(String(canonical.headers['cache-control']), /immutable/);
    assert.equal((await a.get(`/api/disclosures/publications/${id}/canonical`, undefined, { 'if-none-match': String(canonical.headers.etag) })).statusCode, 304);
    for (const url of [
      `/api/disclosures/villages/${V.villageA}/publications`,
      `/api/disclosures/publications/${id}/versions`,
      `/api/disclosures/publications/${id}/changes`,
      `/api/disclosures/villages/${V.villageA}/chain`,
      `/api/disclosures/publications/${id}/comments`,
    ]) {
      const res = await a.get(url);
      assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
      assert.ok(res.headers.etag, url);
      assert.match(String(res.headers['cache-control']), /^public/, url);
      assert.equal((await a.get(url, undefined, { 'if-none-match': String(res.headers.etag) })).statusCode, 304, url);
    }
    // A new comment changes the comments' tag.
    const comments = `/api/disclosures/publications/${id}/comments`;
    const before = String((await a.get(comments)).headers.etag);
    assert.equal((await a.post(comments, w.people.residentA, { body: '农药是哪家店买的？' })).statusCode, 201);
    assert.equal((await a.get(comments, undefined, { 'if-none-match': before })).statusCode, 200);
  });

  test('errors are not cached: 404 carries no ETag', async () => {
    const res = await a.get('/api/disclosures/publications/00000000-0000-4000-8000-000000000000');
    assert.equal(res.statusCode, 404);
    assert.equal(res.headers.etag, undefined);
  });
});
