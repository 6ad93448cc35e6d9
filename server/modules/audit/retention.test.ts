import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import PgBoss from 'pg-boss';
import { testDatabase, TestClock } from '../../testing/harness.js';
import type { Db } from '../../platform/db/database.js';
import { purgeExpiredAudit, retentionCutoff } from './service.js';
import { AUDIT_RETENTION_CRON, AUDIT_RETENTION_QUEUE, auditModule, registerAuditJobs } from './index.js';

let db: Db;
let url: string;
let drop: () => Promise<void>;
before(async () => {
  ({ db, url, drop } = await testDatabase());
});
after(() => drop());

/**
 * Inserts `count` entries written `age` ago by the database's clock: the
 * trigger that guards the log compares with now(), not with any test clock.
 */
async function insertAged(action: string, age: string, count = 1): Promise<void> {
  await sql`
    insert into audit_log (action, target_type, target_id, created_at)
    select ${action}, 'test', g::text, now() - ${age}::interval
      from generate_series(1, ${count}::int) g`.execute(db);
}

const countOf = async (action: string) =>
  Number((await db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).where('action', '=', action).executeTakeFirstOrThrow()).n);

const realNow = async () => (await sql<{ now: Date }>`select now() as now`.execute(db)).rows[0].now;

test('the retention cutoff is six calendar months before the clock', () => {
  assert.equal(retentionCutoff(new Date('2026-11-20T02:00:00Z')).toISOString(), '2026-05-20T02:00:00.000Z');
  assert.equal(retentionCutoff(new Date('2027-01-10T00:00:00Z')).toISOString(), '2026-07-10T00:00:00.000Z');
});

test('the purge deletes entries older than six months, keeps younger ones, and records itself', async () => {
  await insertAged('old.seven_months', '7 months', 3);
  await insertAged('old.six_months_one_day', '6 months 1 day');
  await insertAged('young.five_months', '5 months', 2);
  await insertAged('young.today', '0 seconds');
  const clock = new TestClock(await realNow());

  const result = await purgeExpiredAudit({ db, clock });

  assert.equal(result.deleted, 4);
  assert.equal(await countOf('old.seven_months'), 0);
  assert.equal(await countOf('old.six_months_one_day'), 0);
  assert.equal(await countOf('young.five_months'), 2);
  assert.equal(await countOf('young.today'), 1);
  const record = await db.selectFrom('audit_log').selectAll().where('action', '=', 'audit.purge').executeTakeFirstOrThrow();
  assert.equal(record.actor_id, null);
  assert.deepEqual(record.after, { deleted: 4, olderThan: retentionCutoff(clock.now()).toISOString() });
});

test('a purge with nothing to delete leaves no trace', async () => {
  const before = await countOf('audit.purge');
  const result = await purgeExpiredAudit({ db, clock: new TestClock(await realNow()) });
  assert.equal(result.deleted, 0);
  assert.equal(await countOf('audit.purge'), before);
});

test('a clock running ahead cannot purge what the law says to keep (the database clock decides too)', async () => {
  await insertAged('young.four_months', '4 months');
  const future = new TestClock(await realNow());
  future.advance(2 * 365 * 24 * 60 * 60 * 1000);
  const result = await purgeExpiredAudit({ db, clock: future });
  assert.equal(result.deleted, 0);
  assert.equal(await countOf('young.four_months'), 1);
  assert.equal(await countOf('young.five_months'), 2);
});

test('a clock running behind purges less: only what is old by both clocks', async () => {
  await insertAged('old.eight_months', '8 months');
  await insertAged('old.twelve_months', '12 months');
  const behind = new TestClock(await realNow());
  behind.advance(-3 * 30 * 24 * 60 * 60 * 1000); // ~3 months behind: cutoff ~9 months ago
  const result = await purgeExpiredAudit({ db, clock: behind });
  assert.equal(result.deleted, 1);
  assert.equal(await countOf('old.twelve_months'), 0);
  assert.equal(await countOf('old.eight_months'), 1);
  await purgeExpiredAudit({ db, clock: new TestClock(await realNow()) });
  assert.equal(await countOf('old.eight_months'), 0);
});

test('more entries than one batch are all purged, batch after batch', async () => {
  await insertAged('old.bulk', '7 months', 12_001);
  const result = await purgeExpiredAudit({ db, clock: new TestClock(await realNow()) });
  assert.equal(result.deleted, 12_001);
  assert.equal(await countOf('old.bulk'), 0);
});

test('outside the purge the log stays append-only: the switch is local to the purge’s transactions', async () => {
  await insertAged('old.untouchable', '7 months');
  await assert.rejects(sql`delete from audit_log where action = 'old.untouchable'`.execute(db), /append-only/);
  // Even with the switch on, nothing younger than six months can go.
  await assert.rejects(
    db.transaction().execute(async (trx) => {
      await sql`select set_config('lianxin.audit_purge', 'on', true)`.execute(trx);
      await sql`delete from audit_log where action = 'young.today'`.execute(trx);
    }),
    /append-only/,
  );
  assert.equal(await countOf('young.today'), 1);
});

test('the module registers a daily retention job in Beijing time, whose worker runs the purge', async () => {
  assert.equal(auditModule.jobs, registerAuditJobs);
  await insertAged('old.for_the_worker', '7 months');
  const boss = new PgBoss({ connectionString: url, schema: 'pgboss', max: 2 });
  await boss.start();
  try {
    await registerAuditJobs(boss, { db, clock: new TestClock(await realNow()) });
    const schedules = await boss.getSchedules();
    const mine = schedules.find((s) => s.name === AUDIT_RETENTION_QUEUE);
    assert.ok(mine, JSON.stringify(schedules));
    assert.equal(mine.cron, AUDIT_RETENTION_CRON);
    assert.equal((mine as unknown as { timezone: string }).timezone, 'Asia/Shanghai');
    // Run it now instead of waiting for 03:17: the worker must purge.
    const id = await boss.send(AUDIT_RETENTION_QUEUE, {});
    assert.ok(id);
    const deadline = Date.now() + 15_000;
    let state: string | undefined;
    while (Date.now() < deadline) {
      state = (await boss.getJobById(AUDIT_RETENTION_QUEUE, id))?.state;
      if (state === 'completed' || state === 'failed') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(state, 'completed');
    assert.equal(await countOf('old.for_the_worker'), 0);
  } finally {
    await boss.stop({ graceful: false, wait: true, timeout: 2000 });
  }
});
