import type { Actor, ServiceContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { badRequest, conflict, notFound, unauthorized } from '../../platform/errors.js';
import { lookupRegions, requireRegion } from '../regions/service.js';
import { regionPrefix } from '../../../common/regions.js';
import type { MessageKey } from '../../../common/i18n/server-messages.js';
import type { IncidentFacts, GridFacts } from './policy.js';
import * as repo from './repo.js';
import type { GridRow, IncidentRow } from './repo.js';

/**
 * Small steps every emergency use case repeats: who is calling, which
 * incident, whether it is still running, whether a region lies inside it,
 * and cleaning free text.
 */

export function requireActor(ctx: ServiceContext): Actor {
  if (!ctx.actor) throw unauthorized();
  return ctx.actor;
}

export async function requireIncident(db: Executor, id: string): Promise<IncidentRow> {
  const incident = await repo.findIncident(db, id);
  if (!incident) throw notFound('emergency.incident_not_found');
  return incident;
}

export function incidentFacts(incident: IncidentRow, now: Date): IncidentFacts {
  return { id: incident.id, regionCode: incident.region_code, active: repo.isActive(incident, now) };
}

/** New work cannot be added to an incident that has ended (its history stays readable). */
export function assertActive(incident: IncidentRow, now: Date): void {
  if (!repo.isActive(incident, now)) throw conflict('emergency.incident_ended');
}

export function gridFacts(grid: GridRow): GridFacts {
  return { id: grid.id, regionCode: grid.region_code, leaderUserId: grid.leader_user_id };
}

export async function requireGrid(db: Executor, id: string, incidentId?: string, field?: string): Promise<GridRow> {
  const grid = await repo.findGrid(db, id);
  if (!grid || (incidentId && grid.incident_id !== incidentId)) {
    if (field) throw badRequest('emergency.grid_not_found', field);
    throw notFound('emergency.grid_not_found');
  }
  return grid;
}

/** The region a request names, which must exist and lie inside the incident's area. */
export async function requireRegionInIncident(db: Executor, incident: IncidentRow, code: string, field = 'regionCode') {
  const region = await requireRegion(db, code, field);
  if (!code.startsWith(regionPrefix(incident.region_code))) throw badRequest('emergency.region_outside_incident', field);
  return region;
}

export async function regionNames(db: Executor, codes: string[]): Promise<Map<string, string>> {
  const regions = await lookupRegions(db, [...new Set(codes)]);
  return new Map([...regions.values()].map((r) => [r.code, r.name]));
}

/** Trimmed text; blank after trimming is a 400 naming the field. */
export function clean(text: string, field: string): string {
  const t = text.trim();
  if (!t) throw badRequest('emergency.blank', field);
  return t;
}

export function cleanOptional(text: string | null | undefined, field: string): string | null {
  if (text === null || text === undefined || text === '') return null;
  return clean(text, field);
}

/** Both or neither of lat/lng; a 400 naming the missing one. */
export function pointOf(input: { lat?: number | null; lng?: number | null }, latField = 'lat', lngField = 'lng'): { lat: number; lng: number } | null {
  const hasLat = input.lat !== undefined && input.lat !== null;
  const hasLng = input.lng !== undefined && input.lng !== null;
  if (hasLat !== hasLng) throw badRequest('emergency.lat_lng_together', hasLat ? lngField : latField);
  return hasLat ? { lat: input.lat!, lng: input.lng! } : null;
}

/** Time from an ISO string in a request; an unreadable one is a 400 naming the field. */
export function timeOf(value: string, field: string): Date {
  const t = new Date(value);
  if (Number.isNaN(t.getTime())) throw badRequest('validation.format' as MessageKey, field);
  return t;
}

/** A unique-constraint violation of the named index, for turning a race into a 409. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = error as { code?: string; constraint?: string };
  return e?.code === '23505' && e.constraint === constraint;
}

export function iso(d: Date | null): string | null {
  return d ? d.toISOString() : null;
}

export const pageOf = (input: { page?: number; pageSize?: number }) => ({ page: input.page ?? 1, pageSize: input.pageSize ?? 20 });
