import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type as T } from '@sinclair/typebox';
import * as flags from './flags.js';
import { complianceBoard } from './compliance.js';
import { getSettings, putSettings } from './settings.js';
import { IdParams, RegionCode, RegionParams, Strict, errors } from './schema.js';
import { ComplianceBoard, ComplianceQuery, FlagList, FlagListQuery, FlagView, ReasonBody, ScanResult, SettingsBody, SettingsView } from './schema-oversight.js';

const tags = ['disclosures'];
const security = [{ session: [] }];

/** Red flags (supervisors), the compliance board (townships, districts) and per-region settings. */
export async function oversightRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/disclosures/flags',
    { schema: { tags, security, summary: 'Red flags in a region (supervision committee, discipline inspectors, admins)', querystring: FlagListQuery, response: { 200: FlagList, ...errors(400, 401, 403) } } },
    async (r) => flags.listFlags(r.ctx(), r.query),
  );
  app.post(
    '/disclosures/flags/scan',
    { schema: { tags, security, summary: 'Re-run every red-flag rule over a region (discipline inspectors, admins)', querystring: T.Object({ region: RegionCode }, Strict), response: { 200: ScanResult, ...errors(400, 401, 403) } } },
    async (r) => flags.rescan(r.ctx(), r.query.region),
  );
  app.get(
    '/disclosures/flags/:id',
    { schema: { tags, security, summary: 'A red flag: explanation, the entries behind it, history', params: IdParams, response: { 200: FlagView, ...errors(400, 401, 404) } } },
    async (r) => flags.getFlag(r.ctx(), r.params.id),
  );
  app.post(
    '/disclosures/flags/:id/dismiss',
    { schema: { tags, security, summary: 'Dismiss a red flag with a reason (kept in its history)', params: IdParams, body: ReasonBody, response: { 200: FlagView, ...errors(400, 401, 403, 404, 409) } } },
    async (r) => flags.dismissFlag(r.ctx(), r.params.id, r.body.reason),
  );
  app.post(
    '/disclosures/flags/:id/reopen',
    { schema: { tags, security, summary: 'Reopen a dismissed red flag with a reason', params: IdParams, body: ReasonBody, response: { 200: FlagView, ...errors(400, 401, 403, 404, 409) } } },
    async (r) => flags.reopenFlag(r.ctx(), r.params.id, r.body.reason),
  );
  app.get(
    '/disclosures/compliance',
    { schema: { tags, security, summary: 'On time, late or missing: every village under a township or district, month by month', querystring: ComplianceQuery, response: { 200: ComplianceBoard, ...errors(400, 401, 403) } } },
    async (r) => complianceBoard(r.ctx(), r.query),
  );
  app.get(
    '/disclosures/settings/:code',
    { schema: { tags, summary: 'Disclosure settings in force for a region (due day, thresholds)', params: RegionParams, response: { 200: SettingsView, ...errors(400, 404) } } },
    async (r) => getSettings(r.ctx(), r.params.code),
  );
  app.put(
    '/disclosures/settings/:code',
    { schema: { tags, security, summary: 'Set a region’s due day and thresholds (officials of the region, admins)', params: RegionParams, body: SettingsBody, response: { 200: SettingsView, ...errors(400, 401, 403, 404) } } },
    async (r) => putSettings(r.ctx(), r.params.code, r.body),
  );
}
