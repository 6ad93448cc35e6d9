import crypto from 'node:crypto';
import type { ServiceContext } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { authorize } from '../../platform/policy.js';
import { badRequest, conflict, notFound } from '../../platform/errors.js';
import { publishLive } from '../../platform/live/live-hub.js';
import { translate, type MessageKey } from '../../../common/i18n/server-messages.js';
import { RISK_LEVEL_LABELS, shanghaiMoment } from '../../../common/emergency/labels.js';
import { RISK_LEVELS, type RiskLevel } from '../../../common/emergency/types.js';
import { canManageRiskAreas } from './policy.js';
import { assertActive, cleanOptional, clean, isUniqueViolation, iso, regionNames, requireActor, requireIncident, requireRegionInIncident, timeOf } from './access.js';
import { incidentTopic } from './incidents.js';
import * as risk from './repo-risk.js';
import type { CreateRiskAreaBody, RiskChangeBody, RiskHistory } from './schema-notices.js';

/**
 * Risk areas (高/中/低风险区; sealed compounds) set and lifted with
 * effective times, and their public list and history (seed 003: 「11月15日
 * 0时，茨菇塘街道世贸广场、红旗村、金岸华庭和金山街道金钩山路郭家祠堂、跃进村等5个原高风险区
 * 被降为低风险区」). A change names its areas, the new level (or a lift) and
 * when it takes effect — possibly later; changes announced together form a
 * batch, which the history summarises in one sentence.
 */

const rank = (level: string | null) => (level === null ? -1 : RISK_LEVELS.length - RISK_LEVELS.indexOf(level as RiskLevel));

/** `POST /emergency/incidents/:id/risk-areas` — designate an area with its first level. */
export async function createRiskArea(ctx: ServiceContext, incidentId: string, input: CreateRiskAreaBody) {
  const actor = requireActor(ctx);
  const incident = await requireIncident(ctx.db, incidentId);
  const region = await requireRegionInIncident(ctx.db, incident, input.regionCode);
  authorize(canManageRiskAreas(actor, region.code));
  const now = ctx.clock.now();
  assertActive(incident, now);
  const name = clean(input.name, 'name');
  const effectiveAt = input.effectiveAt ? timeOf(input.effectiveAt, 'effectiveAt') : now;
  if (effectiveAt < incident.started_at) throw badRequest('emergency.effective_before_start', 'effectiveAt');
  const note = cleanOptional(input.note, 'note');
  try {
    const id = await ctx.db.transaction().execute(async (trx) => {
      const area = await trx
        .insertInto('emergency_risk_areas')
        .values({ incident_id: incident.id, region_code: region.code, name, sealed: input.sealed ?? false, created_by: actor.userId })
        .returning('id')
        .executeTakeFirstOrThrow();
      await risk.insertChanges(trx, [{ area_id: area.id, batch_id: crypto.randomUUID(), level: input.level, effective_at: effectiveAt, note, changed_by: actor.userId }]);
      await audit(trx, ctx, {
        action: 'emergency.risk_area.create',
        targetType: 'emergency_risk_area',
        targetId: area.id,
        after: { regionCode: region.code, name, sealed: input.sealed ?? false, level: input.level, effectiveAt: effectiveAt.toISOString() },
      });
      await publishLive(trx, { topic: incidentTopic(incident.id), type: 'risk', data: { areaIds: [area.id] } });
      return area.id;
    });
    const list = await listRiskAreas(ctx, incident.id, { includeLifted: true, at: effectiveAt.toISOString() });
    return list.items.find((a) => a.id === id)!;
  } catch (e) {
    if (isUniqueViolation(e, 'emergency_risk_areas_name_idx')) throw conflict('emergency.risk_area_exists', 'name');
    throw e;
  }
}

