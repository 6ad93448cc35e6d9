import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { ROLES, type Actor, type Role } from '../../platform/context.js';
import { regionPrefix } from '../../../common/regions.js';
import {
  canAck,
  canAsk,
  canModerate,
  canPostNotice,
  canReadFeed,
  canReply,
  canViewAcks,
  seesAuthorUnmasked,
  seesHouseholdsUnmasked,
  type PostFacts,
} from './policy.js';
import { CODES } from './test-fixtures.js';

/**
 * Every role in ROLES against every feed action, for a grant at the feed's
 * own unit (双江村), at the neighbouring village, and at the township above.
 * A role added to ROLES without a row here fails the test.
 */

const ACTIONS = ['read', 'notice', 'ask', 'answer', 'ack', 'viewAcks', 'unmaskedHouseholds', 'moderate'] as const;
type Action = (typeof ACTIONS)[number];
type Row = Record<Action, boolean>;

const row = (flags: string): Row => {
  const bits = flags.split(' ').map((f) => f === 'Y');
  return Object.fromEntries(ACTIONS.map((a, i) => [a, bits[i]])) as Row;
};
//                        read notice ask answer ack viewAcks unmasked moderate
const CADRE = row('Y Y N Y N Y Y Y');
const READER = row('Y N N N N N N N');
const NOTHING = row('N N N N N N N N');

const AT_THE_VILLAGE: Record<Role, Row> = {
  resident: row('Y N Y N Y N N N'),
  grid_worker: CADRE,
  village_cadre: CADRE,
  supervision_member: row('Y N N N N Y N N'),
  township_official: CADRE,
  department_handler: READER,
  discipline_inspector: READER,
  hotline_operator: READER,
  volunteer: READER,
  medic: READER,
  admin: CADRE,
};

const AT_THE_NEIGHBOURING_VILLAGE: Record<Role, Row> = {
  resident: NOTHING,
  grid_worker: NOTHING,
  village_cadre: NOTHING,
  supervision_member: NOTHING,
  township_official: NOTHING,
  department_handler: NOTHING,
  discipline_inspector: NOTHING,
  hotline_operator: NOTHING,
  volunteer: NOTHING,
  medic: NOTHING,
  // Administrators act everywhere.
  admin: CADRE,
};

const AT_THE_TOWNSHIP: Record<Role, Row> = {
  // A household registered at the township itself lives above the village: it reads the township feed, not the village's.
  resident: NOTHING,
  grid_worker: CADRE,
  village_cadre: CADRE,
  supervision_member: row('Y N N N N Y N N'),
  township_official: CADRE,
  department_handler: READER,
  discipline_inspector: READER,
  hotline_operator: READER,
  volunteer: READER,
  medic: READER,
  admin: CADRE,
};

function actorAt(role: Role, code: string): Actor {
  return {
    userId: `user-${role}`,
    name: role,
    sessionId: null,
    grants: [{ role, unitId: `unit-${code}`, unitName: code, regionPrefix: regionPrefix(code), departmentId: null }],
    householdRegions: role === 'resident' ? [code] : [],
  };
}

const feed = CODES.village;
const question: PostFacts = { regionCode: feed, kind: 'question', parentId: null, authorId: 'someone-else', requiresAck: false, hidden: false };
const notice: PostFacts = { regionCode: feed, kind: 'notice', parentId: null, authorId: 'a-cadre', requiresAck: true, hidden: false };

function decide(actor: Actor): Row {
  return {
    read: canReadFeed(actor, feed),
    notice: canPostNotice(actor, feed),
    ask: canAsk(actor, feed),
    answer: canReply(actor, question),
    ack: canAck(actor, notice),
    viewAcks: canViewAcks(actor, notice),
    unmaskedHouseholds: seesHouseholdsUnmasked(actor, feed),
    moderate: canModerate(actor, question),
  };
}

for (const [where, code, table] of [
  ['at the village', CODES.village, AT_THE_VILLAGE],
  ['at the neighbouring village', CODES.neighbour, AT_THE_NEIGHBOURING_VILLAGE],
  ['at the township above', CODES.township, AT_THE_TOWNSHIP],
] as const) {
  describe(`feed policy matrix: a grant ${where}, acting on 双江村's feed`, () => {
    for (const role of ROLES) {
      test(role, () => {
        assert.ok(table[role], `no expected row for ${role}`);
        assert.deepEqual(decide(actorAt(role, code)), table[role]);
      });
    }
  });
}

describe('feed policy: details', () => {
  test('nobody signed in may do anything', () => {
    assert.deepEqual(
      decide(null as unknown as Actor),
      NOTHING,
    );
  });

  test('staff read the units above their own unit, a department reads its region and above only', () => {
    const gridWorker = actorAt('grid_worker', CODES.grid);
    assert.equal(canReadFeed(gridWorker, CODES.village), true);
    assert.equal(canReadFeed(gridWorker, CODES.city), true);
    assert.equal(canPostNotice(gridWorker, CODES.village), false, 'a grid worker speaks in the grid, not the village');
    assert.equal(canPostNotice(gridWorker, CODES.grid), true);
    const handler: Actor = {
      ...actorAt('department_handler', CODES.county),
      grants: [{ role: 'department_handler', unitId: 'd', unitName: '城管局', regionPrefix: regionPrefix(CODES.county), departmentId: 'd' }],
    };
    assert.equal(canReadFeed(handler, CODES.county), true);
    assert.equal(canReadFeed(handler, CODES.city), true);
    assert.equal(canReadFeed(handler, CODES.village), false);
  });

  test('the asker follows up on their own question; nobody replies to a reply or to a hidden post', () => {
    const resident = actorAt('resident', CODES.village);
    assert.equal(canReply(resident, { ...question, authorId: resident.userId }), true);
    assert.equal(canReply(resident, { ...notice, authorId: resident.userId, kind: 'notice' }), false, 'residents do not reply to notices');
    const cadre = actorAt('village_cadre', CODES.village);
    assert.equal(canReply(cadre, { ...question, parentId: 'p' }), false);
    assert.equal(canReply(cadre, { ...question, hidden: true }), false);
    assert.equal(canAck(resident, { ...notice, hidden: true }), false);
    assert.equal(canAck(resident, { ...notice, requiresAck: false }), false);
  });

  test("residents' names are masked for other residents, never for staff authors", () => {
    const other = actorAt('resident', CODES.village);
    assert.equal(seesAuthorUnmasked(other, { regionCode: feed, authorId: 'x', authorRole: 'resident' }), false);
    assert.equal(seesAuthorUnmasked(other, { regionCode: feed, authorId: other.userId, authorRole: 'resident' }), true);
    assert.equal(seesAuthorUnmasked(other, { regionCode: feed, authorId: 'x', authorRole: 'village_cadre' }), true);
    assert.equal(seesAuthorUnmasked(actorAt('village_cadre', feed), { regionCode: feed, authorId: 'x', authorRole: 'resident' }), true);
    assert.equal(seesAuthorUnmasked(actorAt('volunteer', feed), { regionCode: feed, authorId: 'x', authorRole: 'resident' }), false);
  });
});
