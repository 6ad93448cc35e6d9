import type { ServiceContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { audit } from '../../platform/audit.js';
import { authorize } from '../../platform/policy.js';
import { badRequest, conflict, notFound } from '../../platform/errors.js';
import { publishLive } from '../../platform/live/live-hub.js';
import { evaluateReadings, lookback } from '../../../common/emergency/deterioration.js';
import { STAY_STATUS_LABELS } from '../../../common/emergency/labels.js';
import { cleanOptional, requireActor, timeOf } from './access.js';
import { requireStation, stationTopic } from './stations.js';
import { requireStay } from './stays.js';
import { presentAlert, presentHospitalTransfer, presentReading } from './presenter-stations.js';
import * as st from './repo-stations.js';
import type { ReadingBody } from './schema-stations.js';

/**
 * Daily monitoring at a health station (temperature, SpO2, blood pressure,
 * heart rate, symptoms; risk groups checked more often). Each reading is
 * run through the deterioration rules (common/emergency/deterioration.ts):
 * a rule that fires raises an alert to the station's medics; a critical one
 * also asks the designated hospital for a green-channel transfer at once,
 * a warning waits for the medic to escalate or dismiss it. The transfer is
 * followed to arrival, which ends the stay.
 */

/** Readings may be entered a little late, never for the future. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

async function requestTransfer(trx: Executor, ctx: ServiceContext, stay: st.StayRow, hospital: string, alertId: string, reason: string) {
  const existing = await st.openHospitalTransfer(trx, stay.id);
  if (existing) return existing;
  const row = await trx
    .insertInto('emergency_hospital_transfers')
    .values({
      stay_id: stay.id,
      alert_id: alertId,
      hospital_name: hospital,
      reason,
      status: 'requested',
      requested_by: ctx.actor!.userId,
      requested_at: ctx.clock.now(),
      dispatched_at: null,
      arrived_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit(trx, ctx, { action: 'emergency.hospital_transfer.request', targetType: 'emergency_stay', targetId: stay.id, after: { transferId: row.id, hospital, alertId } });
  return row;
}

/** `POST /emergency/stays/:id/readings` */
export async function recordReading(ctx: ServiceContext, stayId: string, input: ReadingBody) {
  const { actor, stay, station, care } = await requireStay(ctx, stayId);
  authorize(care);
  const measured = [input.temperature, input.spo2, input.systolic, input.diastolic, input.heartRate].some((v) => v !== undefined) || (input.symptoms?.length ?? 0) > 0;
  if (!measured) throw badRequest('validation.required', 'temperature');
  if ((input.systolic === undefined) !== (input.diastolic === undefined)) throw badRequest('validation.required', input.systolic === undefined ? 'systolic' : 'diastolic');
  const now = ctx.clock.now();
  const takenAt = input.takenAt ? timeOf(input.takenAt, 'takenAt') : now;
  if (takenAt.getTime() > now.getTime() + CLOCK_SKEW_MS || (stay.admitted_at && takenAt < stay.admitted_at)) throw badRequest('validation.range', 'takenAt');
  const note = cleanOptional(input.note, 'note');

  const result = await ctx.db.transaction().execute(async (trx) => {
    const current = (await st.lockStay(trx, stay.id))!;
    if (current.status !== 'admitted') {
      throw conflict('emergency.stay_transition', 'status', { status: STAY_STATUS_LABELS[current.status as 'admitted'][ctx.lang] });
    }
    const reading = await trx
      .insertInto('emergency_station_readings')
      .values({
        stay_id: stay.id,
        taken_at: takenAt,
        temperature: input.temperature ?? null,
        spo2: input.spo2 ?? null,
        systolic: input.systolic ?? null,
        diastolic: input.diastolic ?? null,
        heart_rate: input.heartRate ?? null,
        symptoms: JSON.stringify(input.symptoms ?? []),
        note,
        recorded_by: actor.userId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const history = await st.readingsOf(trx, stay.id, lookback());
    // A reading entered late (older than the newest one) is kept but does not re-run the rules.
    const isNewest = history[history.length - 1]?.id === reading.id;
    const findings = !isNewest
      ? []
      : evaluateReadings(
          history.map((r) => ({
            temperature: r.temperature === null ? null : Number(r.temperature),
            spo2: r.spo2,
            systolic: r.systolic,
            diastolic: r.diastolic,
            heartRate: r.heart_rate,
            symptoms: r.symptoms,
          })),
          { riskGroup: current.risk_groups.length > 0 },
        );
    const open = await st.openAlertRules(trx, stay.id);
    const alerts: st.AlertRow[] = [];
    let transfer: st.HospitalTransferRow | null = null;
    for (const f of findings) {
      if (open.has(f.rule)) continue;
      const critical = f.severity === 'critical';
      const alert = await trx
        .insertInto('emergency_station_alerts')
        .values({
          stay_id: stay.id,
          station_id: station.id,
          rule: f.rule,
          severity: f.severity,
          reading_id: reading.id,
          status: critical ? 'escalated' : 'open',
          raised_at: now,
          handled_by: null,
          handled_at: critical ? now : null,
          note: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      alerts.push(alert);
      if (critical) transfer = await requestTransfer(trx, ctx, current, station.hospital_name, alert.id, f.rule);
    }
    await audit(trx, ctx, {
      action: 'emergency.stay.reading',
      targetType: 'emergency_stay',
      targetId: stay.id,
      // The values are health data: the log keeps that a reading was taken and what it raised.
      after: { readingId: reading.id, alerts: alerts.map((a) => `${a.rule}:${a.severity}`) },
    });
    for (const a of alerts) await publishLive(trx, { topic: stationTopic(station.id), type: 'alert', data: { alertId: a.id, stayId: stay.id, severity: a.severity } });
    return { reading, alerts, transfer };
  });
  return {
    reading: presentReading(result.reading, actor.name),
    alerts: result.alerts.map((a) => presentAlert(a, stay.name)),
    hospitalTransfer: result.transfer ? presentHospitalTransfer(result.transfer) : null,
  };
}

/** `GET /emergency/stations/:id/alerts` */
export async function stationAlerts(ctx: ServiceContext, stationId: string, input: { status?: string }) {
  const { station, care } = await requireStation(ctx, stationId);
  authorize(!!ctx.actor && care);
  const rows = await st.alertsOf(ctx.db, { stationIds: [station.id], status: input.status });
  return { items: rows.map((a) => presentAlert(a, a.resident_name)) };
}

async function requireAlert(ctx: ServiceContext, alertId: string) {
  requireActor(ctx);
  const alert = await ctx.db.selectFrom('emergency_station_alerts').selectAll().where('id', '=', alertId).executeTakeFirst();
  if (!alert) throw notFound('emergency.alert_not_found');
  const { stay, station, care } = await requireStay(ctx, alert.stay_id).catch(() => {
    throw notFound('emergency.alert_not_found');
  });
  authorize(care, { hideExistence: true });
  return { alert, stay, station };
}

/** `POST /emergency/alerts/:id/escalate` — the medic sends the resident to the designated hospital (green channel). */
export async function escalateAlert(ctx: ServiceContext, alertId: string, input: { note?: string | null }) {
  const { alert, stay, station } = await requireAlert(ctx, alertId);
  const note = cleanOptional(input.note, 'note');
  const now = ctx.clock.now();
  const transfer = await ctx.db.transaction().execute(async (trx) => {
    const locked = await trx.selectFrom('emergency_station_alerts').selectAll().where('id', '=', alert.id).forUpdate().executeTakeFirstOrThrow();
    if (locked.status !== 'open') throw conflict('emergency.alert_handled');
    const current = (await st.lockStay(trx, stay.id))!;
    if (current.status !== 'admitted') throw conflict('emergency.stay_transition', 'status', { status: STAY_STATUS_LABELS[current.status as 'admitted'][ctx.lang] });
    await trx.updateTable('emergency_station_alerts').set({ status: 'escalated', handled_by: ctx.actor!.userId, handled_at: now, note }).where('id', '=', alert.id).execute();
    const t = await requestTransfer(trx, ctx, current, station.hospital_name, alert.id, note ?? alert.rule);
    await audit(trx, ctx, { action: 'emergency.alert.escalate', targetType: 'emergency_alert', targetId: alert.id, after: { transferId: t.id } });
    await publishLive(trx, { topic: stationTopic(station.id), type: 'alert', data: { alertId: alert.id, status: 'escalated' } });
    return t;
  });
  return presentHospitalTransfer(transfer);
}

/** `POST /emergency/alerts/:id/dismiss` — seen and judged not to need the hospital. */
export async function dismissAlert(ctx: ServiceContext, alertId: string, input: { reason: string }) {
  const { alert, stay, station } = await requireAlert(ctx, alertId);
  const reason = input.reason.trim();
  if (!reason) throw badRequest('emergency.blank', 'reason');
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('emergency_station_alerts')
      .set({ status: 'dismissed', handled_by: ctx.actor!.userId, handled_at: now, note: reason })
      .where('id', '=', alert.id)
      .where('status', '=', 'open')
      .returning('id')
      .executeTakeFirst();
    if (!updated) throw conflict('emergency.alert_handled');
    await audit(trx, ctx, { action: 'emergency.alert.dismiss', targetType: 'emergency_alert', targetId: alert.id, after: { reason } });
    await publishLive(trx, { topic: stationTopic(station.id), type: 'alert', data: { alertId: alert.id, status: 'dismissed' } });
  });
  const rows = await st.alertsOf(ctx.db, { stayId: stay.id });
  return presentAlert(rows.find((a) => a.id === alert.id)!, stay.name);
}

/** `POST /emergency/hospital-transfers/:id/status` — dispatched, then arrived (which ends the stay). */
export async function updateHospitalTransfer(ctx: ServiceContext, transferId: string, input: { status: 'dispatched' | 'arrived' }) {
  requireActor(ctx);
  const found = await ctx.db.selectFrom('emergency_hospital_transfers').selectAll().where('id', '=', transferId).executeTakeFirst();
  if (!found) throw notFound('emergency.hospital_transfer_not_found');
  const { stay, station, care } = await requireStay(ctx, found.stay_id).catch(() => {
    throw notFound('emergency.hospital_transfer_not_found');
  });
  authorize(care);
  const now = ctx.clock.now();
  const row = await ctx.db.transaction().execute(async (trx) => {
    const t = await trx.selectFrom('emergency_hospital_transfers').selectAll().where('id', '=', transferId).forUpdate().executeTakeFirstOrThrow();
    const allowed = (t.status === 'requested' && input.status === 'dispatched') || (t.status === 'dispatched' && input.status === 'arrived');
    if (!allowed) throw conflict('emergency.hospital_transfer_transition', 'status', { status: t.status });
    const updated = await trx
      .updateTable('emergency_hospital_transfers')
      .set(input.status === 'dispatched' ? { status: 'dispatched', dispatched_at: now } : { status: 'arrived', arrived_at: now })
      .where('id', '=', t.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (input.status === 'arrived') {
      await trx
        .updateTable('emergency_station_stays')
        .set({ status: 'transferred', ended_at: now, ended_by: ctx.actor!.userId, end_note: t.hospital_name, updated_at: now })
        .where('id', '=', stay.id)
        .where('status', '=', 'admitted')
        .execute();
    }
    await audit(trx, ctx, { action: `emergency.hospital_transfer.${input.status}`, targetType: 'emergency_stay', targetId: stay.id, after: { transferId: t.id } });
    await publishLive(trx, { topic: stationTopic(station.id), type: 'stay', data: { stayId: stay.id, transfer: input.status } });
    return updated;
  });
  return presentHospitalTransfer(row);
}
