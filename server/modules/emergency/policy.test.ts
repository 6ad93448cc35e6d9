import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { ROLES, type Actor, type Role } from '../../platform/context.js';
import { regionPrefix } from '../../../common/regions.js';
import { availableErrandActions } from '../../../common/emergency/errand-states.js';
import {
  canAddTransferPerson,
  canCareAt,
  canCreateIncident,
  canManageGrids,
  canManageRiskAreas,
  canPostNeed,
  canRecordNeed,
  canSeeNeed,
  canSendNotice,
  canUpdateTrip,
  canViewOperations,
  errandParts,
  isCoordinator,
  noInvolvement,
  seesNeedContact,
  type GridFacts,
  type IncidentFacts,
  type Involvement,
  type NeedFacts,
} from './policy.js';

/**
 * Every role in ROLES against every emergency decision, each person holding
 * their role where it naturally sits around grid 庆云山社区第一网格 of an
 * incident over 芦淞区. A role added to ROLES without a row fails the test.
 */

const DISTRICT = '430203000000';
const STREET = '430203005000';
const COMMUNITY = '430203005001';
const GRID = '430203005001001';
const CITY = '430200000000';

const incident: IncidentFacts = { id: 'inc', regionCode: DISTRICT, active: true };
const grid: GridFacts = { id: 'q1', regionCode: GRID, leaderUserId: 'leader' };
const openNeed: NeedFacts = { gridId: 'q1', regionCode: GRID, requesterUserId: 'someone-else', claimedBy: null, status: 'open' };

/** Where each role's grant sits (the department handler works for 芦淞区卫健局). */
const PLACE: Record<Role, string> = {
  resident: COMMUNITY,
  grid_worker: GRID,
  village_cadre: COMMUNITY,
  supervision_member: COMMUNITY,
  township_official: STREET,
  department_handler: DISTRICT,
  discipline_inspector: STREET,
  hotline_operator: CITY,
  volunteer: STREET,
  medic: STREET,
  admin: CITY,
};

function actorWith(role: Role): Actor {
  return {
    userId: `u-${role}`,
    name: role,
    sessionId: null,
    grants: [
      {
        role,
        unitId: `unit-${role}`,
        unitName: role,
        regionPrefix: regionPrefix(PLACE[role]),
        departmentId: role === 'department_handler' ? 'dept-weijian' : null,
      },
    ],
    householdRegions: role === 'resident' ? [GRID] : [],
  };
}

const ACTIONS = [
  'createIncidentDistrict',
  'createIncidentStreet',
  'viewOperations',
  'manageGrids',
  'coordinateGrid',
  'seeNeed',
  'claimNeed',
  'seeNeedContact',
  'postNeed',
  'recordNeed',
  'sendNotice',
  'manageRiskAreas',
  'careAtStation',
  'addTransferPerson',
  'updateTrip',
] as const;
type Action = (typeof ACTIONS)[number];

function decide(inv: Involvement, action: Action): boolean {
  const a = inv.actor;
  switch (action) {
    case 'createIncidentDistrict':
      return canCreateIncident(a, DISTRICT);
    case 'createIncidentStreet':
      return canCreateIncident(a, STREET);
    case 'viewOperations':
      return canViewOperations(inv, incident);
    case 'manageGrids':
      return canManageGrids(a, GRID);
    case 'coordinateGrid':
      return isCoordinator(inv, grid);
    case 'seeNeed':
      return errandParts(inv, openNeed, grid).length > 0;
    case 'claimNeed':
      return availableErrandActions('open', errandParts(inv, openNeed, grid), true).includes('claim');
    case 'seeNeedContact':
      return seesNeedContact(inv, openNeed, grid);
    case 'postNeed':
      return canPostNeed(a, incident);
    case 'recordNeed':
      return canRecordNeed(inv, incident, GRID, null);
    case 'sendNotice':
      return canSendNotice(a, GRID);
    case 'manageRiskAreas':
      return canManageRiskAreas(a, COMMUNITY);
    case 'careAtStation':
      return canCareAt(inv, incident, 'station-1');
    case 'addTransferPerson':
      return canAddTransferPerson(a, GRID);
    case 'updateTrip':
      return canUpdateTrip(inv, incident, 'vehicle-1');
  }
}

