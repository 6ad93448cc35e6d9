import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { ROLES, type Actor, type Role } from '../../platform/context.js';
import { regionPrefix } from '../../../common/regions.js';
import { canBeOnDuty, canCheckIn, canManageDuty, canRemoveShift, canViewRoster, dutyCapacity } from './policy.js';
import { CODES } from '../feed/test-fixtures.js';

/**
 * Every role in ROLES against every duty action on 汆溪村's roster, for a
 * grant at 汆溪村, at 双江村 (another county) and at 白兔潭镇 above it.
 */
const ACTIONS = ['view', 'manage', 'removePlanned', 'beOnDuty', 'checkInOwnShift'] as const;
type Row = Record<(typeof ACTIONS)[number], boolean>;
const row = (flags: string): Row => {
  const bits = flags.split(' ').map((f) => f === 'Y');
  return Object.fromEntries(ACTIONS.map((a, i) => [a, bits[i]])) as Row;
};
//                       view manage remove onDuty checkIn
const CADRE = row('Y Y Y Y Y');
const ADMIN = row('Y Y Y N N');
const READER = row('Y N N N N');
const NOTHING = row('N N N N N');

const AT_THE_UNIT: Record<Role, Row> = {
  resident: READER,
  grid_worker: CADRE,
  village_cadre: CADRE,
  supervision_member: READER,
  township_official: CADRE,
  department_handler: READER,
  discipline_inspector: READER,
  hotline_operator: READER,
  volunteer: READER,
  medic: READER,
  admin: ADMIN,
};
const ELSEWHERE: Record<Role, Row> = {
  ...(Object.fromEntries(ROLES.map((r) => [r, NOTHING])) as Record<Role, Row>),
  admin: ADMIN,
};
const ABOVE: Record<Role, Row> = {
  ...AT_THE_UNIT,
  // A household at the township itself does not live in 汆溪村.
  resident: NOTHING,
};

const unit = CODES.cuanxi;
const TODAY = '2026-11-20';

function actorAt(role: Role, code: string): Actor {
  return {
    userId: `user-${role}`,
    name: role,
    sessionId: null,
    grants: [{ role, unitId: `unit-${code}`, unitName: code, regionPrefix: regionPrefix(code), departmentId: null }],
    householdRegions: role === 'resident' ? [code] : [],
  };
}

function decide(actor: Actor): Row {
  const own = { regionCode: unit, userId: actor.userId, date: TODAY, checkedIn: false };
  const planned = { regionCode: unit, userId: 'someone', date: '2026-11-25', checkedIn: false };
  return {
    view: canViewRoster(actor, unit),
    manage: canManageDuty(actor, unit),
    removePlanned: canRemoveShift(actor, planned, TODAY),
    beOnDuty: canBeOnDuty(actor, unit),
    checkInOwnShift: canCheckIn(actor, own, TODAY),
  };
}

for (const [where, code, table] of [
  ['at 汆溪村', CODES.cuanxi, AT_THE_UNIT],
  ['at 双江村 (elsewhere)', CODES.village, ELSEWHERE],
  ['at 白兔潭镇 (above)', CODES.baitutan, ABOVE],
] as const) {
  describe(`duty policy matrix: a grant ${where}, acting on 汆溪村's roster`, () => {
    for (const role of ROLES) {
      test(role, () => {
        assert.ok(table[role], `no expected row for ${role}`);
        assert.deepEqual(decide(actorAt(role, code)), table[role]);
      });
    }
  });
}

describe('duty policy: details', () => {
  test('check-in only on the day, only once, only by the person on duty', () => {
    const cadre = actorAt('village_cadre', unit);
    const shift = { regionCode: unit, userId: cadre.userId, date: TODAY, checkedIn: false };
    assert.equal(canCheckIn(cadre, shift, TODAY), true);
    assert.equal(canCheckIn(cadre, { ...shift, date: '2026-11-21' }, TODAY), false);
    assert.equal(canCheckIn(cadre, { ...shift, checkedIn: true }, TODAY), false);
    assert.equal(canCheckIn(actorAt('township_official', CODES.baitutan), shift, TODAY), false);
    assert.equal(canCheckIn(null, shift, TODAY), false);
  });

  test('a checked-in or past shift cannot be removed', () => {
    const cadre = actorAt('village_cadre', unit);
    const planned = { regionCode: unit, userId: 'x', date: TODAY, checkedIn: false };
    assert.equal(canRemoveShift(cadre, planned, TODAY), true);
    assert.equal(canRemoveShift(cadre, { ...planned, checkedIn: true }, TODAY), false);
    assert.equal(canRemoveShift(cadre, { ...planned, date: '2026-11-19' }, TODAY), false);
  });

  test('the duty capacity is the nearest unit covering the duty unit', () => {
    const both: Actor = {
      ...actorAt('township_official', CODES.baitutan),
      grants: [
        { role: 'township_official', unitId: 't', unitName: '白兔潭镇', regionPrefix: regionPrefix(CODES.baitutan), departmentId: null },
        { role: 'village_cadre', unitId: 'v', unitName: '汆溪村', regionPrefix: regionPrefix(CODES.cuanxi), departmentId: null },
      ],
    };
    assert.equal(dutyCapacity(both, CODES.cuanxi)?.unitName, '汆溪村');
    assert.equal(dutyCapacity(both, CODES.baitutan)?.unitName, '白兔潭镇');
    assert.equal(dutyCapacity(actorAt('volunteer', CODES.cuanxi), CODES.cuanxi), null);
  });
});
