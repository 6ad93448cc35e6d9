import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';

/**
 * Server-side prepared statements for the few statements that every request
 * or every intake runs (the session lookup, the reference version check, the
 * intake's write, its number and on-duty lookups), chosen by the code that
 * writes them: a statement whose text ends with `PREPARED` is sent as a named
 * statement, parsed once per connection, and after five calls PostgreSQL may
 * keep a generic plan instead of planning it again each time. Kysely cannot name a statement, so
 * this is done beneath it, by the pool's `Client` option.
 *
 * Only statements whose best plan does not depend on their values are marked
 * (a lookup by primary key, the intake's insert of unnest arrays): a generic
 * plan, made without the values, made the county-filtered public search 2–3 ×
 * slower when every hot statement was prepared. Unmarked statements run
 * unnamed, planned for their values every time.
 *
 * @example
 *   db.selectFrom('sessions').selectAll().where('id', '=', id).modifyEnd(PREPARED)
 */
export const PREPARED_MARK = '/* prepared */';
export const PREPARED = sql.raw(` ${PREPARED_MARK}`);

// Marked texts are few and fixed; the cap only guards against a marked text built with a varying shape.
const MAX_NAMES = 200;
const names = new Map<string, string>();

/** The statement name for a marked text, or undefined for an unmarked one (or past the cap). */
export function statementName(text: string): string | undefined {
  if (!text.endsWith(PREPARED_MARK)) return undefined;
  let name = names.get(text);
  if (!name && names.size < MAX_NAMES) {
    name = `lx_${createHash('sha1').update(text).digest('base64url')}`;
    names.set(text, name);
  }
  return name;
}

export class PreparingClient extends pg.Client {
  // pg's overloads are many; the one Kysely uses is query(text, values). A marked text is one statement (a named
  // statement cannot hold several), with parameters or without.
  override query(config: any, values?: any, callback?: any): any {
    if (typeof config === 'string' && (values === undefined || Array.isArray(values)) && typeof callback !== 'function') {
      const name = statementName(config);
      if (name) return super.query({ name, text: config, values: values ?? [] });
    }
    return super.query(config, values, callback);
  }
}
