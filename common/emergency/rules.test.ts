import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  ERRAND_ACTIONS,
  ERRAND_STATES,
  ERRAND_TRANSITIONS,
  FINAL_ERRAND_STATES,
  availableErrandActions,
  findErrandTransition,
  type ErrandState,
} from './errand-states.js';
import { assessEligibility, riskGroupsOf, type ApplicantFacts } from './eligibility.js';
import { evaluateReadings, monitoringIntervalHours, type Reading } from './deterioration.js';
import { planTransfers } from './transfer-planner.js';

describe('errand states', () => {
  test('every state is reachable from open, and only the final states are dead ends', () => {
    const reached = new Set<ErrandState>(['open']);
    for (let changed = true; changed; ) {
      changed = false;
      for (const t of ERRAND_TRANSITIONS) if (reached.has(t.from) && !reached.has(t.to)) (reached.add(t.to), (changed = true));
    }
    assert.deepEqual([...reached].sort(), [...ERRAND_STATES].sort());
    for (const s of ERRAND_STATES) {
      const outgoing = ERRAND_TRANSITIONS.filter((t) => t.from === s);
      assert.equal(outgoing.length === 0, FINAL_ERRAND_STATES.includes(s), s);
    }
    for (const t of ERRAND_TRANSITIONS) assert.ok(ERRAND_ACTIONS.includes(t.action));
  });

  test('the happy path: claimed → bought → at_gate → handed_over (photo) → delivered → confirmed', () => {
    const path: [ErrandState, (typeof ERRAND_ACTIONS)[number], ErrandState][] = [
      ['open', 'claim', 'claimed'],
      ['claimed', 'buy', 'bought'],
      ['bought', 'reach_gate', 'at_gate'],
      ['at_gate', 'hand_over', 'handed_over'],
      ['handed_over', 'deliver', 'delivered'],
      ['delivered', 'confirm', 'confirmed'],
    ];
    for (const [from, action, to] of path) assert.equal(findErrandTransition(from, action, true)?.to, to, `${from} --${action}-->`);
    assert.equal(findErrandTransition('at_gate', 'hand_over', true)?.photo, true);
  });

  test('buying is skipped only when nothing has to be bought', () => {
    assert.equal(findErrandTransition('claimed', 'reach_gate', true), null);
    assert.equal(findErrandTransition('claimed', 'reach_gate', false)?.to, 'at_gate');
    assert.equal(findErrandTransition('claimed', 'buy', false), null);
  });

  test('illegal moves are refused: no skipping the gate, no confirming before hand-over, no cancelling bought goods', () => {
    assert.equal(findErrandTransition('bought', 'deliver', true), null);
    assert.equal(findErrandTransition('at_gate', 'confirm', true), null);
    assert.equal(findErrandTransition('bought', 'cancel', true), null);
    assert.equal(findErrandTransition('confirmed', 'release', true), null);
  });

  test('the actions each party sees', () => {
    assert.deepEqual(availableErrandActions('open', ['team'], true), ['claim']);
    assert.deepEqual(availableErrandActions('open', ['requester'], true), ['cancel']);
    assert.deepEqual(availableErrandActions('claimed', ['runner', 'team'], true), ['release', 'buy']);
    assert.deepEqual(availableErrandActions('claimed', ['runner', 'team'], false), ['release', 'reach_gate']);
    assert.deepEqual(availableErrandActions('at_gate', ['team'], true), ['hand_over']);
    assert.deepEqual(availableErrandActions('delivered', ['runner', 'team'], true), []);
  });
});

describe('health station eligibility (seed 001)', () => {
  const ok: ApplicantFacts = {
    condition: 'mild',
    reasons: ['fear_infecting_family'],
    informed: true,
    voluntary: true,
    selfPaid: true,
    age: 35,
    hasUnderlyingCondition: false,
    pregnant: false,
  };

  test('an asymptomatic or mild case with one of the three reasons, informed, voluntary and self-paid is eligible', () => {
    for (const condition of ['asymptomatic', 'mild'] as const)
      for (const reason of ['no_home_isolation', 'fear_infecting_family', 'no_caregiver'] as const)
        assert.equal(assessEligibility({ ...ok, condition, reasons: [reason] }).eligible, true);
  });

  test('each unmet rule is named with its field', () => {
    const r = assessEligibility({ ...ok, condition: 'moderate', reasons: [], informed: false, voluntary: false, selfPaid: false });
    assert.equal(r.eligible, false);
    assert.deepEqual(
      r.problems.map((p) => [p.code, p.field]),
      [
        ['condition_not_admissible', 'condition'],
        ['no_reason', 'reasons'],
        ['not_informed', 'informed'],
        ['not_voluntary', 'voluntary'],
        ['not_self_paid', 'selfPaid'],
      ],
    );
    assert.equal(r.referToHospital, true);
    assert.equal(assessEligibility({ ...ok, condition: 'severe' }).referToHospital, true);
  });

  test('risk groups: elderly with an underlying illness, infants, pregnant women', () => {
    assert.deepEqual(riskGroupsOf({ age: 72, hasUnderlyingCondition: true, pregnant: false }), ['elderly_with_conditions']);
    assert.deepEqual(riskGroupsOf({ age: 72, hasUnderlyingCondition: false, pregnant: false }), []);
    assert.deepEqual(riskGroupsOf({ age: 1, hasUnderlyingCondition: false, pregnant: false }), ['infant']);
    assert.deepEqual(riskGroupsOf({ age: 29, hasUnderlyingCondition: false, pregnant: true }), ['pregnant']);
    assert.equal(assessEligibility({ ...ok, age: 1 }).eligible, true, 'risk groups are admitted, watched more closely');
  });
});

