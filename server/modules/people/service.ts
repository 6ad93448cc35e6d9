import type { Actor, Role, ServiceContext } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { STAFF_ROLES, authorize, isAdmin, scopePrefixes } from '../../platform/policy.js';
import { badRequest, conflict, forbidden, notFound, unauthorized } from '../../platform/errors.js';
import { maskName, maskPhone } from '../../../common/masking.js';
import { lookupRegions, lookupUnit, lookupUnits, requireUnit, type UnitRow } from '../regions/service.js';
import { setPassword } from '../identity/password-service.js';
import * as repo from './repo.js';
import * as households from './household-repo.js';
import { canCreatePerson, canGrantRole, canListPeople, canRevokeGrant, canViewPerson, roleFitsUnit } from './policy.js';
import { presentPersonDetail, presentPersonListItem, unitFacts, type MembershipInfo } from './presenter.js';
import type { AddGrantInput, CreatePersonInput, PersonListInput } from './schema.js';

/** Use cases about people and their role grants. */

function requireActor(ctx: ServiceContext): Actor {
  if (!ctx.actor) throw unauthorized();
  return ctx.actor;
}

/** `GET /people`: the directory of the caller's area (administrators: everyone). */
export async function listPeople(ctx: ServiceContext, input: PersonListInput) {
  const actor = requireActor(ctx);
  authorize(canListPeople(actor));
  const page = input.page ?? 1;
  const pageSize = input.pageSize ?? 20;
  const scope: repo.PeopleScope = isAdmin(actor)
    ? { all: true }
    : {
        all: false,
        selfId: actor.userId,
        prefixes: scopePrefixes(actor, STAFF_ROLES),
        departmentIds: actor.grants.filter((g) => g.departmentId !== null && STAFF_ROLES.includes(g.role)).map((g) => g.departmentId!),
      };
  const { rows, total } = await repo.listPeople(ctx.db, { scope, q: input.q, regionPrefix: input.regionPrefix, role: input.role }, page, pageSize);
  const grants = await repo.grantsOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  const units = await lookupUnits(
    ctx.db,
    grants.map((g) => g.unit_id),
  );
  return {
    items: rows.map((p) =>
      presentPersonListItem(
        p,
        grants.filter((g) => g.user_id === p.id),
        units,
        actor,
      ),
    ),
    total,
    page,
    pageSize,
  };
}

/** `GET /people/:id`: 404 unless the caller may see the person (existence of people is not public). */
export async function getPerson(ctx: ServiceContext, id: string) {
  const actor = requireActor(ctx);
  const person = await repo.findPerson(ctx.db, id);
  if (!person) throw notFound('person.not_found', 'id');
  const facts = await repo.personFacts(ctx.db, id);
  if (!canViewPerson(actor, facts)) throw notFound('person.not_found', 'id');

  const grants = await repo.grantsOf(ctx.db, [id]);
  const units = await lookupUnits(
    ctx.db,
    grants.map((g) => g.unit_id),
  );
  const householdIds = await households.householdIdsOf(ctx.db, id);
  const [rows, members] = await Promise.all([households.householdsByIds(ctx.db, householdIds), households.membersOf(ctx.db, householdIds)]);
  const regionNames = await lookupRegions(
    ctx.db,
    rows.map((h) => h.region_code),
  );
  const memberships: MembershipInfo[] = householdIds
    .map((hid) => {
      const household = rows.find((h) => h.id === hid)!;
      const mine = members.find((m) => m.household_id === hid && m.user_id === id)!;
      return { household, regionName: regionNames.get(household.region_code)?.name ?? '', relation: mine.relation, status: mine.status };
    })
    .filter((m) => m.household);
  return presentPersonDetail(person, grants, units, memberships, facts, actor);
}

/** The 403 for a grant the actor may not give or take away, saying why. */
function grantDenied(actor: Actor, role: Role) {
  return forbidden(role === 'admin' && !isAdmin(actor) ? 'grant.admin_only' : 'grant.out_of_scope');
}

/** Checks that the actor may grant `role` at `unit` and that the role belongs at such a unit. */
function checkGrant(actor: Actor, role: Role, unit: UnitRow): void {
  if (!canGrantRole(actor, role, unitFacts(unit))) throw grantDenied(actor, role);
  if (!roleFitsUnit(role, unitFacts(unit))) throw badRequest('grant.role_unit_mismatch', 'role', { unit: unit.name });
}

function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = err as { code?: string; constraint?: string };
  return e?.code === '23505' && (!constraint || e.constraint === constraint);
}

/**
 * `POST /people`: administrators create anyone; township officials and
 * village cadres create a person together with a role in their own area
 * (so the new person is in their scope from the start).
 */
