import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ROLES, type Actor, type Role } from '../../platform/context.js';
import { regionPrefix } from '../../../common/regions.js';
import * as people from './policy.js';
import * as regions from '../regions/policy.js';

/**
 * The policy matrix: every role in ROLES against every action of the regions
 * and people modules, with one grant each in 朱亭镇 (渌口区) — or at a
 * department for the department roles — and a resource in 双江村.
 */

const SHUANGJIANG = '430212101201';
const ZHUTING = '430212101000';
const WANGJIAZHOU = '430212100201';

const DEPT_CHENGGUAN = 'dept-chengguan';
const DEPT_HOTLINE = 'dept-12345';

/** Where each role's one grant is held. */
const GRANT_AT: Record<Role, { code: string; departmentId?: string }> = {
  resident: { code: SHUANGJIANG },
  grid_worker: { code: SHUANGJIANG },
  village_cadre: { code: SHUANGJIANG },
  supervision_member: { code: SHUANGJIANG },
  township_official: { code: ZHUTING },
  department_handler: { code: '430212000000', departmentId: DEPT_CHENGGUAN },
  discipline_inspector: { code: ZHUTING },
  hotline_operator: { code: '430200000000', departmentId: DEPT_HOTLINE },
  volunteer: { code: ZHUTING },
  medic: { code: ZHUTING },
  admin: { code: '430200000000' },
};

function actorWith(role: Role, userId = `user-${role}`): Actor {
  const at = GRANT_AT[role];
  return {
    userId,
    name: role,
    sessionId: null,
    grants: [{ role, unitId: at.departmentId ?? `unit-${at.code}`, unitName: '单位', regionPrefix: regionPrefix(at.code), departmentId: at.departmentId ?? null }],
    householdRegions: role === 'resident' ? [SHUANGJIANG] : [],
  };
}

const villageUnit: people.UnitFacts = { id: 'unit-sj', kind: 'region', regionCode: SHUANGJIANG, departmentType: null };
const otherVillageUnit: people.UnitFacts = { id: 'unit-wjz', kind: 'region', regionCode: WANGJIAZHOU, departmentType: null };
const townshipUnit: people.UnitFacts = { id: 'unit-zt', kind: 'region', regionCode: ZHUTING, departmentType: null };
const departmentUnit: people.UnitFacts = { id: DEPT_CHENGGUAN, kind: 'department', regionCode: '430212000000', departmentType: '城管' };

/** A resident of 双江村 (not the actor). */
const villager: people.PersonFacts = { id: 'someone', grantRegionCodes: [SHUANGJIANG], grantDepartmentIds: [], householdRegionCodes: [SHUANGJIANG] };
/** A 城管 colleague. */
const colleague: people.PersonFacts = { id: 'colleague', grantRegionCodes: ['430212000000'], grantDepartmentIds: [DEPT_CHENGGUAN], householdRegionCodes: [] };
/** A household of 双江村 the actor does not belong to. */
const household: people.HouseholdFacts = { regionCode: SHUANGJIANG, members: [{ userId: 'someone', status: 'verified' }] };

type Check = (actor: Actor | null) => boolean;

const ACTIONS: Record<string, Check> = {
  'regions: create a department': (a) => regions.canCreateDepartment(a),
  'regions: update a unit': (a) => regions.canUpdateUnit(a),
  'people: list the directory': (a) => people.canListPeople(a),
  'people: view a villager': (a) => people.canViewPerson(a, villager),
  'people: view a 城管 colleague': (a) => people.canViewPerson(a, colleague),
  'people: see a villager’s contact details': (a) => people.canSeeContact(a, villager),
  'people: see phones unmasked in lists': (a) => people.canSeePhoneInList(a, 'someone'),
  'people: create a person': (a) => people.canCreatePerson(a),
  'grants: resident at 双江村': (a) => people.canGrantRole(a, 'resident', villageUnit),
  'grants: village_cadre at 双江村': (a) => people.canGrantRole(a, 'village_cadre', villageUnit),
  'grants: supervision_member at 双江村': (a) => people.canGrantRole(a, 'supervision_member', villageUnit),
  'grants: township_official at 朱亭镇': (a) => people.canGrantRole(a, 'township_official', townshipUnit),
  'grants: resident at 王家洲村 (another town)': (a) => people.canGrantRole(a, 'resident', otherVillageUnit),
  'grants: department_handler at 城管': (a) => people.canGrantRole(a, 'department_handler', departmentUnit),
  'grants: discipline_inspector at 朱亭镇': (a) => people.canGrantRole(a, 'discipline_inspector', townshipUnit),
  'grants: admin anywhere': (a) => people.canGrantRole(a, 'admin', villageUnit),
  'grants: revoke a village_cadre of 双江村': (a) => people.canRevokeGrant(a, { role: 'village_cadre', unit: villageUnit }),
  'households: join one': (a) => people.canJoinHousehold(a),
  'households: list the area’s': (a) => people.canListHouseholds(a),
  'households: view one of 双江村': (a) => people.canViewHousehold(a, household),
  'households: verify members in 双江村': (a) => people.canVerifyMembers(a, household),
  'households: set the representative in 双江村': (a) => people.canSetRepresentative(a, household),
};

