import { sql } from 'kysely';
import type { ServiceContext } from '../../platform/context.js';
import { badRequest, conflict, forbidden, unauthorized } from '../../platform/errors.js';
import { regionPrefix } from '../../../common/regions.js';
import type { CasePriority } from '../../../common/cases/types.js';
import * as directory from './directory.js';
import { canRecordCall, canView, caseScope, hasQueue } from './policy.js';
import { presentCase, presentCategory, presentSimilar } from './presenter.js';
import * as queries from './queries.js';
import * as repo from './repo.js';
import type { CategoryRow } from './repo.js';
import { getCase } from './reading.js';
import { codeAtLevel } from './routing.js';
import { createCase, intakeReference, type IntakeReference, type WrittenCase } from './new-case.js';
import type { CreateCaseInput } from './schema.js';
import { wordSet } from './segment.js';
import { caseNotFound, text } from './transition-kit.js';

/**
 * Intake (DESIGN §4): a resident files a case in the app, or a hotline
 * operator records a call for a caller. The case is numbered, routed to its
 * handling unit, given its deadlines, and the unit (its cadre on duty first)
 * is told — all in one transaction. An `Idempotency-Key` makes retries and
 * double taps return the case already created.
 */

interface Validated {
  reference: IntakeReference;
  channel: 'app' | 'hotline';
  title: string;
  description: string;
  category: CategoryRow;
  priority: CasePriority;
  isPublic: boolean;
  isAnonymous: boolean;
}

async function validate(ctx: ServiceContext, input: CreateCaseInput): Promise<Validated> {
  const actor = ctx.actor!;
  const channel = input.channel ?? 'app';
  const title = text(input.title, 'title');
  const description = text(input.description, 'description');
  if (channel === 'hotline') {
    if (!canRecordCall(actor, input.regionCode)) throw forbidden('cases.hotline_forbidden');
    if (!input.callerPhone) throw badRequest('cases.caller_phone_required', 'callerPhone');
  } else {
    if (input.callerName !== undefined) throw badRequest('cases.caller_fields_hotline_only', 'callerName');
    if (input.callerPhone !== undefined) throw badRequest('cases.caller_fields_hotline_only', 'callerPhone');
  }
  if ((input.lat === undefined) !== (input.lng === undefined)) throw badRequest('cases.lat_lng_together', input.lat === undefined ? 'lat' : 'lng');
  // The region is checked by the write itself (its foreign key): one round trip less on every intake.
  const reference = await intakeReference(ctx);
  const category = reference.cases.categories.get(input.categoryCode);
  if (!category || !category.active) throw badRequest('cases.unknown_category', 'categoryCode');
  if (input.isAnonymous && !category.anonymity_allowed) throw badRequest('cases.anonymity_not_allowed', 'isAnonymous');
  if (input.isPublic && category.confidential) throw badRequest('cases.confidential_not_public', 'isPublic');
  const isStaff = hasQueue(actor) || channel === 'hotline';
  if (input.priority && input.priority !== category.default_priority && !isStaff) throw badRequest('cases.priority_staff_only', 'priority');
  return {
    reference,
    channel,
    title,
    description,
    category,
    priority: input.priority ?? category.default_priority,
    isPublic: category.confidential ? false : (input.isPublic ?? true),
    isAnonymous: input.isAnonymous ?? false,
  };
}

function isIdempotencyConflict(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string };
  return e?.code === '23505' && e.constraint === 'cases_idempotency_idx';
}

function isUnknownRegion(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string };
  return e?.code === '23503' && e.constraint === 'cases_region_code_fkey';
}

/** The case an earlier request with this key created, or a 409 when the key was used for something else. */
async function replay(ctx: ServiceContext, key: string, input: CreateCaseInput) {
  const existing = await repo.findByIdempotencyKey(ctx.db, ctx.actor!.userId, key);
  if (!existing) return null;
  if (existing.title !== input.title.trim() || existing.description !== input.description.trim() || existing.region_code !== input.regionCode) {
    throw conflict('cases.idempotency_mismatch', 'idempotency-key');
  }
  return { created: false, view: await getCase(ctx, existing.id) };
}

/**
 * `POST /cases`. With an Idempotency-Key the write itself detects a repeat
 * (the key's unique index), so a first submission costs no lookup; a repeat
 * answers the case already created (its reserved number is left unused).
 */
