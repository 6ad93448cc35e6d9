/**
 * Who may stay at a health station (健康驿站), per seed 001:
 *
 * - 入住对象: asymptomatic infections or mild cases (无症状感染者或轻症患者);
 * - who lack the conditions for home isolation (不具备居家隔离条件), or fear
 *   infecting their family at home (担心居家导致家人感染), or have no one to
 *   care for them (身边无人照顾) — at least one of the three;
 * - 「知情、自愿、自费」: the applicant is informed, applies voluntarily, and
 *   pays the room (and any meals they order) themselves.
 *
 * Risk groups (具有基础疾病的老年群体、婴幼儿及孕产妇) are admitted but watched
 * more closely (see deterioration.ts `monitoringIntervalHours`). Moderate or
 * severe cases belong in the designated hospital, not a station.
 */

export const CONDITIONS = ['asymptomatic', 'mild', 'moderate', 'severe'] as const;
export type Condition = (typeof CONDITIONS)[number];
export const ADMISSIBLE_CONDITIONS: readonly Condition[] = ['asymptomatic', 'mild'];

export const STAY_REASONS = ['no_home_isolation', 'fear_infecting_family', 'no_caregiver'] as const;
export type StayReason = (typeof STAY_REASONS)[number];

export const RISK_GROUPS = ['elderly_with_conditions', 'infant', 'pregnant'] as const;
export type RiskGroup = (typeof RISK_GROUPS)[number];

/** 老年: 60 and over (老年人权益保障法); 婴幼儿: under 3. */
export const ELDERLY_AGE = 60;
export const INFANT_AGE_LIMIT = 3;

export interface ApplicantFacts {
  condition: Condition;
  reasons: readonly StayReason[];
  informed: boolean;
  voluntary: boolean;
  selfPaid: boolean;
  age: number;
  hasUnderlyingCondition: boolean;
  pregnant: boolean;
}

export type EligibilityProblem =
  | { code: 'condition_not_admissible'; field: 'condition' }
  | { code: 'no_reason'; field: 'reasons' }
  | { code: 'not_informed'; field: 'informed' }
  | { code: 'not_voluntary'; field: 'voluntary' }
  | { code: 'not_self_paid'; field: 'selfPaid' };

export interface Eligibility {
  eligible: boolean;
  problems: EligibilityProblem[];
  riskGroups: RiskGroup[];
  /** Moderate or severe: refer to the designated hospital instead. */
  referToHospital: boolean;
}

export function riskGroupsOf(facts: Pick<ApplicantFacts, 'age' | 'hasUnderlyingCondition' | 'pregnant'>): RiskGroup[] {
  const out: RiskGroup[] = [];
  if (facts.age >= ELDERLY_AGE && facts.hasUnderlyingCondition) out.push('elderly_with_conditions');
  if (facts.age < INFANT_AGE_LIMIT) out.push('infant');
  if (facts.pregnant) out.push('pregnant');
  return out;
}

/** Decides an application; every unmet rule is listed with the field it concerns. */
export function assessEligibility(facts: ApplicantFacts): Eligibility {
  const problems: EligibilityProblem[] = [];
  if (!ADMISSIBLE_CONDITIONS.includes(facts.condition)) problems.push({ code: 'condition_not_admissible', field: 'condition' });
  if (!facts.reasons.some((r) => STAY_REASONS.includes(r))) problems.push({ code: 'no_reason', field: 'reasons' });
  if (!facts.informed) problems.push({ code: 'not_informed', field: 'informed' });
  if (!facts.voluntary) problems.push({ code: 'not_voluntary', field: 'voluntary' });
  if (!facts.selfPaid) problems.push({ code: 'not_self_paid', field: 'selfPaid' });
  return {
    eligible: problems.length === 0,
    problems,
    riskGroups: riskGroupsOf(facts),
    referToHospital: facts.condition === 'moderate' || facts.condition === 'severe',
  };
}