describe('deterioration rules', () => {
  const normal: Reading = { temperature: 37.2, spo2: 97, systolic: 125, diastolic: 80, heartRate: 80, symptoms: ['cough'] };
  const rules = (readings: Reading[], riskGroup = false) => evaluateReadings(readings, { riskGroup }).map((f) => f.rule);

  test('SpO2 below 93% is critical at once; 93% is not', () => {
    assert.deepEqual(rules([normal, { ...normal, spo2: 92 }]), ['spo2_low']);
    assert.equal(evaluateReadings([{ ...normal, spo2: 92 }], { riskGroup: false })[0]!.severity, 'critical');
    assert.deepEqual(rules([{ ...normal, spo2: 93 }]), []);
  });

  test('fever ≥ 38.5 °C fires after 3 readings in a row (2 for risk groups); a normal reading breaks the run', () => {
    const fever = { ...normal, temperature: 38.6 };
    assert.deepEqual(rules([fever, fever]), []);
    assert.deepEqual(rules([fever, fever, fever]), ['fever_persistent']);
    assert.deepEqual(rules([fever, normal, fever, fever]), []);
    assert.deepEqual(rules([fever, fever], true), ['fever_persistent_risk_group']);
    // A reading that did not take the temperature neither counts nor breaks the run.
    assert.deepEqual(rules([fever, { spo2: 97 }, fever, fever]), ['fever_persistent']);
  });

  test('an old run does not fire again on a normal reading', () => {
    const fever = { ...normal, temperature: 39 };
    assert.deepEqual(rules([fever, fever, fever, normal]), []);
  });

  test('blood pressure and danger symptoms', () => {
    assert.deepEqual(rules([{ ...normal, systolic: 185 }]), ['blood_pressure_high']);
    assert.deepEqual(rules([{ ...normal, systolic: 85 }]), ['blood_pressure_low']);
    assert.deepEqual(rules([{ ...normal, symptoms: ['dyspnea'] }]), ['dyspnea']);
  });

  test('risk groups are checked more often', () => {
    assert.ok(monitoringIntervalHours(true) < monitoringIntervalHours(false));
  });
});

describe('transfer planning', () => {
  const at = (lat: number) => ({ lat, lng: 113.15 });
  test('positives and contacts never share a vehicle; big pickups fill big vehicles; beds are respected', () => {
    const people = [
      ...Array.from({ length: 9 }, (_, i) => ({ id: `p${i}`, category: 'positive' as const, pickup: '合泰一区', point: at(27.83) })),
      ...Array.from({ length: 3 }, (_, i) => ({ id: `c${i}`, category: 'close_contact' as const, pickup: '合泰一区', point: at(27.83) })),
      ...Array.from({ length: 2 }, (_, i) => ({ id: `q${i}`, category: 'positive' as const, pickup: '合泰二区', point: at(27.831) })),
    ];
    const plan = planTransfers(
      people,
      [
        { id: 'bus', capacity: 10 },
        { id: 'van', capacity: 4 },
        { id: 'car', capacity: 4 },
      ],
      [
        { id: 'hotel', point: at(27.9), remaining: 100 },
        { id: 'far', point: at(28.5), remaining: 100 },
      ],
    );
    const bus = plan.trips.find((t) => t.vehicleId === 'bus')!;
    assert.equal(bus.category, 'positive');
    assert.equal(bus.personIds.length, 10, '9 from 合泰一区 and one from 合泰二区 next door');
    assert.deepEqual(bus.pickups, ['合泰一区', '合泰二区']);
    for (const t of plan.trips) {
      const cats = new Set(t.personIds.map((id) => people.find((p) => p.id === id)!.category));
      assert.equal(cats.size, 1);
      assert.equal(t.destinationId, 'hotel', 'the nearest point');
    }
    assert.equal(plan.trips.reduce((n, t) => n + t.personIds.length, 0), people.length);
    assert.deepEqual(plan.waiting, []);
  });

  test('people left over wait, with the reason', () => {
    const people = Array.from({ length: 5 }, (_, i) => ({ id: `p${i}`, category: 'positive' as const, pickup: 'A', point: at(27.83) }));
    const noCars = planTransfers(people, [], [{ id: 'h', point: at(27.9), remaining: 10 }]);
    assert.deepEqual(new Set(noCars.waiting.map((w) => w.reason)), new Set(['no_vehicle']));
    const fewBeds = planTransfers(people, [{ id: 'car', capacity: 10 }], [{ id: 'h', point: at(27.9), remaining: 2, categories: ['positive'] }]);
    assert.equal(fewBeds.trips[0]!.personIds.length, 2);
    assert.deepEqual(new Set(fewBeds.waiting.map((w) => w.reason)), new Set(['no_destination']));
    const wrongKind = planTransfers(people, [{ id: 'car', capacity: 10 }], [{ id: 'h', point: at(27.9), remaining: 20, categories: ['close_contact'] }]);
    assert.equal(wrongKind.trips.length, 0);
  });
});
