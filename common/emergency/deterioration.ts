/**
 * Health monitoring at a health station (seed 001: 医务人员将监测其健康状况，
 * 尤其具有基础疾病的老年群体、婴幼儿及孕产妇 … 如发现患者病情加重 … 通过绿色通道
 * 转运至辖区定点医院救治).
 *
 * Deterioration rules are data: a rule looks at the newest readings of one
 * stay and fires when its condition holds for `consecutive` readings in a
 * row (readings that did not measure the metric are skipped). A fired rule
 * raises an alert to the station's medics; a `critical` one also asks the
 * designated hospital for a green-channel transfer at once, a `warning` one
 * waits for the medic to escalate or dismiss it. Thresholds follow the
 * national diagnosis and treatment plan (SpO2 ≤ 93% at rest marks a severe
 * case) and common triage practice; a region may pass its own list.
 */

export type Metric = 'temperature' | 'spo2' | 'systolic' | 'diastolic' | 'heartRate';
export type Severity = 'warning' | 'critical';

export const SYMPTOMS = ['fever', 'cough', 'sore_throat', 'fatigue', 'dyspnea', 'chest_pain', 'confusion', 'vomiting', 'diarrhea', 'loss_of_taste'] as const;
export type Symptom = (typeof SYMPTOMS)[number];

export type DeteriorationRule =
  | {
      code: string;
      metric: Metric;
      op: 'lt' | 'lte' | 'gt' | 'gte';
      threshold: number;
      consecutive: number;
      severity: Severity;
      /** Applies only to people in a risk group (elderly with conditions, infants, pregnant). */
      riskGroupOnly?: boolean;
    }
  | { code: string; symptom: Symptom; consecutive: number; severity: Severity; riskGroupOnly?: boolean };

export const DETERIORATION_RULES: readonly DeteriorationRule[] = [
  { code: 'spo2_low', metric: 'spo2', op: 'lt', threshold: 93, consecutive: 1, severity: 'critical' },
  { code: 'fever_persistent', metric: 'temperature', op: 'gte', threshold: 38.5, consecutive: 3, severity: 'warning' },
  // Risk groups: two high readings are enough to call the medic.
  { code: 'fever_persistent_risk_group', metric: 'temperature', op: 'gte', threshold: 38.5, consecutive: 2, severity: 'warning', riskGroupOnly: true },
  { code: 'fever_very_high', metric: 'temperature', op: 'gte', threshold: 40, consecutive: 1, severity: 'critical' },
  { code: 'blood_pressure_high', metric: 'systolic', op: 'gte', threshold: 180, consecutive: 1, severity: 'warning' },
  { code: 'blood_pressure_high_diastolic', metric: 'diastolic', op: 'gte', threshold: 110, consecutive: 1, severity: 'warning' },
  { code: 'blood_pressure_low', metric: 'systolic', op: 'lt', threshold: 90, consecutive: 1, severity: 'critical' },
  { code: 'heart_rate_high', metric: 'heartRate', op: 'gt', threshold: 120, consecutive: 2, severity: 'warning' },
  { code: 'dyspnea', symptom: 'dyspnea', consecutive: 1, severity: 'critical' },
  { code: 'chest_pain', symptom: 'chest_pain', consecutive: 1, severity: 'critical' },
  { code: 'confusion', symptom: 'confusion', consecutive: 1, severity: 'critical' },
];

export interface Reading {
  temperature?: number | null;
  spo2?: number | null;
  systolic?: number | null;
  diastolic?: number | null;
  heartRate?: number | null;
  symptoms?: readonly string[];
}

export interface Finding {
  rule: string;
  severity: Severity;
}

function holds(rule: DeteriorationRule, r: Reading): boolean | null {
  if ('symptom' in rule) return (r.symptoms ?? []).includes(rule.symptom);
  const v = r[rule.metric];
  if (v === null || v === undefined) return null;
  switch (rule.op) {
    case 'lt':
      return v < rule.threshold;
    case 'lte':
      return v <= rule.threshold;
    case 'gt':
      return v > rule.threshold;
    case 'gte':
      return v >= rule.threshold;
  }
}

/**
 * The rules that fire on the newest reading. `readings` are oldest first and
 * end with the reading just taken; a rule fires only if that reading is part
 * of the run, so an old run does not fire again on an unrelated reading.
 */
export function evaluateReadings(
  readings: readonly Reading[],
  options: { riskGroup: boolean; rules?: readonly DeteriorationRule[] },
): Finding[] {
  const rules = options.rules ?? DETERIORATION_RULES;
  const latest = readings[readings.length - 1];
  if (!latest) return [];
  const out: Finding[] = [];
  for (const rule of rules) {
    if (rule.riskGroupOnly && !options.riskGroup) continue;
    if (holds(rule, latest) !== true) continue;
    let run = 0;
    for (let i = readings.length - 1; i >= 0 && run < rule.consecutive; i--) {
      const h = holds(rule, readings[i]!);
      if (h === null) continue;
      if (!h) break;
      run++;
    }
    if (run >= rule.consecutive) out.push({ rule: rule.code, severity: rule.severity });
  }
  return out;
}

/** How many recent readings the service loads (room for readings that skipped a metric). */
export function lookback(rules: readonly DeteriorationRule[] = DETERIORATION_RULES): number {
  return Math.max(1, ...rules.map((r) => r.consecutive)) * 4;
}

/** Hours between checks: twice a day, every 6 hours for risk groups (checked more often). */
export function monitoringIntervalHours(riskGroup: boolean): number {
  return riskGroup ? 6 : 12;
}
