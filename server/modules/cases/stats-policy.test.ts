import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Actor, Role } from '../../platform/context.js';
import { canReadStats, defaultStatsScope, mayReadRegion, mayReadUnit, seesConfidential, statsReach } from './stats-policy.js';
import { canCloseEscalation, canSeeEscalation, hasBoard } from './supervision-policy.js';

/** Policy matrices of the statistics and of the supervision board (pure; no database). */

const VILLAGE = '430212101201';
const TOWNSHIP = '430212101';
const COUNTY = '430212';

function actor(role: Role, regionPrefix: string, unitId: string, departmentId: string | null = null): Actor {
  return { userId: `u-${role}`, name: role, sessionId: null, grants: [{ role, unitId, unitName: unitId, regionPrefix, departmentId }], householdRegions: [] };
}

const people = {
  resident: actor('resident', VILLAGE, 'village'),
  volunteer: actor('volunteer', VILLAGE, 'village'),
  medic: actor('medic', VILLAGE, 'village'),
  supervisor: actor('supervision_member', VILLAGE, 'village'),
  cadre: actor('village_cadre', VILLAGE, 'village'),
  grid: actor('grid_worker', VILLAGE, 'village'),
  township: actor('township_official', TOWNSHIP, 'township'),
  operator: actor('hotline_operator', '4302', 'city'),
  chengguan: actor('department_handler', COUNTY, 'chengguan', 'chengguan'),
  inspector: actor('discipline_inspector', TOWNSHIP, 'jiwei', 'jiwei'),
  admin: actor('admin', '4302', 'city'),
};
type Who = keyof typeof people;

test('statistics: who reads which region', () => {
  const expect: Record<Who, [boolean, boolean, boolean, boolean]> = {
    // reads stats at all, the village, the township, the county
    resident: [false, false, false, false],
    volunteer: [false, false, false, false],
    medic: [false, false, false, false],
    supervisor: [false, false, false, false],
    cadre: [true, true, false, false],
    grid: [true, true, false, false],
    township: [true, true, true, false],
    operator: [true, true, true, true],
    chengguan: [true, false, false, false],
    inspector: [true, true, true, false],
    admin: [true, true, true, true],
  };
  for (const [who, [any, village, township, county]] of Object.entries(expect) as [Who, boolean[]][]) {
    const reach = statsReach(people[who]);
    assert.equal(canReadStats(reach), any, `${who} any`);
    assert.equal(mayReadRegion(reach, VILLAGE), village, `${who} village`);
    assert.equal(mayReadRegion(reach, TOWNSHIP), township, `${who} township`);
    assert.equal(mayReadRegion(reach, COUNTY), county, `${who} county`);
  }
});

test('statistics: units, confidential reports, default scopes', () => {
  const chengguan = { id: 'chengguan', regionCode: '430212000000' };
  const villageUnit = { id: 'village', regionCode: VILLAGE };
  assert.equal(mayReadUnit(statsReach(people.chengguan), chengguan), true);
  assert.equal(mayReadUnit(statsReach(people.chengguan), villageUnit), false);
  assert.equal(mayReadUnit(statsReach(people.township), villageUnit), true);
  assert.equal(mayReadUnit(statsReach(people.township), chengguan), false, 'a county department is above the township');
  assert.equal(mayReadUnit(statsReach(people.operator), chengguan), true);
  for (const who of ['cadre', 'township', 'operator', 'chengguan'] as const) assert.equal(seesConfidential(statsReach(people[who]), VILLAGE), false, who);
  assert.equal(seesConfidential(statsReach(people.inspector), VILLAGE), true);
  assert.equal(seesConfidential(statsReach(people.inspector), COUNTY), false, 'only within the inspector’s subtree');
  assert.equal(seesConfidential(statsReach(people.admin), COUNTY), true);
  assert.deepEqual(defaultStatsScope(statsReach(people.cadre), '4302'), { prefix: VILLAGE });
  assert.deepEqual(defaultStatsScope(statsReach(people.chengguan), '4302'), { unitId: 'chengguan' });
  assert.deepEqual(defaultStatsScope(statsReach(people.admin), '4302'), { prefix: '4302' });
  assert.equal(defaultStatsScope(statsReach(people.resident), '4302'), null);
});

test('supervision board: who sees and who closes an item sent to the township', () => {
  const item = { toUnitId: 'township', toRegionCode: '430212101000' };
  const expect: Record<Who, [boolean, boolean, boolean]> = {
    // has a board, sees the item, closes it
    resident: [false, false, false],
    volunteer: [false, false, false],
    medic: [false, false, false],
    supervisor: [false, false, false],
    cadre: [true, false, false],
    grid: [true, false, false],
    township: [true, true, true],
    operator: [true, true, false],
    chengguan: [true, false, false],
    inspector: [false, false, false],
    admin: [true, true, true],
  };
  for (const [who, [board, sees, closes]] of Object.entries(expect) as [Who, boolean[]][]) {
    assert.equal(hasBoard(people[who]), board, `${who} board`);
    assert.equal(canSeeEscalation(people[who], item), sees, `${who} sees`);
    assert.equal(canCloseEscalation(people[who], item), closes, `${who} closes`);
  }
  // A county-level item: the county's department handler is at a department, not the county body.
  const county = { toUnitId: 'county', toRegionCode: '430212000000' };
  assert.equal(canSeeEscalation(people.chengguan, county), false);
  assert.equal(canSeeEscalation(people.operator, county), true);
});
