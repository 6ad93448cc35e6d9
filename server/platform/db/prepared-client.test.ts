import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testDatabase } from '../../testing/harness.js';
import type { Db } from './database.js';
import { PREPARED, PREPARED_MARK, statementName } from './prepared-client.js';

describe('prepared statements beneath Kysely, for marked statements only', () => {
  test('a marked text is named, always with the same name; another text gets another; an unmarked text is not named', () => {
    const text = `select $1::int as n -- ${Math.random()} ${PREPARED_MARK}`;
    const name = statementName(text);
    assert.match(name ?? '', /^lx_[\w-]+$/);
    assert.equal(statementName(text), name);
    assert.notEqual(statementName(`select $1::int as m ${PREPARED_MARK}`), name);
    assert.equal(statementName('select $1::int as n'), undefined);
  });

  let db: Db;
  let drop: () => Promise<void>;
  before(async () => {
    ({ db, drop } = await testDatabase());
  });
  after(() => drop());

  const preparedTexts = (trx: Db) => sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(trx).then((r) => r.rows.map((x) => x.statement));

  test('a marked query built with Kysely is prepared on the server and answers correctly; an unmarked one is not prepared', async () => {
    const marker = `prep_${Date.now()}`;
    // One connection for all calls: a transaction pins it, and pg_prepared_statements is per connection.
    const found = await db.transaction().execute(async (trx) => {
      for (let i = 0; i < 3; i += 1) {
        const marked = await trx.selectNoFrom([sql<number>`${i}::int`.as('n'), sql<string>`${marker}::text`.as('tag')]).modifyEnd(PREPARED).execute();
        assert.deepEqual(marked[0], { n: i, tag: marker });
        await sql`select ${i}::int as unmarked`.execute(trx);
      }
      return preparedTexts(trx);
    });
    assert.ok(found.some((s) => s.includes('as "tag"') && s.endsWith(PREPARED_MARK)), 'the marked text is a prepared statement');
    assert.ok(!found.some((s) => s.includes('as unmarked')), 'an unmarked text is not');
  });

  test('an error in a prepared statement leaves the connection usable', async () => {
    for (let i = 0; i < 4; i += 1) {
      await assert.rejects(sql`select 1 / ${0}::int ${PREPARED}`.execute(db), /division by zero/);
    }
    const r = await sql<{ n: number }>`select ${7}::int as n ${PREPARED}`.execute(db);
    assert.equal(r.rows[0]!.n, 7);
  });
});
