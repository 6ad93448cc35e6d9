import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import { makeResident, makeStaff, signIn, type SignedIn } from '../../testing/factories.js';
import type { LiveHub } from '../../platform/live/live-hub.js';
import { CODES, makeZhuzhouUnits } from './test-fixtures.js';
import { sseSettings } from './stream.js';

/** Reads an SSE response until `match` appears in the text received so far (or the time runs out). */
async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, match: RegExp, state: { text: string }, ms = 5000): Promise<string> {
  const decoder = new TextDecoder();
  const deadline = Date.now() + ms;
  while (!match.test(state.text)) {
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`timed out waiting for ${match}; got:\n${state.text}`);
    const chunk = await Promise.race([
      reader.read(),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`timed out waiting for ${match}; got:\n${state.text}`)), left)),
    ]);
    if (chunk.done) throw new Error(`stream ended before ${match}; got:\n${state.text}`);
    state.text += decoder.decode(chunk.value, { stream: true });
  }
  return state.text;
}

/** Subscriptions to feed topics held by the hub (other modules may hold their own). */
function listenerCount(hub: LiveHub | null): number {
  const map = (hub as unknown as { listeners: Map<string, Set<unknown>> }).listeners;
  return [...map.entries()].filter(([topic]) => topic.startsWith('feed:')).reduce((n, [, s]) => n + s.size, 0);
}

