import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import { seedRegionsDemo } from '../regions/demo-seed.js';
import { seedPeopleDemo } from '../people/demo-seed.js';
import { seedIdentityDemo } from '../identity/demo-seed.js';
import { actorOf, signIn } from '../../testing/factories.js';
import { call } from './test-helpers.js';
import { DEMO_CASE_COUNT, DEMO_RESIDENT_PHONE, seedCasesDemo } from './demo-seed.js';
import { bulkSeedCases } from './bulk-seed.js';
import { TRACKING_NUMBER_PATTERN } from '../../../common/cases/types.js';

/**
 * The demo's year of cases: how many, routed to real units, numbered,
 * searchable, with consistent timelines and the seeds' outcome rates; the
 * demo villages and the demo resident have their own; and bulk loads never
 * hand out a tracking number that live intake hands out too.
 */

let t: TestApp;
let seedMs = 0;
before(async () => {
  t = await createTestApp({ config: { logLevel: 'error' } });
  t.clock.set('2026-11-22T04:00:00Z');
  const ctx = t.ctx();
  await seedRegionsDemo(ctx);
  await seedPeopleDemo(ctx);
  await seedIdentityDemo(ctx);
  const t0 = performance.now();
  await seedCasesDemo(ctx);
  seedMs = performance.now() - t0;
});
after(() => t.close());

const count = async (where = sql`true`) => Number((await sql<{ n: number }>`select count(*)::int as n from cases where ${where}`.execute(t.db)).rows[0]!.n);

test('a year of cases across the demo regions, each routed to a real unit and numbered once', async () => {
  console.log(`# demo cases seeded in ${Math.round(seedMs)} ms`);
  const total = await count();
  assert.ok(total >= DEMO_CASE_COUNT && total < DEMO_CASE_COUNT + 100, `${total}`);
  assert.equal(await count(sql`handling_unit_id is null`), 0);
  assert.equal(await count(sql`not exists (select 1 from units u where u.id = cases.handling_unit_id)`), 0);
  const first = await t.db.selectFrom('cases').select((eb) => [eb.fn.min('created_at').as('min'), eb.fn.max('created_at').as('max')]).executeTakeFirstOrThrow();
  assert.ok(new Date(first.min as Date) >= new Date('2025-11-22T00:00:00Z'));
  assert.ok(new Date(first.max as Date) <= t.clock.now());
  const counties = await sql<{ n: number }>`select count(distinct county_code)::int as n from cases`.execute(t.db);
  assert.ok(counties.rows[0]!.n >= 5, 'spread over the counties');
  const numbers = await t.db.selectFrom('cases').select('tracking_number').execute();
  assert.equal(new Set(numbers.map((n) => n.tracking_number)).size, numbers.length);
  assert.ok(numbers.every((n) => new RegExp(TRACKING_NUMBER_PATTERN).test(n.tracking_number)));
  // A day's counter is at least its highest number.
  const behind = await sql<{ n: number }>`
    select count(*)::int as n from case_tracking_counters k
    where k.last_value < (select max(substr(tracking_number, 9)::int) from cases where substr(tracking_number, 3, 6) = k.day)`.execute(t.db);
  assert.equal(behind.rows[0]!.n, 0);
});

test('outcomes follow the seeds: ≈ 99 % of old cases solved, most rated 满意, some open and overdue', async () => {
  const old = sql`created_at < now() - interval '40 days'`;
  const oldTotal = await count(old);
  const solved = await count(sql`${old} and status in ('resolved', 'closed')`);
  assert.ok(solved / oldTotal > 0.975 && solved / oldTotal < 0.999, `solved ${solved}/${oldTotal}`);
  const rated = await count(sql`rating is not null`);
  const satisfied = await count(sql`rating = 'satisfied'`);
  assert.ok(satisfied / rated > 0.85, `${satisfied}/${rated}`);
  assert.ok((await count(sql`rating = 'dissatisfied'`)) > 0);
  assert.ok((await count(sql`reopen_count > 0`)) > 0, 'some reopened');
  assert.ok((await count(sql`status in ('withdrawn', 'rejected')`)) > 0);
  const now = t.clock.now();
  assert.ok((await count(sql`status in ('assigned', 'accepted') and resolution_due_at < ${now}`)) > 0, 'some overdue');
  assert.ok((await count(sql`status in ('assigned', 'accepted')`)) > 20, 'queues are not empty');
  const channels = await sql<{ channel: string }>`select distinct channel from cases order by 1`.execute(t.db);
  assert.deepEqual(
    channels.rows.map((r) => r.channel),
    ['app', 'hotline', 'open311'],
  );
});

