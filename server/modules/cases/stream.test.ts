import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import type { Actor } from '../../platform/context.js';
import type { LiveHub } from '../../platform/live/live-hub.js';
import { act, buildWorld, call, fileCase, PLACES, type Caller, type World } from './test-helpers.js';
import { streamTopics } from './stream.js';

/** An open SSE response: `until(re)` reads until the text so far matches. */
interface Stream {
  text: string;
  until(match: RegExp, ms?: number): Promise<string>;
  close(): void;
}

let t: TestApp;
let w: World;
let base: string;

async function open(who: Caller, query = ''): Promise<Stream> {
  const controller = new AbortController();
  const res = await fetch(`${base}/api/cases/stream${query}`, { headers: { cookie: who.headers.cookie! }, signal: controller.signal });
  assert.equal(res.status, 200, await (res.status === 200 ? Promise.resolve('') : res.text()));
  assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const s: Stream = {
    text: '',
    async until(match, ms = 8000) {
      const deadline = Date.now() + ms;
      while (!match.test(s.text)) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`timed out waiting for ${match}; got:\n${s.text}`);
        const chunk = await Promise.race([
          reader.read(),
          new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`timed out waiting for ${match}; got:\n${s.text}`)), left)),
        ]);
        if (chunk.done) throw new Error(`stream ended before ${match}; got:\n${s.text}`);
        s.text += decoder.decode(chunk.value, { stream: true });
      }
      return s.text;
    },
    close: () => controller.abort(),
  };
  await s.until(/: connected/);
  return s;
}

function caseListeners(hub: LiveHub | null): number {
  const map = (hub as unknown as { listeners: Map<string, Set<unknown>> }).listeners;
  return [...map.entries()].filter(([topic]) => /^(user|unit|dispatch|case):/.test(topic)).reduce((n, [, s]) => n + s.size, 0);
}

