import { STEPS_BEFORE_SPENDING, type DecisionStep } from '../../../common/disclosures/kinds.js';

/**
 * Whether a 四议两公开 decision is complete enough to spend money on: every
 * step before spending recorded, and the party members' meeting quorate
 * (at least two thirds present, a majority of those present in favour) when
 * its counts are given (DOMAIN.md "Red flags").
 */
export interface StepFacts {
  step: DecisionStep;
  present: number | null;
  eligible: number | null;
  in_favour: number | null;
}

export interface DecisionStatus {
  complete: boolean;
  missing: DecisionStep[];
}

export function quorate(s: StepFacts): boolean {
  if (s.step !== 'party_members' || s.present === null || s.eligible === null) return true;
  if (s.present * 3 < s.eligible * 2) return false;
  return s.in_favour === null || s.in_favour * 2 > s.present;
}

export function decisionStatus(steps: StepFacts[]): DecisionStatus {
  const recorded = new Map(steps.map((s) => [s.step, s]));
  const missing = STEPS_BEFORE_SPENDING.filter((step) => {
    const s = recorded.get(step);
    return !s || !quorate(s);
  });
  return { complete: missing.length === 0, missing };
}
