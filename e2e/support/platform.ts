import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../server/platform/config.js';
import { startPlatform, type Running } from '../../server/platform/runtime.js';

/**
 * The whole platform in-process on a private embedded PostgreSQL with the demo
 * data, listening on a free port, for browser tests. The web bundle is built by
 * `npm test` before browser tests run.
 */
export async function startDemoPlatform(): Promise<Running & { dataDir: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-e2e-'));
  fs.chmodSync(dataDir, 0o755);
  const config = { ...loadConfig({}), port: 0, host: '127.0.0.1', dataDir, demo: true, logLevel: 'warn' };
  const running = await startPlatform(config, () => {});
  return {
    ...running,
    dataDir,
    async stop() {
      await running.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Credentials {
  login: string;
  password: string;
}

/** The newest sms_outbox id: a code sent after it is the one the next step asked for. */
export async function lastOutboxId(app: Running['app']): Promise<number> {
  const row = await app.db.selectFrom('sms_outbox').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
  return Number(row?.id ?? 0);
}

/** The newest code sent to `phone` after outbox row `afterId`, polled from sms_outbox (the SMS sender is asynchronous). */
export async function codeSentTo(app: Running['app'], phone: string, afterId: number): Promise<string> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const row = await app.db.selectFrom('sms_outbox').select(['id', 'body']).where('phone', '=', phone).where('id', '>', afterId).orderBy('id', 'desc').executeTakeFirst();
    const code = row && /(\d{6})/.exec(row.body)?.[1];
    if (code) return code;
    if (Date.now() > deadline) throw new Error(`no code was sent to ${phone}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A signed-in API caller through app.inject (set-up only; the stories themselves run in the browser). */
export async function apiAs(app: Running['app'], who: Credentials) {
  const res = await app.inject({ method: 'POST', url: '/api/auth/password', payload: who });
  assert.equal(res.statusCode, 200, res.body);
  const cookie = res.cookies.find((c) => c.name === 'lx_session');
  assert.ok(cookie, `${who.login} got a session cookie`);
  const headers = { cookie: `lx_session=${cookie.value}`, 'x-csrf-token': res.json().csrfToken as string };
  return {
    userId: res.json().user.id as string,
    async call(method: 'GET' | 'PUT' | 'POST', url: string, payload?: Record<string, unknown>) {
      const r = await app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
      return { status: r.statusCode, json: r.body ? r.json() : null };
    },
  };
}