const row = (flags: string): Record<Action, boolean> => {
  const bits = flags.split(' ').map((f) => f === 'Y');
  assert.equal(bits.length, ACTIONS.length);
  return Object.fromEntries(ACTIONS.map((a, i) => [a, bits[i]])) as Record<Action, boolean>;
};

//                                  crD crS ops grd crd see clm cnt pst rec ntc rsk car tpp trp
const NOTHING = row('N N N N N N N N N N N N N N N');
const EXPECTED: Record<Role, Record<Action, boolean>> = {
  resident: row('N N N N N N N N Y N N N N N N'),
  grid_worker: row('N N Y N Y Y Y Y N Y Y N N Y N'),
  village_cadre: row('N N Y N Y Y Y Y N Y Y N N Y N'),
  supervision_member: NOTHING,
  township_official: row('N Y Y Y Y Y Y Y N Y Y Y N Y N'),
  department_handler: NOTHING,
  discipline_inspector: NOTHING,
  hotline_operator: NOTHING,
  volunteer: NOTHING,
  medic: row('N N N N N N N N N N N N N Y N'),
  admin: row('Y Y Y Y Y Y Y Y N Y Y Y Y Y Y'),
};

describe('the emergency policy matrix over ROLES', () => {
  for (const role of ROLES) {
    test(`${role}`, () => {
      const expected = EXPECTED[role];
      assert.ok(expected, `no row for ${role}`);
      const inv = noInvolvement(actorWith(role));
      for (const action of ACTIONS) assert.equal(decide(inv, action), expected[action], `${role} × ${action}`);
    });
  }
});

describe('what an emergency appointment adds', () => {
  const withTeam = (role: Role, extra: Partial<Omit<Involvement, 'actor'>>): Involvement => ({ ...noInvolvement(actorWith(role)), ...extra });

  test('a volunteer on the grid’s team sees its needs and may claim, but sees the phone only once they hold the errand', () => {
    const inv = withTeam('volunteer', { teamGridIds: new Set(['q1']) });
    assert.equal(decide(inv, 'seeNeed'), true);
    assert.equal(decide(inv, 'claimNeed'), true);
    assert.equal(decide(inv, 'seeNeedContact'), false);
    assert.equal(decide(inv, 'viewOperations'), true);
    assert.equal(decide(inv, 'coordinateGrid'), false);
    const claimed: NeedFacts = { ...openNeed, claimedBy: inv.actor.userId, status: 'claimed' };
    assert.equal(seesNeedContact(inv, claimed, grid), true);
    // Another grid's volunteer sees nothing of it.
    const elsewhere = withTeam('volunteer', { teamGridIds: new Set(['f1']) });
    assert.equal(decide(elsewhere, 'seeNeed'), false);
  });

  test('the grid leader (格长) coordinates the grid whatever their role', () => {
    const leader: Involvement = { ...noInvolvement({ ...actorWith('volunteer'), userId: 'leader' }), ledGridIds: new Set(['q1']) };
    assert.equal(decide(leader, 'coordinateGrid'), true);
    assert.equal(decide(leader, 'seeNeedContact'), true);
    assert.equal(decide(leader, 'manageGrids'), false, 'appointing leaders stays with the commanders');
  });

  test('station staff care at their station; drivers update their trips', () => {
    assert.equal(decide(withTeam('medic', { stationIds: new Set(['station-1']) }), 'careAtStation'), true);
    assert.equal(decide(withTeam('medic', { stationIds: new Set(['station-2']) }), 'careAtStation'), false);
    assert.equal(decide(withTeam('volunteer', { vehicleIds: new Set(['vehicle-1']) }), 'updateTrip'), true);
  });

  test('a resident sees only their own need, and never posts for an ended incident', () => {
    const resident = noInvolvement(actorWith('resident'));
    const own: NeedFacts = { ...openNeed, requesterUserId: resident.actor.userId };
    assert.deepEqual(errandParts(resident, own, grid), ['requester']);
    assert.equal(seesNeedContact(resident, own, grid), true);
    assert.equal(canPostNeed(resident.actor, { ...incident, active: false }), false);
  });
});

/**
 * Issue 5's rule as a matrix: a volunteer sees only the needs of grids they
 * serve, and the phone numbers only of errands they claimed (while they
 * hold them); a resident sees only their own. Needs × people around grid Q1
 * (team: vol, vol2; leader: the grid worker) and grid F1 (team: volF).
 */
