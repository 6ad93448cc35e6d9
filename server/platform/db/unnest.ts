import { sql, type RawBuilder } from 'kysely';

/** A column of rows sent as one array parameter: its name, its PostgreSQL type, and how to read it from a row. */
export type UnnestColumn<T> = readonly [name: string, type: string, value: (row: T) => unknown];

/**
 * `unnest($1::type1[], $2::type2[], …) as alias(name1, name2, …)`: many rows
 * as one array parameter per column. Unlike a multi-row VALUES list, the SQL
 * text is the same whatever the number of rows, so PostgreSQL parses it once
 * per connection (a prepared statement, platform/db/prepared-client.ts) and
 * the driver binds a few arrays instead of rows × columns parameters.
 *
 * @example
 *   sql`insert into t (a, b) select * from ${unnestRows(rows, [['a', 'uuid', (r) => r.a], ['b', 'text', (r) => r.b]], 'x')}`
 */
export function unnestRows<T>(rows: readonly T[], columns: readonly UnnestColumn<T>[], alias: string): RawBuilder<unknown> {
  const arrays = columns.map(([, type, value]) => sql`${rows.map(value)}::${sql.raw(type)}[]`);
  return sql`unnest(${sql.join(arrays)}) as ${sql.raw(alias)}(${columnNames(columns)})`;
}

/** The column names of `columns`, for an insert's column list. */
export function columnNames<T>(columns: readonly UnnestColumn<T>[]): RawBuilder<unknown> {
  return sql.raw(columns.map(([name]) => name).join(', '));
}
