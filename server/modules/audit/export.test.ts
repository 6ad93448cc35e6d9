import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import { makeStaff, signIn, type SignedIn } from '../../testing/factories.js';
import { EXPORT_MAX_ROWS } from './service.js';

/** The big-export behaviour and the query plans, on a log of 100,000+ entries. */
let t: TestApp;
let admin: SignedIn;
before(async () => {
  t = await createTestApp();
  admin = await signIn(t, await makeStaff(t.db, 'admin', '430200000000'));
});
after(() => t.close());

const csvIds = (body: string) =>
  body
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .slice(1)
    .filter(Boolean)
    .map((line) => Number(line.split(',')[0]));

test('an export reads past chunk boundaries without skipping or repeating rows that share a millisecond', async () => {
  // 5,000 rows one microsecond apart: 5 ms in all, so every 2,000-row chunk
  // ends inside a millisecond that the next chunk starts in.
  await sql`
    insert into audit_log (action, target_type, target_id, created_at)
    select 'micro.tick', 'test', g::text, timestamptz '2026-11-01 00:00:00+00' + g * interval '1 microsecond'
      from generate_series(1, 5000) g`.execute(t.db);
  // And 50 rows with the very same time, ordered by id.
  await sql`
    insert into audit_log (action, target_type, target_id, created_at)
    select 'micro.same', 'test', g::text, timestamptz '2026-11-01 00:00:00.0025+00'
      from generate_series(1, 50) g`.execute(t.db);
  const res = await t.app.inject({ method: 'GET', url: '/api/audit/export.csv?action=micro.', headers: admin.headers });
  assert.equal(res.statusCode, 200);
  const ids = csvIds(res.body);
  assert.equal(ids.length, 5050);
  assert.equal(new Set(ids).size, 5050);
  const expected = await t.db
    .selectFrom('audit_log')
    .select('id')
    .where('action', 'like', 'micro.%')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  assert.deepEqual(ids, expected.map((r) => Number(r.id)));
});

test(`an export of more than ${EXPORT_MAX_ROWS.toLocaleString('en-US')} entries is refused, naming the period to narrow`, async () => {
  await sql`
    insert into audit_log (action, target_type, target_id, created_at)
    select 'bulk.entry', 'test', g::text, timestamptz '2026-10-01 00:00:00+08' + g * interval '1 second'
      from generate_series(1, ${EXPORT_MAX_ROWS + 1}::int) g`.execute(t.db);
  const exportsBefore = await t.db.selectFrom('audit_log').select('id').where('action', '=', 'audit.export').execute();
  const res = await t.app.inject({ method: 'GET', url: '/api/audit/export.csv?action=bulk.', headers: admin.headers });
  assert.equal(res.statusCode, 400);
  assert.equal(res.json().error.field, 'from');
  assert.equal(res.json().error.message, '符合条件的记录超过 100,000 条，请缩小时间范围后再导出');
  const exportsAfter = await t.db.selectFrom('audit_log').select('id').where('action', '=', 'audit.export').execute();
  assert.equal(exportsAfter.length, exportsBefore.length, 'a refused export is not recorded as one');
});

test(`exactly ${EXPORT_MAX_ROWS.toLocaleString('en-US')} entries stream out whole`, async () => {
  // The oldest bulk entry is at 00:00:01 (Beijing); starting one second later leaves 100,000.
  const started = Date.now();
  const res = await t.app.inject({
    method: 'GET',
    url: '/api/audit/export.csv?action=bulk.&from=2026-10-01T00:00:02%2B08:00',
    headers: admin.headers,
  });
  assert.equal(res.statusCode, 200);
  assert.equal(res.headers['x-row-count'], String(EXPORT_MAX_ROWS));
  const ids = csvIds(res.body);
  assert.equal(ids.length, EXPORT_MAX_ROWS);
  assert.equal(new Set(ids).size, EXPORT_MAX_ROWS);
  const lines = res.body.split('\r\n');
  assert.match(lines[1], /^\d+,2026-10-02 03:46:41,/); // the newest: 00:00 + 100,001 s
  assert.match(lines[EXPORT_MAX_ROWS], /^\d+,2026-10-01 00:00:02,/);
  console.log(`# exported ${EXPORT_MAX_ROWS} rows (${(res.rawPayload.length / 1e6).toFixed(1)} MB) in ${Date.now() - started} ms`);
});

test('the list pages through a large log with a total', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/api/audit?action=bulk.&pageSize=100&page=3', headers: admin.headers });
  assert.equal(res.statusCode, 200);
  const body = res.json();
  assert.equal(body.total, EXPORT_MAX_ROWS + 1);
  assert.equal(body.items.length, 100);
  assert.equal(body.items[0].targetId, String(EXPORT_MAX_ROWS + 1 - 200));
});

async function plan(query: ReturnType<typeof sql>): Promise<string> {
  return t.db.transaction().execute(async (trx) => {
    await sql`set local enable_seqscan = off`.execute(trx);
    const { rows } = await sql<{ 'QUERY PLAN': string }>`explain ${query}`.execute(trx);
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  });
}

test('the action filter and the distinct-actions walk use audit_log_action_idx', async () => {
  await sql`analyze audit_log`.execute(t.db);
  const prefix = await plan(sql`select id from audit_log where action collate "C" like 'bulk.%'`);
  assert.match(prefix, /audit_log_action_idx/, prefix);
  const walk = await plan(sql`
    with recursive a(action) as (
      (select action from audit_log order by action collate "C" limit 1)
      union all
      select (select l.action from audit_log l where l.action collate "C" > a.action collate "C" order by l.action collate "C" limit 1)
        from a where a.action is not null)
    select action from a where action is not null`);
  assert.match(walk, /Index Only Scan using audit_log_action_idx/, walk);
  const res = await t.app.inject({ method: 'GET', url: '/api/audit/actions', headers: admin.headers });
  assert.deepEqual(res.json().items, ['audit.export', 'bulk.entry', 'micro.same', 'micro.tick']);
});
