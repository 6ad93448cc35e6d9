import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import { buildWorld, caller, openIncident, type World } from './test-world.js';
import { settleDeliveries } from './notice-delivery.js';

let t: TestApp;
let w: World;
let base: string;
let incidentId: string;
let grids: { q1: string };

before(async () => {
  t = await createTestApp({ live: true });
  w = await buildWorld(t);
  ({ incidentId, grids } = await openIncident(t, w));
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
after(async () => {
  await settleDeliveries();
  await t.close();
});

/** Reads an SSE response until `match` appears (or the time runs out). */
async function readUntil(res: Response, match: RegExp, ms = 5000): Promise<string> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const deadline = Date.now() + ms;
  try {
    while (!match.test(text)) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${match}; got:\n${text}`);
      const chunk = await Promise.race([reader.read(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`timed out; got:\n${text}`)), left))]);
      if (chunk.done) throw new Error(`stream ended; got:\n${text}`);
      text += decoder.decode(chunk.value, { stream: true });
    }
    return text;
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

const headers = (who: keyof World['people']) => ({ cookie: w.people[who].headers.cookie! });

test('the board stream: 401 and 403 before any stream opens', async () => {
  assert.equal((await fetch(`${base}/api/emergency/incidents/${incidentId}/stream`)).status, 401);
  const resident = await fetch(`${base}/api/emergency/incidents/${incidentId}/stream`, { headers: headers('resident') });
  assert.equal(resident.status, 403);
  assert.equal((await resident.json()).error.code, 'forbidden');
});

test('a committed task reaches the board stream, ids only', async () => {
  const res = await fetch(`${base}/api/emergency/incidents/${incidentId}/stream`, { headers: headers('gridWorker') });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /text\/event-stream/);
  const waiting = readUntil(res, /event: task\ndata: \{"taskId":"[0-9a-f-]+","gridId":"[0-9a-f-]+"\}/);
  await new Promise((r) => setTimeout(r, 100));
  const created = await caller(t)(w.people.gridWorker, 'POST', `/api/emergency/incidents/${incidentId}/tasks`, { gridId: grids.q1, line: 'supply', title: '物资配送' });
  assert.equal(created.status, 201);
  const text = await waiting;
  assert.doesNotMatch(text, /物资配送/, 'no content in the event: pages refetch');
});

test('a notice’s stream shows its delivery progress', async () => {
  const sent = await caller(t)(w.people.district, 'POST', `/api/emergency/incidents/${incidentId}/notices`, { regionCode: '430203000000', title: '通告', body: '内容' });
  await settleDeliveries();
  const res = await fetch(`${base}/api/emergency/notices/${sent.body.id}/stream`, { headers: headers('district') });
  assert.equal(res.status, 200);
  const waiting = readUntil(res, /event: ack/);
  await new Promise((r) => setTimeout(r, 100));
  assert.equal((await caller(t)(w.people.resident, 'POST', `/api/emergency/notices/${sent.body.id}/ack`, {})).status, 204);
  await waiting;
  assert.equal((await fetch(`${base}/api/emergency/notices/${sent.body.id}/stream`, { headers: headers('outsider') })).status, 404);
});
