import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CASE_ACTIONS, CASE_STATUSES, FINAL_STATUSES, OPEN_STATUSES, TRANSITIONS, actionsIn, isFinal, nextStatus, type CaseStatus } from './states.js';
import { computeDeadlines } from './deadlines.js';
import { STATUS_LABELS, ACTION_LABELS } from './labels.js';

test('every transition leads from a state to a state', () => {
  for (const action of CASE_ACTIONS) {
    for (const [from, to] of Object.entries(TRANSITIONS[action])) {
      assert.ok(CASE_STATUSES.includes(from as CaseStatus), `${action} from ${from}`);
      assert.ok(CASE_STATUSES.includes(to as CaseStatus), `${action} to ${to}`);
    }
  }
});

test('final states have no way out; every other state has one', () => {
  for (const status of CASE_STATUSES) {
    assert.equal(actionsIn(status).length === 0, isFinal(status), status);
  }
  assert.deepEqual([...FINAL_STATUSES].sort(), ['closed', 'merged', 'rejected', 'withdrawn']);
});

test('every state is reachable from submitted, and closed is reachable from every open state', () => {
  const reach = (start: CaseStatus) => {
    const seen = new Set<CaseStatus>([start]);
    const queue = [start];
    while (queue.length) {
      const s = queue.shift()!;
      for (const a of actionsIn(s)) {
        const to = nextStatus(a, s)!;
        if (!seen.has(to)) {
          seen.add(to);
          queue.push(to);
        }
      }
    }
    return seen;
  };
  assert.deepEqual([...reach('submitted')].sort(), [...CASE_STATUSES].sort());
  for (const s of OPEN_STATUSES) assert.ok(reach(s).has('closed'), s);
});

test('the requester may withdraw while the case is open, and only then', () => {
  for (const s of CASE_STATUSES) assert.equal(nextStatus('withdraw', s) === 'withdrawn', (OPEN_STATUSES as readonly string[]).includes(s), s);
  assert.equal(nextStatus('rate', 'resolved'), 'closed');
  assert.equal(nextStatus('rate', 'in_progress'), null);
});

test('every state and action has a label in each language', () => {
  for (const s of CASE_STATUSES) for (const lang of ['zh-CN', 'zh-TW', 'en'] as const) assert.ok(STATUS_LABELS[s][lang]);
  for (const a of CASE_ACTIONS) for (const lang of ['zh-CN', 'zh-TW', 'en'] as const) assert.ok(ACTION_LABELS[a][lang]);
});

test('deadlines: the category’s limits, shortened by priority, never lengthened', () => {
  const at = new Date('2026-11-20T02:00:00Z');
  const ordinary = { responseHours: 24, resolutionHours: 168 };
  assert.deepEqual(computeDeadlines(at, ordinary, 'normal'), { responseDueAt: new Date('2026-11-21T02:00:00Z'), resolutionDueAt: new Date('2026-11-27T02:00:00Z') });
  assert.deepEqual(computeDeadlines(at, ordinary, 'emergency'), { responseDueAt: new Date('2026-11-20T03:00:00Z'), resolutionDueAt: new Date('2026-11-20T04:00:00Z') });
  assert.deepEqual(computeDeadlines(at, ordinary, 'urgent').resolutionDueAt, new Date('2026-11-21T02:00:00Z'));
  const fast = { responseHours: 1, resolutionHours: 2 };
  assert.deepEqual(computeDeadlines(at, fast, 'urgent'), { responseDueAt: new Date('2026-11-20T03:00:00Z'), resolutionDueAt: new Date('2026-11-20T04:00:00Z') });
});
