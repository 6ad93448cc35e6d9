import type { ServiceContext } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { AppError } from '../../platform/errors.js';
import { isRegionCode } from '../../../common/regions.js';
import { translate } from '../../../common/i18n/server-messages.js';
import * as cases from '../cases/intake-open311.js';
import type { CategoryRow } from '../cases/repo.js';
import { badParam, Open311Error, w3c, type Item } from './format.js';
import { touchKey, verifyKey, type Client } from './keys.js';
import { defaultCity, regionFromAddress } from './locate.js';
import { type Params, checkNames, dateParam, listParam, numberParam, textParam } from './params.js';

/**
 * The GeoReport v2 use cases (DOMAIN.md "Open311"): services from the case
 * categories, service definitions, filing a request through the case
 * engine's intake, and the public record of requests. POST answers the
 * `service_request_id` (the tracking number) at once, plus a `token` for
 * clients written for the token flow (`GET tokens/{token}`).
 */

export const JURISDICTION_ID = 'zhuzhou';
/** GeoReport's defaults: the last 90 days, at most 1,000 requests. */
const DEFAULT_DAYS = 90;
const MAX_REQUESTS = 1000;
const MAX_DESCRIPTION = 2000;

function checkJurisdiction(p: Params): void {
  const j = textParam(p, 'jurisdiction_id', 50);
  if (j !== null && j !== JURISDICTION_ID) throw new Open311Error(404, 'open311.jurisdiction');
}

const nameOf = (ctx: ServiceContext, c: Pick<CategoryRow, 'name' | 'name_en'>) => (ctx.lang === 'en' ? (c.name_en ?? c.name) : c.name);

/** Leaf categories (a parent with children is a group, not a service). */
async function services(ctx: ServiceContext) {
  const all = await cases.open311Categories(ctx.db);
  const byCode = new Map(all.map((c) => [c.code, c]));
  return { all: all.filter((c) => !all.some((o) => o.parent_code === c.code)), byCode };
}

/** `GET services.{fmt}` */
export async function listServices(ctx: ServiceContext, p: Params): Promise<Item[]> {
  checkNames(p, ['jurisdiction_id']);
  checkJurisdiction(p);
  const { all, byCode } = await services(ctx);
  return all.map((c) => {
    const parent = c.parent_code ? byCode.get(c.parent_code) : undefined;
    const hours = ctx.lang === 'en' ? `answered within ${c.response_hours} h, resolved within ${c.resolution_hours} h` : `${c.response_hours} 小时内响应，${c.resolution_hours} 小时内办结`;
    return {
      service_code: c.code,
      service_name: nameOf(ctx, c),
      description: `${nameOf(ctx, c)}：${hours}`,
      metadata: true,
      type: 'realtime',
      keywords: c.keywords.join(','),
      group: parent ? nameOf(ctx, parent) : nameOf(ctx, c),
    };
  });
}

/** `GET services/{code}.{fmt}`: the attributes a client may send with `attribute[code]`. */
export async function serviceDefinition(ctx: ServiceContext, code: string, p: Params): Promise<Item> {
  checkNames(p, ['jurisdiction_id']);
  checkJurisdiction(p);
  const { all } = await services(ctx);
  const service = all.find((c) => c.code === code);
  if (!service) throw new Open311Error(404, 'open311.service_not_found');
  return {
    service_code: service.code,
    attributes: [
      { variable: true, code: 'region_code', datatype: 'string', required: false, datatype_description: '^[0-9]{12}([0-9]{3})?$', order: 1, description: translate(ctx.lang, 'open311.attr_region_code') },
      { variable: true, code: 'title', datatype: 'string', required: false, datatype_description: '2–60', order: 2, description: translate(ctx.lang, 'open311.attr_title') },
    ],
  };
}

const POST_NAMES = ['api_key', 'jurisdiction_id', 'service_code', 'lat', 'long', 'address_string', 'address_id', 'email', 'device_id', 'account_id', 'first_name', 'last_name', 'phone', 'description', 'media_url'];
const ATTRIBUTES = ['region_code', 'title'];
const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;
const PHONE = /^\+?[0-9][0-9 -]{4,19}$/;

function requesterName(first: string | null, last: string | null): string | null {
  if (!first && !last) return null;
  if (/^[\x00-\x7f]*$/.test(`${first ?? ''}${last ?? ''}`)) return [first, last].filter(Boolean).join(' ');
  return `${last ?? ''}${first ?? ''}`;
}

