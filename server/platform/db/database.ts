import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import { PreparingClient } from './prepared-client.js';

/**
 * The typed shape of every table. Each module adds its tables by declaration
 * merging in its own `tables.ts`:
 *
 *   declare module '../../platform/db/database.js' {
 *     interface Database { regions: RegionsTable }
 *   }
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface Database {}

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Either the pool or a transaction: repositories accept both. */
export type Executor = Kysely<Database>;

// int8 and numeric come back as strings by default; counts fit in JS numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number.parseFloat(v));

export function createDb(connectionString: string, max = 20): { db: Db; pool: pg.Pool } {
  // PreparingClient: statements marked PREPARED are prepared once per connection (prepared-client.ts).
  const pool = new pg.Pool({ connectionString, max, application_name: 'lianxin', Client: PreparingClient });
  pool.on('error', () => {
    /* a dropped idle client is replaced on next use */
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, pool };
}

/** Creates the database if it does not exist (connecting through `postgres`). */
export async function ensureDatabase(serverUrl: string, name: string, template?: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) {
      const tpl = template ? ` template ${quoteIdent(template)}` : '';
      await client.query(`create database ${quoteIdent(name)}${tpl} encoding 'UTF8'`);
    }
  } finally {
    await client.end();
  }
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