/** `POST /emergency/incidents/:id/risk-areas/changes` — raise, lower or lift areas together, effective at a time. */
export async function changeRiskAreas(ctx: ServiceContext, incidentId: string, input: RiskChangeBody) {
  const actor = requireActor(ctx);
  const incident = await requireIncident(ctx.db, incidentId);
  const now = ctx.clock.now();
  assertActive(incident, now);
  if (new Set(input.areaIds).size !== input.areaIds.length) throw badRequest('emergency.duplicate_ids', 'areaIds');
  const effectiveAt = timeOf(input.effectiveAt, 'effectiveAt');
  if (effectiveAt < incident.started_at) throw badRequest('emergency.effective_before_start', 'effectiveAt');
  const note = cleanOptional(input.note, 'note');
  const areas = await risk.areasByIds(ctx.db, input.areaIds);
  if (areas.length !== input.areaIds.length || areas.some((a) => a.incident_id !== incident.id)) throw notFound('emergency.risk_area_not_found', 'areaIds');
  authorize(areas.every((a) => canManageRiskAreas(actor, a.region_code)));
  const batchId = crypto.randomUUID();

  await ctx.db.transaction().execute(async (trx) => {
    // Serialise changes of one incident's areas so two announcements cannot interleave.
    await trx.selectFrom('emergency_risk_areas').select('id').where('id', 'in', input.areaIds).orderBy('id').forUpdate().execute();
    const latest = await risk.latestChanges(trx, input.areaIds);
    for (const area of areas) {
      const last = latest.get(area.id)!;
      if (effectiveAt < last.effective_at) throw badRequest('emergency.effective_before_start', 'effectiveAt');
      if (last.level === input.level) throw conflict(input.level === null ? 'emergency.risk_area_lifted' : 'emergency.risk_level_unchanged', 'level');
    }
    await risk.insertChanges(
      trx,
      areas.map((a) => ({ area_id: a.id, batch_id: batchId, level: input.level, effective_at: effectiveAt, note, changed_by: actor.userId })),
    );
    for (const area of areas) {
      await audit(trx, ctx, {
        action: input.level === null ? 'emergency.risk_area.lift' : 'emergency.risk_area.change',
        targetType: 'emergency_risk_area',
        targetId: area.id,
        before: { level: latest.get(area.id)!.level },
        after: { level: input.level, effectiveAt: effectiveAt.toISOString(), batchId },
      });
    }
    await publishLive(trx, { topic: incidentTopic(incident.id), type: 'risk', data: { areaIds: input.areaIds, batchId } });
  });
  return riskHistory(ctx, incident.id);
}

/** `GET /emergency/incidents/:id/risk-areas` (public) — the areas and their level at a moment (now by default). */
export async function listRiskAreas(ctx: ServiceContext, incidentId: string, input: { at?: string; includeLifted?: boolean }) {
  const incident = await requireIncident(ctx.db, incidentId);
  const at = input.at ? timeOf(input.at, 'at') : ctx.clock.now();
  const areas = await risk.areasOf(ctx.db, incident.id);
  const ids = areas.map((a) => a.id);
  const [levels, next, names] = await Promise.all([risk.levelsAt(ctx.db, ids, at), risk.nextChanges(ctx.db, ids, at), regionNames(ctx.db, areas.map((a) => a.region_code))]);
  const items = areas
    .map((a) => {
      const now = levels.get(a.id);
      const upcoming = next.get(a.id);
      return {
        id: a.id,
        incidentId: a.incident_id,
        regionCode: a.region_code,
        regionName: names.get(a.region_code) ?? a.region_code,
        name: a.name,
        sealed: a.sealed,
        level: (now?.level ?? null) as RiskLevel | null,
        since: iso(now?.effective_at ?? null),
        next: upcoming ? { level: upcoming.level as RiskLevel | null, effectiveAt: upcoming.effective_at.toISOString() } : null,
      };
    })
    .filter((a) => input.includeLifted || a.level !== null || a.next !== null)
    .sort((x, y) => rank(y.level) - rank(x.level));
  return { at: at.toISOString(), items, abilities: { manage: canManageRiskAreas(ctx.actor, incident.region_code) } };
}

/** `GET /emergency/incidents/:id/risk-areas/history` (public) — every announcement, newest first, in one sentence each. */
export async function riskHistory(ctx: ServiceContext, incidentId: string): Promise<RiskHistory> {
  const incident = await requireIncident(ctx.db, incidentId);
  const rows = await risk.history(ctx.db, incident.id);
  const groups = new Map<string, RiskHistory['items'][number]>();
  for (const r of rows) {
    const key = `${r.batch_id}|${r.previous}|${r.level}`;
    let g = groups.get(key);
    if (!g) {
      g = {
        batchId: r.batch_id,
        effectiveAt: r.effective_at.toISOString(),
        from: r.previous as RiskLevel | null,
        to: r.level as RiskLevel | null,
        count: 0,
        areas: [],
        note: r.note,
        summary: '',
      };
      groups.set(key, g);
    }
    g.count++;
    g.areas.push({ id: r.area_id, name: r.name });
  }
  const items = [...groups.values()];
  for (const g of items) g.summary = summary(ctx, g);
  return { items };
}

function summary(ctx: ServiceContext, g: RiskHistory['items'][number]): string {
  const label = (l: RiskLevel | null) => (l ? RISK_LEVEL_LABELS[l][ctx.lang] : '');
  const params = { count: g.count, from: label(g.from), to: label(g.to), time: shanghaiMoment(new Date(g.effectiveAt), ctx.lang) };
  const key: MessageKey =
    g.from === null
      ? 'emergency.risk_summary.designated'
      : g.to === null
        ? 'emergency.risk_summary.lifted'
        : rank(g.to) < rank(g.from)
          ? 'emergency.risk_summary.changed'
          : 'emergency.risk_summary.raised';
  return translate(ctx.lang, key, params);
}