function mediaUrl(p: Params): string | null {
  const raw = textParam(p, 'media_url', 1000);
  if (raw === null) return null;
  try {
    const u = new URL(raw);
    if (u.protocol === 'http:' || u.protocol === 'https:') return u.toString();
  } catch {
    // falls through to the 400
  }
  throw badParam('media_url');
}

const shanghaiMinute = (d: Date) => new Date(d.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 16).replace('T', ' ');

/** `POST requests.{fmt}` (form-encoded): files a case on the channel 'open311'. */
export async function postRequest(ctx: ServiceContext, p: Params, demo: boolean): Promise<Item[]> {
  const apiKey = textParam(p, 'api_key', 200);
  if (apiKey === null) throw new Open311Error(403, 'open311.api_key_missing');
  const client = await verifyKey(ctx.db, apiKey, demo);
  if (!client) throw new Open311Error(403, 'open311.api_key_invalid');
  const attributes = checkNames(p, POST_NAMES, ATTRIBUTES);
  checkJurisdiction(p);

  const serviceCode = textParam(p, 'service_code', 100);
  if (serviceCode === null) throw badParam('service_code', 'open311.required');
  const { all } = await services(ctx);
  if (!all.some((c) => c.code === serviceCode)) throw new Open311Error(404, 'open311.service_not_found');

  const lat = numberParam(p, 'lat', -90, 90);
  const lng = numberParam(p, 'long', -180, 180);
  if ((lat === null) !== (lng === null)) throw badParam(lat === null ? 'lat' : 'long', 'open311.lat_long_together');
  const address = textParam(p, 'address_string', 200);
  const addressId = textParam(p, 'address_id', 100);
  if (lat === null && address === null && addressId === null) throw badParam('lat', 'open311.location_required');

  const description = textParam(p, 'description', MAX_DESCRIPTION);
  if (description === null) throw badParam('description', 'open311.required');
  if (Array.from(description).length < 2) throw badParam('description');
  const email = textParam(p, 'email', 254);
  if (email !== null && !EMAIL.test(email)) throw badParam('email');
  const phone = textParam(p, 'phone', 20);
  if (phone !== null && !PHONE.test(phone)) throw badParam('phone');
  const name = requesterName(textParam(p, 'first_name', 50), textParam(p, 'last_name', 50));
  const deviceId = textParam(p, 'device_id', 100);
  const accountId = textParam(p, 'account_id', 100);
  const media = mediaUrl(p);
  const title = attributes.title ?? null;
  if (title !== null && (Array.from(title).length < 2 || Array.from(title).length > 60)) throw badParam('attribute[title]', 'open311.too_long', { limit: 60 });

  let regionCode: string | null = null;
  if (attributes.region_code !== undefined) {
    if (!isRegionCode(attributes.region_code)) throw badParam('attribute[region_code]', 'open311.unknown_region');
    regionCode = attributes.region_code;
  } else {
    regionCode = (address ? await regionFromAddress(ctx, address) : null) ?? (await defaultCity(ctx));
  }
  if (!regionCode) throw badParam('attribute[region_code]', 'open311.location_required');

  let token = '';
  let created: cases.ExternalCase;
  try {
    created = await cases.submitExternalCase(
      ctx,
      { categoryCode: serviceCode, title, description, regionCode, address, lat, lng, requester: { name, phone: phone?.replace(/[ -]/g, '') ?? null } },
      async (trx, c) => {
        const row = await trx
          .insertInto('open311_requests')
          .values({
            case_id: c.id,
            service_request_id: c.trackingNumber,
            api_key_id: client.apiKeyId,
            client_name: client.name,
            email,
            device_id: deviceId,
            account_id: accountId,
            media_url: media,
            attributes: JSON.stringify({ ...attributes, ...(addressId ? { address_id: addressId } : {}) }),
            created_at: ctx.clock.now(),
          })
          .returning('token')
          .executeTakeFirstOrThrow();
        token = row.token;
        if (client.apiKeyId) await touchKey(trx, client.apiKeyId, ctx.clock.now());
        await audit(trx, ctx, { action: 'open311.request', targetType: 'case', targetId: c.id, after: { trackingNumber: c.trackingNumber, client: client.name, apiKeyId: client.apiKeyId } });
      },
    );
  } catch (error) {
    // The engine's own checks (a region that does not exist …) in GeoReport's words.
    if (error instanceof AppError && error.status === 400) {
      throw badParam(error.field === 'region_code' ? 'attribute[region_code]' : (error.field ?? 'service_code'), error.field === 'region_code' ? 'open311.unknown_region' : 'open311.invalid');
    }
    throw error;
  }
  const due = shanghaiMinute(created.resolutionDueAt);
  return [
    {
      service_request_id: created.trackingNumber,
      token,
      service_notice: created.unitName ? translate(ctx.lang, 'open311.service_notice', { unit: created.unitName, due }) : translate(ctx.lang, 'open311.service_notice_pool', { due }),
      account_id: accountId,
    },
  ];
}

