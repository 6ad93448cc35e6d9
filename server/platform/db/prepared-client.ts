import { createHash } from 'node:crypto';
import pg from 'pg';

/**
 * A `pg` client that turns the statements this process sends again and again
 * into named (server-side prepared) statements, so PostgreSQL parses each one
 * once per connection (about a tenth of a small query's time; the intake's
 * batch insert has one text whatever its size, see platform/db/unnest.ts).
 * Plans stay custom (the pool sets `plan_cache_mode = force_custom_plan`, see
 * database.ts): a generic plan, made without the values, is a risk no list
 * query should take. Kysely cannot name a statement, so this is done beneath
 * it, by the pool's `Client` option.
 *
 * Which statements: only parameterised ones (a parameterless text may hold
 * several statements, which the extended protocol refuses), only texts seen
 * `HOT_AFTER` times (a one-off query is not worth a server-side statement),
 * and at most `MAX_NAMES` distinct texts per process (texts that differ by
 * list length, e.g. `in ($1, $2, …)`, would otherwise grow without bound;
 * past the cap, new texts run unnamed as before). The name is a hash of the
 * text, so one name never stands for two texts.
 *
 * Prepared statements outlive a transaction's rollback and end with the
 * connection; a schema change under a live connection makes PostgreSQL
 * re-plan them by itself (migrations run before the app serves).
 */
const HOT_AFTER = 3;
const MAX_NAMES = 2000;

const seen = new Map<string, number>();
const names = new Map<string, string>();

/** The statement name for `text`, or undefined while it is not hot (or the cap is reached). */
export function statementName(text: string): string | undefined {
  const known = names.get(text);
  if (known) return known;
  if (names.size >= MAX_NAMES) return undefined;
  const count = (seen.get(text) ?? 0) + 1;
  if (count < HOT_AFTER) {
    // Bounded too: a stream of one-off texts must not grow this map forever.
    if (seen.size >= MAX_NAMES * 4) seen.clear();
    seen.set(text, count);
    return undefined;
  }
  seen.delete(text);
  const name = `lx_${createHash('sha1').update(text).digest('base64url')}`;
  names.set(text, name);
  return name;
}

export class PreparingClient extends pg.Client {
  // pg's overloads are many; the one Kysely uses is query(text, values).
  override query(config: any, values?: any, callback?: any): any {
    if (typeof config === 'string' && Array.isArray(values) && values.length > 0 && typeof callback !== 'function') {
      const name = statementName(config);
      if (name) return super.query({ name, text: config, values });
    }
    return super.query(config, values, callback);
  }
}