test('timelines are consistent with the states and the times', async () => {
  // The first event is the submission at created_at; closed cases end with the rating; the state is the last event's.
  const bad = await sql<{ n: number }>`
    select count(*)::int as n from cases c
    cross join lateral (select array_agg(e.kind order by e.id) as kinds, array_agg(e.to_status order by e.id) as states,
                               min(e.created_at) as first_at, bool_and(e.created_at >= c.created_at) as after_created
                        from case_events e where e.case_id = c.id) t
    where t.kinds[1] <> 'submitted' or t.first_at <> c.created_at or not t.after_created
       or t.states[array_length(t.states, 1)] <> c.status
       or (c.status = 'closed' and (c.rated_at is null or c.rating is null or c.closed_at <> c.rated_at))
       or (c.responded_at is not null and c.responded_at < c.created_at)
       or (c.resolved_at is not null and c.resolved_at < c.responded_at)
       or (c.rated_at is not null and c.rated_at < c.resolved_at)
       or c.updated_at > ${t.clock.now()}`.execute(t.db);
  assert.equal(bad.rows[0]!.n, 0);
  const audit = await sql<{ n: number }>`select count(*)::int as n from case_events e where e.created_at > ${t.clock.now()}`.execute(t.db);
  assert.equal(audit.rows[0]!.n, 0, 'nothing happens in the future');
});

test('the demo villages and the demo resident have their cases; search finds 2-character words', async () => {
  assert.ok((await count(sql`region_code = '430212101201'`)) >= 16);
  assert.ok((await count(sql`region_code = '430281102201'`)) >= 16);
  const resident = await t.db.selectFrom('users').select('id').where('phone', '=', DEMO_RESIDENT_PHONE).executeTakeFirstOrThrow();
  const who = await signIn(t, resident.id);
  const mine = await call(t, who, 'GET', '/api/cases/mine');
  assert.equal(mine.status, 200);
  assert.ok(mine.json.total >= 6, JSON.stringify(mine.json).slice(0, 200));
  for (const word of ['噪音', '低保', '电梯', '路灯']) {
    const found = await call(t, null, 'GET', `/api/cases/public?q=${encodeURIComponent(word)}`);
    assert.equal(found.status, 200);
    assert.ok(found.json.total > 0, word);
  }
  const cadre = await t.db.selectFrom('users').select('id').where('username', '=', 'sjc_shuji').executeTakeFirstOrThrow();
  const actor = await actorOf(t.db, cadre.id);
  assert.ok(actor.grants.length > 0);
  const queue = await call(t, await signIn(t, cadre.id), 'GET', '/api/cases/queue?status=assigned&status=accepted');
  assert.equal(queue.status, 200);
  assert.ok(queue.json.total > 0, 'the 双江村 cadre has open cases');
});

test('a bulk load next to live intake: numbers never collide, the figures are rebuilt', async () => {
  const before = await count();
  const { inserted } = await bulkSeedCases(t.db, { count: 300, from: new Date(t.clock.now().getTime() - 2 * 3600 * 1000), to: t.clock.now(), now: t.clock.now(), regionPrefix: '430212', timeline: false });
  assert.equal(inserted, 300);
  assert.equal(await count(), before + 300);
  const resident = await t.db.selectFrom('users').select('id').where('phone', '=', DEMO_RESIDENT_PHONE).executeTakeFirstOrThrow();
  const res = await call(t, await signIn(t, resident.id), 'POST', '/api/cases', {
    categoryCode: 'environment.noise',
    title: '夜宵摊噪音',
    description: '晚上十二点还很吵。',
    regionCode: '430212101201',
  });
  assert.equal(res.status, 201, JSON.stringify(res.json));
  const dup = await count(sql`tracking_number = ${res.json.trackingNumber}`);
  assert.equal(dup, 1);
  const stats = await sql<{ n: number }>`select count(*)::int as n from case_stats_regions`.execute(t.db);
  assert.ok(stats.rows[0]!.n > 0, 'the statistics roll-ups were rebuilt');
});