const ALL = [...ROLES];
const STAFF = ALL.filter((r) => r !== 'resident');
const VILLAGE_AREA: Role[] = ['grid_worker', 'village_cadre', 'supervision_member', 'township_official', 'discipline_inspector', 'volunteer', 'medic', 'admin'];

/** The roles allowed each action; every other role must be refused. */
const EXPECTED: Record<keyof typeof ACTIONS, Role[]> = {
  'regions: create a department': ['admin'],
  'regions: update a unit': ['admin'],
  'people: list the directory': STAFF,
  'people: view a villager': VILLAGE_AREA,
  // 城管 of 渌口区 sits above 朱亭镇: only its own staff and administrators see its people.
  'people: view a 城管 colleague': ['department_handler', 'admin'],
  'people: see a villager’s contact details': ['grid_worker', 'village_cadre', 'township_official', 'admin'],
  'people: see phones unmasked in lists': ['admin'],
  'people: create a person': ['village_cadre', 'township_official', 'admin'],
  'grants: resident at 双江村': ['village_cadre', 'township_official', 'admin'],
  'grants: village_cadre at 双江村': ['village_cadre', 'township_official', 'admin'],
  'grants: supervision_member at 双江村': ['township_official', 'admin'],
  'grants: township_official at 朱亭镇': ['township_official', 'admin'],
  'grants: resident at 王家洲村 (another town)': ['admin'],
  'grants: department_handler at 城管': ['admin'],
  'grants: discipline_inspector at 朱亭镇': ['admin'],
  'grants: admin anywhere': ['admin'],
  'grants: revoke a village_cadre of 双江村': ['village_cadre', 'township_official', 'admin'],
  'households: join one': ALL,
  'households: list the area’s': ['grid_worker', 'village_cadre', 'township_official', 'admin'],
  'households: view one of 双江村': ['grid_worker', 'village_cadre', 'township_official', 'admin'],
  'households: verify members in 双江村': ['village_cadre', 'township_official', 'admin'],
  'households: set the representative in 双江村': ['village_cadre', 'township_official', 'admin'],
};

for (const [action, check] of Object.entries(ACTIONS)) {
  test(`policy matrix — ${action}`, () => {
    const allowed = ALL.filter((role) => check(actorWith(role)));
    assert.deepEqual(allowed.sort(), [...EXPECTED[action]!].sort());
    assert.equal(check(null), false, 'signed out: never');
  });
}

test('every role is covered by the matrix', () => {
  assert.deepEqual(Object.keys(GRANT_AT).sort(), [...ROLES].sort());
});

test('oneself: everyone sees their own record and phone; nobody verifies their own membership', () => {
  for (const role of ROLES) {
    const actor = actorWith(role, 'someone');
    assert.equal(people.canViewPerson(actor, villager), true, role);
    assert.equal(people.canSeeContact(actor, villager), true, role);
    assert.equal(people.canSeePhoneInList(actor, 'someone'), true, role);
    assert.equal(people.canVerifyMember(actor, { regionCode: SHUANGJIANG, members: [{ userId: 'someone', status: 'pending' }] }, 'someone'), false, role);
  }
});

test('a verified member may view the household and choose its representative; a pending one may not', () => {
  const member = actorWith('resident', 'someone');
  assert.equal(people.canViewHousehold(member, household), true);
  assert.equal(people.canSetRepresentative(member, household), true);
  const pending = { ...household, members: [{ userId: 'someone', status: 'pending' as const }] };
  const outsider = { ...actorWith('resident', 'someone'), grants: [] };
  assert.equal(people.canViewHousehold(outsider, pending), false);
  assert.equal(people.canSetRepresentative(outsider, pending), false);
});

test('roles fit only the units they belong at', () => {
  const fits = (role: Role, unit: people.UnitFacts) => people.roleFitsUnit(role, unit);
  const grid: people.UnitFacts = { id: 'g', kind: 'region', regionCode: '430202001001001', departmentType: null };
  const jiwei: people.UnitFacts = { id: 'j', kind: 'department', regionCode: '430212000000', departmentType: '纪委' };
  assert.equal(fits('village_cadre', villageUnit), true);
  assert.equal(fits('village_cadre', townshipUnit), false);
  assert.equal(fits('resident', grid), true);
  assert.equal(fits('resident', townshipUnit), false);
  assert.equal(fits('township_official', townshipUnit), true);
  assert.equal(fits('township_official', villageUnit), false);
  assert.equal(fits('department_handler', departmentUnit), true);
  assert.equal(fits('department_handler', townshipUnit), false);
  assert.equal(fits('discipline_inspector', jiwei), true);
  assert.equal(fits('discipline_inspector', departmentUnit), false);
  assert.equal(fits('discipline_inspector', townshipUnit), true);
  assert.equal(fits('supervision_member', villageUnit), true);
  assert.equal(fits('supervision_member', grid), false);
  assert.equal(fits('admin', villageUnit), true);
});

test('the roles one may grant follow the level: cadres hand out village roles, administrators everything', () => {
  assert.deepEqual(people.grantableRoles(actorWith('village_cadre')), ['resident', 'grid_worker', 'village_cadre', 'volunteer']);
  assert.deepEqual(people.grantableRoles(actorWith('admin')), [...ROLES]);
  assert.deepEqual(people.grantableRoles(actorWith('volunteer')), []);
  assert.deepEqual(people.grantableRoles(null), []);
});