describe('who sees which need, and whose phone', () => {
  const Q1: GridFacts = { id: 'q1', regionCode: GRID, leaderUserId: 'leader' };
  const F1: GridFacts = { id: 'f1', regionCode: '430203005002001', leaderUserId: null };
  const base = { regionCode: GRID, gridId: 'q1', claimedBy: null, status: 'open' as const, channel: 'app' as const, recordedBy: null };
  const NEEDS: Record<string, { need: NeedFacts; grid: GridFacts }> = {
    openQ1: { need: { ...base, requesterUserId: 'res' }, grid: Q1 },
    claimedByVol: { need: { ...base, requesterUserId: 'res', claimedBy: 'vol', status: 'claimed' }, grid: Q1 },
    deliveredByVol: { need: { ...base, requesterUserId: 'res', claimedBy: 'vol', status: 'delivered' }, grid: Q1 },
    claimedByVol2: { need: { ...base, requesterUserId: 'res2', claimedBy: 'vol2', status: 'bought' }, grid: Q1 },
    openF1: { need: { ...base, gridId: 'f1', regionCode: F1.regionCode, requesterUserId: 'resF' }, grid: F1 },
    phoneQ1: { need: { ...base, requesterUserId: null, channel: 'phone', recordedBy: 'leader' }, grid: Q1 },
  };
  const volunteer = (userId: string, grid: string): Involvement => ({
    ...noInvolvement({ ...actorWith('volunteer'), userId }),
    teamGridIds: new Set([grid]),
  });
  const resident = (userId: string): Involvement => noInvolvement({ ...actorWith('resident'), userId });
  const PEOPLE: Record<string, Involvement> = {
    vol: volunteer('vol', 'q1'),
    vol2: volunteer('vol2', 'q1'),
    volF: volunteer('volF', 'f1'),
    res: resident('res'),
    res2: resident('res2'),
    leader: { ...noInvolvement({ ...actorWith('volunteer'), userId: 'leader' }), ledGridIds: new Set(['q1']) },
  };
  // Each cell: '-' does not see it, 's' sees it (phone masked), 'P' sees it with the phone.
  //                     openQ1 clmVol dlvVol clmVol2 openF1 phoneQ1
  const EXPECTED: Record<string, string> = {
    vol: '               s      P      P      s       -      s',
    vol2: '              s      s      s      P       -      s',
    volF: '              -      -      -      -       s      -',
    res: '               P      P      P      -       -      -',
    res2: '              -      -      -      P       -      -',
    leader: '            P      P      P      P       -      P',
  };
  for (const [who, inv] of Object.entries(PEOPLE)) {
    test(who, () => {
      const cells = EXPECTED[who]!.trim().split(/\s+/);
      Object.entries(NEEDS).forEach(([name, { need, grid }], i) => {
        const got = !canSeeNeed(inv, need, grid) ? '-' : seesNeedContact(inv, need, grid) ? 'P' : 's';
        assert.equal(got, cells[i], `${who} × ${name}`);
      });
    });
  }

  test('a released errand hides the phone again; the recorder of a phone need acts for the caller', () => {
    const released: NeedFacts = { ...NEEDS.claimedByVol!.need, claimedBy: null, status: 'open' };
    assert.equal(seesNeedContact(PEOPLE.vol!, released, Q1), false);
    const phone = NEEDS.phoneQ1!.need;
    assert.ok(errandParts(PEOPLE.leader!, phone, Q1).includes('requester'));
    assert.ok(!errandParts(PEOPLE.vol!, phone, Q1).includes('requester'), 'a volunteer never confirms for the caller');
    const cadre = noInvolvement(actorWith('grid_worker'));
    assert.ok(errandParts(cadre, { ...phone, recordedBy: 'someone-else' }, grid).includes('requester'), 'the grid’s coordinators act for the caller too');
  });

  test('recording a need: the grid’s leader of any role, not other leaders; never in an ended incident', () => {
    const leader = PEOPLE.leader!;
    assert.equal(canRecordNeed(leader, incident, GRID, Q1), true);
    assert.equal(canRecordNeed(leader, incident, F1.regionCode, F1), false);
    assert.equal(canRecordNeed(noInvolvement(actorWith('grid_worker')), { ...incident, active: false }, GRID, null), false);
  });
});
