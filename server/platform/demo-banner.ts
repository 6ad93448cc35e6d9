import type { Db } from './db/database.js';

/** The demo sign-ins printed at start; the people module records them when seeding. */
export async function demoSignInLines(db: Db): Promise<string[]> {
  const row = await db.selectFrom('platform_state').select('value').where('key', '=', 'demo_logins').executeTakeFirst();
  const logins = (row?.value ?? []) as { who: string; login: string; secret: string }[];
  if (logins.length === 0) return [];
  return ['', '演示账号 Demo sign-ins:', ...logins.map((l) => `  ${l.who.padEnd(12, '　')} ${l.login.padEnd(14)} ${l.secret}`)];
}