export async function createPerson(ctx: ServiceContext, input: CreatePersonInput) {
  const actor = requireActor(ctx);
  authorize(canCreatePerson(actor));
  const name = input.name.trim();
  if (!name) throw badRequest('person.name_blank', 'name');
  const phone = input.phone ?? null;
  const username = input.username ?? null;
  if (!phone && !username) throw badRequest('person.login_required', 'phone');
  if (input.role && !input.unitId) throw badRequest('validation.required', 'unitId');
  if (input.unitId && !input.role) throw badRequest('validation.required', 'role');
  if (!input.role && !isAdmin(actor)) throw badRequest('person.grant_required', 'unitId');
  const unit = input.unitId ? await requireUnit(ctx.db, input.unitId) : null;
  if (unit && input.role) checkGrant(actor, input.role, unit);

  let id: string;
  try {
    id = await ctx.db.transaction().execute(async (trx) => {
      if (phone && (await repo.phoneTaken(trx, phone))) throw conflict('person.phone_taken', 'phone');
      if (username && (await repo.usernameTaken(trx, username))) throw conflict('person.username_taken', 'username');
      const userId = await repo.insertPerson(trx, { name, phone, username });
      if (input.password !== undefined) await setPassword(trx, userId, input.password, { now: ctx.clock.now() });
      await audit(trx, ctx, {
        action: 'user.created',
        targetType: 'user',
        targetId: userId,
        after: { name: maskName(name), phone: phone ? maskPhone(phone) : null, username, password: input.password !== undefined ? 'set' : 'none' },
      });
      if (unit && input.role) {
        const grant = await repo.insertGrant(trx, { user_id: userId, role: input.role, unit_id: unit.id, granted_by: actor.userId });
        await audit(trx, ctx, {
          action: 'role.granted',
          targetType: 'role_grant',
          targetId: grant.id,
          after: { userId, role: input.role, unitId: unit.id, unitName: unit.name },
        });
      }
      return userId;
    });
  } catch (err) {
    // A concurrent registration of the same phone or user name: the unique index decides.
    if (isUniqueViolation(err, 'users_phone_key')) throw conflict('person.phone_taken', 'phone');
    if (isUniqueViolation(err, 'users_username_key')) throw conflict('person.username_taken', 'username');
    throw err;
  }
  return getPerson(ctx, id);
}

/** The person, or a 404 when absent or outside the caller's sight. */
async function visiblePerson(ctx: ServiceContext, actor: Actor, id: string) {
  const person = await repo.findPerson(ctx.db, id);
  if (!person || !canViewPerson(actor, await repo.personFacts(ctx.db, id))) throw notFound('person.not_found', 'id');
  return person;
}

/** `POST /people/:id/grants`: give a role at a unit (same scope rule as creating; only administrators grant 'admin'). */
export async function addGrant(ctx: ServiceContext, personId: string, input: AddGrantInput) {
  const actor = requireActor(ctx);
  await visiblePerson(ctx, actor, personId);
  const unit = await requireUnit(ctx.db, input.unitId);
  checkGrant(actor, input.role, unit);
  try {
    await ctx.db.transaction().execute(async (trx) => {
      if (!(await repo.lockPerson(trx, personId))) throw notFound('person.not_found', 'id');
      if (await repo.grantExists(trx, personId, input.role, unit.id)) throw conflict('grant.duplicate', 'role');
      const grant = await repo.insertGrant(trx, { user_id: personId, role: input.role, unit_id: unit.id, granted_by: actor.userId });
      if (!grant.created) throw conflict('grant.duplicate', 'role');
      await audit(trx, ctx, {
        action: 'role.granted',
        targetType: 'role_grant',
        targetId: grant.id,
        after: { userId: personId, role: input.role, unitId: unit.id, unitName: unit.name },
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('grant.duplicate', 'role');
    throw err;
  }
  return getPerson(ctx, personId);
}

/** `DELETE /people/:id/grants/:grantId`: take a role away; nobody removes their own last 'admin' grant. */
export async function removeGrant(ctx: ServiceContext, personId: string, grantId: string): Promise<void> {
  const actor = requireActor(ctx);
  await visiblePerson(ctx, actor, personId);
  const grant = await repo.findGrant(ctx.db, grantId);
  if (!grant || grant.user_id !== personId) throw notFound('grant.not_found', 'grantId');
  const unit = await lookupUnit(ctx.db, grant.unit_id);
  if (!unit) throw notFound('grant.not_found', 'grantId');
  const role = grant.role as Role;
  if (!canRevokeGrant(actor, { role, unit: unitFacts(unit) })) throw grantDenied(actor, role);

  await ctx.db.transaction().execute(async (trx) => {
    // Locking the person serialises two removals of their admin grants.
    if (!(await repo.lockPerson(trx, personId))) throw notFound('person.not_found', 'id');
    const current = await repo.findGrant(trx, grantId);
    if (!current) throw notFound('grant.not_found', 'grantId');
    if (role === 'admin' && personId === actor.userId && (await repo.countRole(trx, personId, 'admin')) <= 1) {
      throw conflict('grant.last_admin_self', 'grantId');
    }
    await repo.deleteGrant(trx, grantId);
    await audit(trx, ctx, {
      action: 'role.revoked',
      targetType: 'role_grant',
      targetId: grantId,
      before: { userId: personId, role, unitId: unit.id, unitName: unit.name },
    });
  });
}