async function eventually(check: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('GET /api/feeds/:regionCode/stream with the live hub', () => {
  let t: TestApp;
  let base: string;
  let resident: SignedIn;
  let neighbour: SignedIn;
  let cadre: SignedIn;

  before(async () => {
    t = await createTestApp({ live: true });
    await makeZhuzhouUnits(t.db);
    resident = await signIn(t, (await makeResident(t.db, CODES.village, '李秋云')).userId);
    neighbour = await signIn(t, (await makeResident(t.db, CODES.neighbour, '王建国')).userId);
    cadre = await signIn(t, await makeStaff(t.db, 'village_cadre', CODES.village, '周国强'));
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  after(() => t.close());

  test('answers 401, 403 and 404 in the error shape before any stream opens', async () => {
    const anonymous = await fetch(`${base}/api/feeds/${CODES.village}/stream`);
    assert.equal(anonymous.status, 401);
    assert.equal((await anonymous.json()).error.code, 'unauthorized');
    const outsider = await fetch(`${base}/api/feeds/${CODES.village}/stream`, { headers: { cookie: neighbour.headers.cookie } });
    assert.equal(outsider.status, 403);
    const unknown = await fetch(`${base}/api/feeds/430212101299/stream`, { headers: { cookie: resident.headers.cookie } });
    assert.equal(unknown.status, 404);
    const malformed = await fetch(`${base}/api/feeds/abc/stream`, { headers: { cookie: resident.headers.cookie } });
    assert.equal(malformed.status, 400);
    assert.equal(listenerCount(t.app.live), 0);
  });

  test('delivers post, reply, ack and hidden events of committed writes, then unsubscribes when the client leaves', async () => {
    const controller = new AbortController();
    const res = await fetch(`${base}/api/feeds/${CODES.village}/stream`, { headers: { cookie: resident.headers.cookie }, signal: controller.signal });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
    assert.equal(res.headers.get('cache-control'), 'no-cache, no-transform');
    const reader = res.body!.getReader();
    const state = { text: '' };
    await readUntil(reader, /: connected/, state);
    assert.equal(listenerCount(t.app.live), 1);

    const created = await t.app.inject({
      method: 'POST',
      url: `/api/feeds/${CODES.village}/posts`,
      headers: cadre.headers,
      payload: { kind: 'notice', body: '@所有人 今晚停电检修', requiresAck: true },
    });
    assert.equal(created.statusCode, 201);
    const postId = created.json().id;
    await readUntil(reader, new RegExp(`event: post\\ndata: \\{"postId":"${postId}"\\}\\n\\n`), state);

    const reply = await t.app.inject({ method: 'POST', url: `/api/posts/${postId}/replies`, headers: cadre.headers, payload: { body: '预计两小时' } });
    await readUntil(reader, new RegExp(`event: reply\\ndata: \\{"postId":"${postId}","replyId":"${reply.json().id}"\\}`), state);
    assert.equal((await t.app.inject({ method: 'POST', url: `/api/posts/${postId}/ack`, headers: resident.headers })).statusCode, 204);
    await readUntil(reader, new RegExp(`event: ack\\ndata: \\{"postId":"${postId}"\\}`), state);
    await t.app.inject({ method: 'POST', url: `/api/posts/${postId}/hide`, headers: cadre.headers, payload: { reason: '发错群' } });
    await readUntil(reader, new RegExp(`event: hidden\\ndata: \\{"postId":"${postId}","threadId":"${postId}","hidden":true\\}`), state);

    // A refused write (blank body) announces nothing.
    await t.app.inject({ method: 'POST', url: `/api/feeds/${CODES.village}/posts`, headers: cadre.headers, payload: { kind: 'notice', body: '  ' } });
    // Another feed's events do not reach this stream.
    await t.app.inject({ method: 'POST', url: `/api/feeds/${CODES.neighbour}/posts`, headers: neighbour.headers, payload: { kind: 'question', body: '隔壁的问题' } });
    const marker = await t.app.inject({ method: 'POST', url: `/api/feeds/${CODES.village}/posts`, headers: resident.headers, payload: { kind: 'question', body: '标记' } });
    await readUntil(reader, new RegExp(marker.json().id), state);
    assert.equal(state.text.match(/event: post/g)?.length, 2, 'only the two committed posts of this feed were announced');

    controller.abort();
    await eventually(() => listenerCount(t.app.live) === 0);
  });

  test('sends a heartbeat comment while idle', async () => {
    const saved = sseSettings.heartbeatMs;
    sseSettings.heartbeatMs = 50;
    const controller = new AbortController();
    try {
      const res = await fetch(`${base}/api/feeds/${CODES.village}/stream`, { headers: { cookie: resident.headers.cookie }, signal: controller.signal });
      const state = { text: '' };
      await readUntil(res.body!.getReader(), /: heartbeat\n\n/, state, 2000);
    } finally {
      sseSettings.heartbeatMs = saved;
      controller.abort();
    }
    await eventually(() => listenerCount(t.app.live) === 0);
  });

  test('closing the app ends open streams instead of hanging', { timeout: 60_000 }, async () => {
    const other = await createTestApp({ live: true });
    let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
    try {
      await makeZhuzhouUnits(other.db);
      const who = await signIn(other, (await makeResident(other.db, CODES.village)).userId);
      const url = await other.app.listen({ port: 0, host: '127.0.0.1' });
      const res = await fetch(`${url}/api/feeds/${CODES.village}/stream`, { headers: { cookie: who.headers.cookie } });
      reader = res.body!.getReader();
      await readUntil(reader, /: connected/, { text: '' });
      // Without the preClose hook, server.close() would wait for the open stream forever.
      await Promise.race([
        other.app.close(),
        new Promise((_, reject) => setTimeout(() => reject(new Error('app.close() is still waiting for the open stream')), 10_000)),
      ]);
      let done = false;
      while (!done) done = (await reader.read()).done;
    } finally {
      // Should the test fail, leaving lets the server finish closing.
      await reader?.cancel().catch(() => undefined);
      await other.close();
    }
  });
});

test('GET /api/feeds/:regionCode/stream answers 503 in the error shape when live updates are off', async () => {
  const t = await createTestApp();
  try {
    await makeZhuzhouUnits(t.db);
    const resident = await signIn(t, (await makeResident(t.db, CODES.village)).userId);
    const res = await t.app.inject({ method: 'GET', url: `/api/feeds/${CODES.village}/stream`, headers: resident.headers });
    assert.equal(res.statusCode, 503);
    assert.equal(res.json().error.code, 'live_unavailable');
    assert.match(res.json().error.message, /实时更新/);
  } finally {
    await t.close();
  }
});