export async function submitCase(ctx: ServiceContext, input: CreateCaseInput, idempotencyKey?: string) {
  const actor = ctx.actor;
  if (!actor) throw unauthorized();
  const v = await validate(ctx, input);
  const requester =
    v.channel === 'app'
      ? { id: actor.userId, name: actor.name, phone: 'account' as const }
      : { id: null, name: input.callerName?.trim() || null, phone: input.callerPhone! };
  let written: WrittenCase;
  try {
    written = await createCase(ctx, {
      channel: v.channel,
      category: v.category,
      title: v.title,
      description: v.description,
      regionCode: input.regionCode,
      address: input.address?.trim() || null,
      lat: input.lat ?? null,
      lng: input.lng ?? null,
      priority: v.priority,
      isPublic: v.isPublic,
      isAnonymous: v.isAnonymous,
      requester,
      idempotencyKey: idempotencyKey ?? null,
      sourcePostId: null,
    }, v.reference);
  } catch (error) {
    if (idempotencyKey && isIdempotencyConflict(error)) {
      const earlier = await replay(ctx, idempotencyKey, input);
      if (earlier) return earlier;
    }
    if (isUnknownRegion(error)) throw badRequest('cases.unknown_region', 'regionCode');
    throw error;
  }
  // Presented from what was written: the new case has no attachments, followers or merge yet.
  const { c, events, unit } = written;
  if (!canView(actor, c, false)) throw caseNotFound();
  const view = presentCase(c, actor, {
    events,
    attachments: [],
    names: { units: new Map(unit ? [[unit.id, unit]] : []), regions: new Map([[c.region_code, written.regionName]]) },
    categoryName: v.category.name,
    mergedInto: null,
    following: false,
    now: ctx.clock.now(),
    lang: ctx.lang,
  });
  return { created: true, view };
}

/** `GET /cases/categories`: the active catalogue, for the intake form. */
export async function listCategories(ctx: ServiceContext) {
  return { items: (await repo.listCategories(ctx.db)).map(presentCategory) };
}

/**
 * `GET /cases/suggest-category?text=`: categories whose keywords occur in the
 * text, best first. A keyword that jieba cuts out as a word scores 2, one that
 * only occurs inside a longer word scores 1; the category's own name scores 2.
 */
export async function suggestCategory(ctx: ServiceContext, textInput: string) {
  const body = textInput.trim();
  const words = wordSet(body);
  const scored = (await repo.listCategories(ctx.db))
    .map((c) => {
      const matched = c.keywords.filter((k) => words.has(k.toLowerCase()) || body.includes(k));
      const score = matched.reduce((s, k) => s + (words.has(k.toLowerCase()) ? 2 : 1), 0) + (body.includes(c.name) ? 2 : 0);
      return { c, matched, score };
    })
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score || a.c.sort_order - b.c.sort_order)
    .slice(0, 5);
  return {
    items: scored.map(({ c, matched, score }) => ({ code: c.code, name: c.name, score, matched, defaultPriority: c.default_priority })),
  };
}

const NEARBY_METRES = 500;

/**
 * `GET /cases/similar`: before submitting, open cases nearby that look alike
 * ("is this yours?"): in the same village subtree, or within 500 m, ranked by
 * pg_trgm similarity of the title. Only cases the caller may see: public ones,
 * their own, and for staff those in their scope.
 */
export async function similarCases(ctx: ServiceContext, input: { regionCode: string; text: string; lat?: number; lng?: number }) {
  if ((input.lat === undefined) !== (input.lng === undefined)) throw badRequest('cases.lat_lng_together', input.lat === undefined ? 'lat' : 'lng');
  const body = text(input.text, 'text');
  const visible = sql<boolean>`((cases.is_public and not cases.confidential) or ${queries.visibleTo(caseScope(ctx.actor))})`;
  const rows = await queries.similar(
    ctx.db,
    { regionPrefix: regionPrefix(codeAtLevel(input.regionCode, 'village')), text: body, lat: input.lat, lng: input.lng, radiusM: NEARBY_METRES, limit: 10, minSimilarity: 0.1 },
    visible,
  );
  const names = await directory.namesFor(
    ctx.db,
    [],
    rows.map((r) => r.region_code),
  );
  return { items: rows.map((r) => presentSimilar(r, names, ctx.actor)) };
}
