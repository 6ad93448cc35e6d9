import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ROLES, type Actor, type Role } from '../../platform/context.js';
import { canExportAudit, canReadAudit } from './policy.js';

function actor(role: Role, regionPrefix = '4302', departmentId: string | null = null): Actor {
  return {
    userId: '00000000-0000-4000-8000-000000000001',
    name: '测试',
    sessionId: null,
    grants: [{ role, unitId: 'u', unitName: '单位', regionPrefix, departmentId }],
    householdRegions: role === 'resident' ? ['430212101201'] : [],
  };
}

test('the audit matrix: of every role, at any scope, only administrators read and export', () => {
  for (const role of ROLES) {
    for (const scope of ['4302', '430212', '430212101', '430212101201']) {
      const expected = role === 'admin';
      assert.equal(canReadAudit(actor(role, scope)), expected, `${role} at ${scope} reads`);
      assert.equal(canExportAudit(actor(role, scope)), expected, `${role} at ${scope} exports`);
    }
  }
});

test('discipline inspectors are refused even city-wide and at the 纪委 department', () => {
  assert.equal(canReadAudit(actor('discipline_inspector', '4302')), false);
  assert.equal(canReadAudit(actor('discipline_inspector', '430212', 'dept-jiwei')), false);
});

test('nobody signed in reads nothing; a person with several roles reads when one of them is admin', () => {
  assert.equal(canReadAudit(null), false);
  assert.equal(canExportAudit(null), false);
  const both: Actor = { ...actor('discipline_inspector'), grants: [...actor('discipline_inspector').grants, ...actor('admin').grants] };
  assert.equal(canReadAudit(both), true);
});
