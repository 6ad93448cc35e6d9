import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testDatabase } from '../../testing/harness.js';
import type { Db } from './database.js';
import { statementName } from './prepared-client.js';

describe('prepared statements beneath Kysely', () => {
  test('a text is named from its third sighting on, always with the same name; another text gets another name', () => {
    const text = `select $1::int as n -- ${Math.random()}`;
    assert.equal(statementName(text), undefined);
    assert.equal(statementName(text), undefined);
    const name = statementName(text);
    assert.match(name ?? '', /^lx_[\w-]+$/);
    assert.equal(statementName(text), name);
    const other = `select $1::int as m -- ${Math.random()}`;
    for (let i = 0; i < 3; i += 1) statementName(other);
    assert.notEqual(statementName(other), name);
  });

  let db: Db;
  let drop: () => Promise<void>;
  before(async () => {
    ({ db, drop } = await testDatabase());
  });
  after(() => drop());

  test('a parameterised query run often is prepared on the server and still answers correctly; a parameterless one is not', async () => {
    const marker = `prep_${Date.now()}`;
    // One connection for all calls: a transaction pins it, and pg_prepared_statements is per connection.
    const found = await db.transaction().execute(async (trx) => {
      for (let i = 0; i < 5; i += 1) {
        const r = await sql<{ n: number; tag: string }>`select ${i}::int as n, ${marker}::text as tag`.execute(trx);
        assert.deepEqual(r.rows[0], { n: i, tag: marker });
      }
      for (let i = 0; i < 5; i += 1) await sql`select 'no parameters' as x`.execute(trx);
      return (await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(trx)).rows.map((r) => r.statement);
    });
    assert.ok(found.some((s) => s.includes('::text as tag')), 'the hot parameterised text is a prepared statement');
    assert.ok(!found.some((s) => s.includes('no parameters')), 'a parameterless text (it may hold several statements) is never prepared');
  });

  test('plans stay custom: a generic plan is never chosen for a prepared statement', async () => {
    const r = await sql<{ plan_cache_mode: string }>`show plan_cache_mode`.execute(db);
    assert.equal(r.rows[0]!.plan_cache_mode, 'force_custom_plan');
  });

  test('an error in a prepared statement leaves the connection usable', async () => {
    for (let i = 0; i < 4; i += 1) {
      await assert.rejects(sql`select 1 / ${0}::int`.execute(db), /division by zero/);
    }
    const r = await sql<{ n: number }>`select ${7}::int as n`.execute(db);
    assert.equal(r.rows[0]!.n, 7);
  });
});
