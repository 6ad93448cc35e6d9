/**
 * An SSE stream lives no longer than its session: sign-out, sign-out
 * everywhere and the session running out (idle timeout) each end it. Driven
 * through the feed's stream route, the first user of sse.ts.
 */
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import { makeResident, signIn, type SignedIn } from '../../testing/factories.js';
import { CODES, makeZhuzhouUnits } from '../../modules/feed/test-fixtures.js';
import { sseSettings } from '../../modules/feed/stream.js';

const MINUTE = 60_000;

interface Stream {
  text: string;
  ended: Promise<void>;
  abort(): void;
}

/** Opens the village feed's stream and collects what it sends until it ends. */
async function openStream(base: string, who: SignedIn): Promise<Stream> {
  const controller = new AbortController();
  const res = await fetch(`${base}/api/feeds/${CODES.village}/stream`, { headers: { cookie: who.headers.cookie }, signal: controller.signal });
  assert.equal(res.status, 200);
  const stream: Stream = { text: '', ended: Promise.resolve(), abort: () => controller.abort() };
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  stream.ended = (async () => {
    try {
      for (;;) {
        const chunk = await reader.read();
        if (chunk.done) return;
        stream.text += decoder.decode(chunk.value, { stream: true });
      }
    } catch {
      /* aborted by the test */
    }
  })();
  await until(() => stream.text.includes(': connected'));
  return stream;
}

async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Resolves true when the stream ends within `ms`, false when it is still open. */
async function endsWithin(stream: Stream, ms: number): Promise<boolean> {
  return Promise.race([stream.ended.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms))]);
}

describe('SSE streams end with their session', () => {
  let t: TestApp;
  let base: string;
  let userId: string;

  before(async () => {
    t = await createTestApp({ live: true });
    await makeZhuzhouUnits(t.db);
    userId = (await makeResident(t.db, CODES.village, '李秋云')).userId;
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  after(() => t.close());

  test('signing out ends the streams of that session at once, not those of the person’s other sessions', async () => {
    const phone = await signIn(t, userId);
    const laptop = await signIn(t, userId);
    const onPhone = await openStream(base, phone);
    const onLaptop = await openStream(base, laptop);
    try {
      const out = await t.app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: phone.headers });
      assert.equal(out.statusCode, 204, out.body);
      assert.ok(await endsWithin(onPhone, 5000), 'the signed-out session’s stream ended');
      assert.match(onPhone.text, /event: session_ended\n/);
      assert.equal(await endsWithin(onLaptop, 300), false, 'the other session’s stream is still open');
      // Reconnecting with the ended session is refused.
      const again = await fetch(`${base}/api/feeds/${CODES.village}/stream`, { headers: { cookie: phone.headers.cookie } });
      assert.equal(again.status, 401);
    } finally {
      onPhone.abort();
      onLaptop.abort();
    }
  });

  test('signing out everywhere ends every stream of the person, and nobody else’s', async () => {
    const phone = await signIn(t, userId);
    const laptop = await signIn(t, userId);
    const neighbour = await signIn(t, (await makeResident(t.db, CODES.village, '王建国')).userId);
    const streams = [await openStream(base, phone), await openStream(base, laptop)];
    const theirs = await openStream(base, neighbour);
    try {
      const out = await t.app.inject({ method: 'POST', url: '/api/auth/sign-out-everywhere', headers: laptop.headers });
      assert.ok(out.statusCode < 300, out.body);
      for (const s of streams) assert.ok(await endsWithin(s, 5000), 'every stream of the person ended');
      assert.equal(await endsWithin(theirs, 300), false, 'the neighbour’s stream is still open');
    } finally {
      for (const s of [...streams, theirs]) s.abort();
    }
  });

  test('a stream ends at the first heartbeat after its session ran out (idle timeout), not while the person is active', async () => {
    const saved = sseSettings.heartbeatMs;
    sseSettings.heartbeatMs = 50;
    const who = await signIn(t, userId);
    const stream = await openStream(base, who);
    try {
      const idle = t.config.sessionIdleMinutes * MINUTE;
      // Active again before the idle timeout: the stream outlives the end known when it opened.
      t.clock.advance(idle - 5 * MINUTE);
      assert.equal((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: who.headers })).statusCode, 200);
      t.clock.advance(10 * MINUTE);
      assert.equal(await endsWithin(stream, 500), false, 'a session kept alive keeps its stream');
      // Then idle for longer than the timeout.
      t.clock.advance(idle);
      assert.ok(await endsWithin(stream, 5000), 'the stream ended once the session timed out');
      assert.match(stream.text, /event: session_ended\n/);
    } finally {
      sseSettings.heartbeatMs = saved;
      stream.abort();
    }
  });
});
