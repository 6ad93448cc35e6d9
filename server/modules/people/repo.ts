import { sql, type ExpressionBuilder } from 'kysely';
import type { Database, Executor } from '../../platform/db/database.js';
import type { Role } from '../../platform/context.js';
import type { PersonFacts } from './policy.js';

/** Queries about people and their role grants. */

export interface PersonRow {
  id: string;
  name: string;
  phone: string | null;
  username: string | null;
  status: 'active' | 'disabled';
  created_at: Date;
}

export interface GrantRow {
  id: string;
  user_id: string;
  role: string;
  unit_id: string;
  granted_by: string | null;
  created_at: Date;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function findPerson(db: Executor, id: string): Promise<PersonRow | undefined> {
  return db.selectFrom('users').select(['id', 'name', 'phone', 'username', 'status', 'created_at']).where('id', '=', id).executeTakeFirst();
}

/** Locks the person's row for the rest of the transaction (serialises changes to their grants or households). */
export async function lockPerson(db: Executor, id: string): Promise<boolean> {
  return !!(await db.selectFrom('users').select('id').where('id', '=', id).forUpdate().executeTakeFirst());
}

export async function phoneTaken(db: Executor, phone: string): Promise<boolean> {
  return !!(await db.selectFrom('users').select('id').where('phone', '=', phone).executeTakeFirst());
}

export async function usernameTaken(db: Executor, username: string): Promise<boolean> {
  return !!(await db.selectFrom('users').select('id').where(sql<string>`lower(username)`, '=', username.toLowerCase()).executeTakeFirst());
}

export async function insertPerson(db: Executor, values: { name: string; phone: string | null; username: string | null }): Promise<string> {
  const row = await db.insertInto('users').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function grantsOf(db: Executor, userIds: string[]): Promise<GrantRow[]> {
  if (userIds.length === 0) return [];
  return db
    .selectFrom('role_grants')
    .select(['id', 'user_id', 'role', 'unit_id', 'granted_by', 'created_at'])
    .where('user_id', 'in', [...new Set(userIds)])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function findGrant(db: Executor, id: string): Promise<GrantRow | undefined> {
  return db
    .selectFrom('role_grants')
    .select(['id', 'user_id', 'role', 'unit_id', 'granted_by', 'created_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function grantExists(db: Executor, userId: string, role: Role, unitId: string): Promise<boolean> {
  return !!(await db
    .selectFrom('role_grants')
    .select('id')
    .where('user_id', '=', userId)
    .where('role', '=', role)
    .where('unit_id', '=', unitId)
    .executeTakeFirst());
}

/** Inserts a grant unless it exists; returns its id and whether it is new. */
export async function insertGrant(
  db: Executor,
  values: { user_id: string; role: Role; unit_id: string; granted_by: string | null },
): Promise<{ id: string; created: boolean }> {
  const row = await db
    .insertInto('role_grants')
    .values(values)
    .onConflict((oc) => oc.constraint('role_grants_unique').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (row) return { id: row.id, created: true };
  const existing = await db
    .selectFrom('role_grants')
    .select('id')
    .where('user_id', '=', values.user_id)
    .where('role', '=', values.role)
    .where('unit_id', '=', values.unit_id)
    .executeTakeFirstOrThrow();
  return { id: existing.id, created: false };
}

export async function deleteGrant(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('role_grants').where('id', '=', id).execute();
}

export async function countRole(db: Executor, userId: string, role: Role): Promise<number> {
  const row = await db
    .selectFrom('role_grants')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('role', '=', role)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Where a person is, for the scope policies: the region codes of the units
 * they hold roles at (read through a join on units: scope is a prefix match
 * on the unit's region code), their departments, and their households
 * (pending or verified, so cadres can check who is asking to join).
 */
export async function personFacts(db: Executor, id: string): Promise<PersonFacts> {
  const [grants, households] = await Promise.all([
    db
      .selectFrom('role_grants as g')
      .innerJoin('units as u', 'u.id', 'g.unit_id')
      .select(['u.id as unit_id', 'u.kind', 'u.region_code'])
      .where('g.user_id', '=', id)
      .execute(),
    db
      .selectFrom('household_members as m')
      .innerJoin('households as h', 'h.id', 'm.household_id')
      .select('h.region_code')
      .where('m.user_id', '=', id)
      .where('m.status', '<>', 'rejected')
      .execute(),
  ]);
  return {
    id,
    grantRegionCodes: grants.map((g) => g.region_code),
    grantDepartmentIds: grants.filter((g) => g.kind === 'department').map((g) => g.unit_id),
    householdRegionCodes: households.map((h) => h.region_code),
  };
}

export type PeopleScope = { all: true } | { all: false; selfId: string; prefixes: string[]; departmentIds: string[] };

export interface PeopleFilter {
  scope: PeopleScope;
  q?: string;
  regionPrefix?: string;
  role?: Role;
}

function likeAny(eb: ExpressionBuilder<any, any>, column: string, prefixes: string[]) {
  return eb.or(prefixes.map((p) => eb(column, 'like', `${escapeLike(p)}%`)));
}

function peopleWhere(eb: ExpressionBuilder<Database, 'users'>, f: PeopleFilter) {
  const conds = [];
  const grantIn = (build: (e: ExpressionBuilder<any, any>) => any) =>
    eb.exists(
      eb
        .selectFrom('role_grants as g')
        .innerJoin('units as u', 'u.id', 'g.unit_id')
        .select(sql.lit(1).as('one'))
        .whereRef('g.user_id', '=', 'users.id')
        .where((e) => build(e)),
    );
  const householdIn = (prefixes: string[]) =>
    eb.exists(
      eb
        .selectFrom('household_members as m')
        .innerJoin('households as h', 'h.id', 'm.household_id')
        .select(sql.lit(1).as('one'))
        .whereRef('m.user_id', '=', 'users.id')
        .where('m.status', '<>', 'rejected')
        .where((e) => likeAny(e, 'h.region_code', prefixes)),
    );

  if (!f.scope.all) {
    const { selfId, prefixes, departmentIds } = f.scope;
    const inScope = [eb('users.id', '=', selfId)];
    if (prefixes.length) {
      inScope.push(grantIn((e) => likeAny(e, 'u.region_code', prefixes)));
      inScope.push(householdIn(prefixes));
    }
    if (departmentIds.length) inScope.push(grantIn((e) => e('g.unit_id', 'in', departmentIds)));
    conds.push(eb.or(inScope));
  }
  const q = f.q?.trim();
  if (q) {
    const pattern = `%${escapeLike(q)}%`;
    conds.push(
      /^\d{3,11}$/.test(q)
        ? eb('users.phone', 'like', pattern)
        : eb.or([eb('users.name', 'ilike', pattern), eb('users.username', 'ilike', `${escapeLike(q.toLowerCase())}%`)]),
    );
  }
  if (f.role || f.regionPrefix) {
    const byGrant = grantIn((e) =>
      e.and([
        ...(f.role ? [e('g.role', '=', f.role)] : []),
        ...(f.regionPrefix ? [likeAny(e, 'u.region_code', [f.regionPrefix])] : []),
      ]),
    );
    conds.push(f.regionPrefix && !f.role ? eb.or([byGrant, householdIn([f.regionPrefix])]) : byGrant);
  }
  return eb.and(conds);
}

/** A page of people matching the filter, by name. */
export async function listPeople(db: Executor, f: PeopleFilter, page: number, pageSize: number): Promise<{ rows: PersonRow[]; total: number }> {
  const [rows, count] = await Promise.all([
    db
      .selectFrom('users')
      .select(['id', 'name', 'phone', 'username', 'status', 'created_at'])
      .where((eb) => peopleWhere(eb, f))
      .orderBy('name')
      .orderBy('id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where((eb) => peopleWhere(eb, f))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