async function mediaOf(ctx: ServiceContext, caseIds: string[]): Promise<Map<string, string>> {
  if (!caseIds.length) return new Map();
  const rows = await ctx.db.selectFrom('open311_requests').select(['case_id', 'media_url']).where('case_id', 'in', caseIds).where('media_url', 'is not', null).execute();
  return new Map(rows.map((r) => [r.case_id, r.media_url!]));
}

async function present(ctx: ServiceContext, records: cases.PublicCaseRecord[]): Promise<Item[]> {
  const media = await mediaOf(
    ctx,
    records.map((r) => r.id),
  );
  return records.map((r) => ({
    service_request_id: r.trackingNumber,
    status: r.open ? 'open' : 'closed',
    status_notes: r.statusNote,
    service_name: r.categoryName,
    service_code: r.categoryCode,
    description: r.description,
    agency_responsible: r.unitName,
    service_notice: null,
    requested_datetime: w3c(r.createdAt),
    updated_datetime: w3c(r.updatedAt),
    expected_datetime: w3c(r.resolutionDueAt),
    address: r.address,
    address_id: null,
    zipcode: null,
    lat: r.lat,
    long: r.lng,
    media_url: media.get(r.id) ?? null,
  }));
}

/** `GET requests.{fmt}`: public requests; by ids, or by service, period (≤ 90 days, default the last 90) and status. */
export async function listRequests(ctx: ServiceContext, p: Params): Promise<Item[]> {
  checkNames(p, ['jurisdiction_id', 'api_key', 'service_request_id', 'service_code', 'start_date', 'end_date', 'status']);
  checkJurisdiction(p);
  const ids = listParam(p, 'service_request_id');
  if (ids) {
    if (ids.length > MAX_REQUESTS) throw badParam('service_request_id', 'open311.too_many_ids', { limit: MAX_REQUESTS });
    // GeoReport: with ids, the other filters are ignored.
    return present(ctx, await cases.publicCaseRecords(ctx.db, { trackingNumbers: ids, limit: MAX_REQUESTS }));
  }
  const serviceCode = textParam(p, 'service_code', 100) ?? undefined;
  let from = dateParam(p, 'start_date');
  let to = dateParam(p, 'end_date');
  const day = 24 * 3600 * 1000;
  if (!from && !to) {
    to = ctx.clock.now();
    from = new Date(to.getTime() - DEFAULT_DAYS * day);
  } else if (!from) from = new Date(to!.getTime() - DEFAULT_DAYS * day);
  else if (!to) to = new Date(from.getTime() + DEFAULT_DAYS * day);
  if (from! > to! || to!.getTime() - from!.getTime() > DEFAULT_DAYS * day) throw badParam('end_date', 'open311.date_range');
  const statuses = listParam(p, 'status');
  if (statuses?.some((s) => s !== 'open' && s !== 'closed')) throw badParam('status');
  const open = statuses && new Set(statuses).size === 1 ? statuses[0] === 'open' : undefined;
  return present(ctx, await cases.publicCaseRecords(ctx.db, { categoryCode: serviceCode, from: from!, to: to!, open, limit: MAX_REQUESTS }));
}

/** `GET requests/{id}.{fmt}` */
export async function getRequest(ctx: ServiceContext, id: string, p: Params): Promise<Item[]> {
  checkNames(p, ['jurisdiction_id', 'api_key']);
  checkJurisdiction(p);
  const found = /^ZZ[0-9]{10,12}$/.test(id) ? await cases.publicCaseRecords(ctx.db, { trackingNumbers: [id], limit: 1 }) : [];
  if (!found.length) throw new Open311Error(404, 'open311.request_not_found');
  return present(ctx, found);
}

/** `GET tokens/{token}.{fmt}` */
export async function getToken(ctx: ServiceContext, token: string, p: Params): Promise<Item[]> {
  checkNames(p, ['jurisdiction_id', 'api_key']);
  checkJurisdiction(p);
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(token)) throw new Open311Error(404, 'open311.token_not_found');
  const row = await ctx.db.selectFrom('open311_requests').select(['service_request_id', 'token']).where('token', '=', token.toLowerCase()).executeTakeFirst();
  if (!row) throw new Open311Error(404, 'open311.token_not_found');
  return [{ service_request_id: row.service_request_id, token: row.token }];
}

export type { Client };