async function eventually(check: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

before(async () => {
  t = await createTestApp({ live: true, config: { logLevel: 'error' } });
  w = await buildWorld(t);
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
after(() => t.close());

describe('streamTopics (pure)', () => {
  const grant = (role: Actor['grants'][number]['role'], unitId: string, regionPrefix: string) => ({ role, unitId, unitName: unitId, regionPrefix, departmentId: null });
  const actor = (grants: Actor['grants']): Actor => ({ userId: 'u1', name: 'x', sessionId: null, grants, householdRegions: [] });

  test('a resident hears only their own user topic', () => {
    assert.deepEqual(streamTopics(actor([grant('resident', 'v', '430212101201')])), { direct: ['user:u1'], checked: [] });
  });
  test('handlers hear their units; dispatchers and inspectors their county pool (checked per case)', () => {
    assert.deepEqual(streamTopics(actor([grant('village_cadre', 'v', '430212101201')])), { direct: ['user:u1', 'unit:v'], checked: [] });
    assert.deepEqual(streamTopics(actor([grant('township_official', 't', '430212101')])), { direct: ['user:u1', 'unit:t'], checked: ['dispatch:430212'] });
    assert.deepEqual(streamTopics(actor([grant('discipline_inspector', 'j', '430212101')])), { direct: ['user:u1', 'unit:j'], checked: ['dispatch:430212'] });
    // Overseers without a working role (supervision members, volunteers) hear nothing but their own topic.
    assert.deepEqual(streamTopics(actor([grant('supervision_member', 'v', '430212101201'), grant('volunteer', 'v', '430212101201')])), { direct: ['user:u1'], checked: [] });
    // A city-wide hotline operator has no county pool topic (no wildcard).
    assert.deepEqual(streamTopics(actor([grant('hotline_operator', 'c', '4302')])), { direct: ['user:u1'], checked: [] });
  });
});

describe('GET /api/cases/stream', () => {
  test('401 signed out, 400 for a malformed case id, 403 for a case the caller may not read; nothing subscribed', async () => {
    const anonymous = await fetch(`${base}/api/cases/stream`);
    assert.equal(anonymous.status, 401);
    assert.equal((await anonymous.json()).error.code, 'unauthorized');
    const bad = await call(t, w.people.residentA, 'GET', '/api/cases/stream?caseId=abc');
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error.field, 'caseId');
    const extra = await call(t, w.people.residentA, 'GET', '/api/cases/stream?topic=unit:x');
    assert.equal(extra.status, 400, 'no topic can be asked for by name');
    const c = await fileCase(t, w.people.residentA, { isPublic: false });
    const outsider = await fetch(`${base}/api/cases/stream?caseId=${c.id}`, { headers: { cookie: w.people.residentC.headers.cookie! } });
    assert.equal(outsider.status, 403);
    const otherVillage = await fetch(`${base}/api/cases/stream?caseId=${c.id}`, { headers: { cookie: w.people.cadreC.headers.cookie! } });
    assert.equal(otherVillage.status, 403);
    const unknown = await fetch(`${base}/api/cases/stream?caseId=00000000-0000-4000-8000-000000000000`, { headers: { cookie: w.people.residentA.headers.cookie! } });
    assert.equal(unknown.status, 403);
    assert.equal(caseListeners(t.app.live), 0);
  });

  test('the requester, the handling unit and the on-call topics hear a new case; another village does not', async () => {
    const requester = await open(w.people.residentA);
    const unit = await open(w.people.cadreA);
    const other = await open(w.people.cadreC);
    const neighbour = await open(w.people.residentA2);
    const c = await fileCase(t, w.people.residentA, { title: '夜市油烟太大', description: '夜市烧烤油烟飘进窗户' });
    const submitted = new RegExp(`event: case\\.submitted\\ndata: \\{"caseId":"${c.id}","trackingNumber":"${c.trackingNumber}","status":"assigned"`);
    await requester.until(submitted);
    await unit.until(submitted);
    // A marker case in the other village proves its stream was live while the first case went by unheard.
    const marker = await fileCase(t, w.people.residentC, { regionCode: PLACES.villageC });
    await other.until(new RegExp(marker.id));
    assert.doesNotMatch(other.text, new RegExp(c.id));
    await act(t, w.people.cadreA, c.id, 'accept');
    await requester.until(new RegExp(`event: case\\.accept\\ndata: \\{"caseId":"${c.id}"`));
    const mine = await fileCase(t, w.people.residentA2);
    await neighbour.until(new RegExp(mine.id));
    assert.doesNotMatch(neighbour.text, new RegExp(c.id), "another resident's case is not announced to a neighbour");
    // Payloads carry ids and states only.
    assert.doesNotMatch(requester.text + unit.text, /张三丰|(?<![0-9a-f])1[3-9]\d{9}(?![0-9a-f])/);
    for (const s of [requester, unit, other, neighbour]) s.close();
    await eventually(() => caseListeners(t.app.live) === 0);
  });

  test('a case topic for one who may read it; followers of a public case hear it', async () => {
    const c = await fileCase(t, w.people.residentA, { isPublic: true });
    assert.equal((await call(t, w.people.residentC, 'POST', `/api/cases/${c.id}/follow`)).status < 300, true);
    const follower = await open(w.people.residentC, `?caseId=${c.id}`);
    await act(t, w.people.cadreA, c.id, 'accept');
    await follower.until(new RegExp(`event: case\\.accept\\ndata: \\{"caseId":"${c.id}"`));
    follower.close();
    await eventually(() => caseListeners(t.app.live) === 0);
  });

  test("a confidential report in the dispatch pool reaches the county's inspectors, never the township official", async () => {
    const township = await open(w.people.township);
    const inspector = await open(w.people.inspectorCounty);
    const report = await fileCase(t, w.people.residentC, {
      categoryCode: 'supervision.village_affairs',
      regionCode: PLACES.villageC,
      title: '村干部吃拿卡要',
      description: '办低保要送烟',
    });
    assert.equal(report.handlingUnit, null, 'waits in the pool');
    await inspector.until(new RegExp(`event: case\\.submitted\\ndata: \\{"caseId":"${report.id}"`));
    // An ordinary case returned to the pool in the official's own township reaches them: the stream was live meanwhile.
    const ordinary = await fileCase(t, w.people.residentA, { title: '路灯不亮', description: '村口路灯坏了一个月' });
    await act(t, w.people.cadreA, ordinary.id, 'return', { reason: '应由镇里统一处理' });
    await township.until(new RegExp(`event: case\\.return\\ndata: \\{"caseId":"${ordinary.id}"`));
    assert.doesNotMatch(township.text, new RegExp(report.id));
    township.close();
    inspector.close();
    await eventually(() => caseListeners(t.app.live) === 0);
  });
});

test('GET /api/cases/stream answers 503 in the error shape when live updates are off', async () => {
  const quiet = await createTestApp({ config: { logLevel: 'error' } });
  try {
    const world = await buildWorld(quiet);
    const res = await quiet.app.inject({ method: 'GET', url: '/api/cases/stream', headers: world.people.residentA.headers });
    assert.equal(res.statusCode, 503);
    assert.equal(res.json().error.code, 'live_unavailable');
  } finally {
    await quiet.close();
  }
});
