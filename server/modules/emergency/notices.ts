import type { ServiceContext } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { authorize, isAdmin, scopePrefixes } from '../../platform/policy.js';
import { badRequest, notFound } from '../../platform/errors.js';
import { publishLive } from '../../platform/live/live-hub.js';
import { myHouseholds } from '../people/household-service.js';
import { ancestorCodes, regionPrefix } from '../../../common/regions.js';
import { AREA_CADRE_ROLES, canFollowNotice, canMarkVisited, canSendNotice, seesHouseholdsUnmasked } from './policy.js';
import { assertActive, clean, cleanOptional, pageOf, regionNames, requireActor, requireIncident, requireRegionInIncident } from './access.js';
import { incidentTopic } from './incidents.js';
import { noticeTopic, startDelivery } from './notice-delivery.js';
import { presentNotice, presentProgress, presentUnreached } from './presenter-notices.js';
import * as repo from './repo.js';
import * as notices from './repo-notices.js';
import type { CreateNoticeBody, NoticeView } from './schema-notices.js';

/**
 * Notices (通告) to every household of an area (seed 003: 「每一个居民都收到了
 * 《致荷塘区居民朋友的告知书》」): the sender sees delivery progress while the
 * notice goes into every household's outbox, then who has read and
 * acknowledged it, and the list of households not yet reached — which the
 * grid workers go and knock on, marking each one reached by visit.
 */

async function myVerifiedHouseholdIds(ctx: ServiceContext): Promise<string[]> {
  if (!ctx.actor) return [];
  return (await myHouseholds(ctx)).items.filter((h) => h.myStatus === 'verified').map((h) => h.id);
}

async function requireNotice(ctx: ServiceContext, id: string) {
  const notice = await notices.findNotice(ctx.db, id);
  if (!notice) throw notFound('emergency.notice_not_found');
  return notice;
}

/**
 * The caller's relation to a notice: following all of it (the sender, the
 * area's cadres), following their part of it (a grid worker inside the
 * area: their own households to reach), receiving it, or none of these (404).
 */
async function relation(ctx: ServiceContext, notice: notices.NoticeRow) {
  const actor = requireActor(ctx);
  const prefix = regionPrefix(notice.region_code);
  const whole = canFollowNotice(actor, { regionCode: notice.region_code, createdBy: notice.created_by });
  const part = whole ? [] : scopePrefixes(actor, AREA_CADRE_ROLES).filter((p) => p.startsWith(prefix));
  const follow: 'all' | string[] | null = whole ? 'all' : part.length > 0 ? part : null;
  const mine = (await notices.deliveriesFor(ctx.db, notice.id, await myVerifiedHouseholdIds(ctx)))[0] ?? null;
  if (!follow && !mine) throw notFound('emergency.notice_not_found');
  return { actor, follow, mine };
}

async function view(ctx: ServiceContext, notice: notices.NoticeRow, follow: boolean, mine: { household_id: string; seen_at: Date | null; acked_at: Date | null } | null): Promise<NoticeView> {
  const [names, people, dispatch, tracking] = await Promise.all([
    regionNames(ctx.db, [notice.region_code]),
    repo.peopleByIds(ctx.db, [notice.created_by]),
    follow ? notices.findDispatch(ctx.db, notice.id) : Promise.resolve(undefined),
    follow ? notices.tracking(ctx.db, notice.id) : Promise.resolve(null),
  ]);
  return presentNotice(notice, {
    regionName: names.get(notice.region_code) ?? notice.region_code,
    senderName: people.get(notice.created_by)?.name ?? '',
    dispatch: dispatch ?? null,
    tracking,
    mine,
    follow,
    now: ctx.clock.now(),
  });
}

/** `POST /emergency/incidents/:id/notices` — 202: delivery runs on; poll the progress. */
export async function createNotice(ctx: ServiceContext, incidentId: string, input: CreateNoticeBody): Promise<NoticeView> {
  const actor = requireActor(ctx);
  const incident = await requireIncident(ctx.db, incidentId);
  const region = await requireRegionInIncident(ctx.db, incident, input.regionCode);
  authorize(canSendNotice(actor, region.code));
  const now = ctx.clock.now();
  assertActive(incident, now);
  const title = clean(input.title, 'title');
  const body = clean(input.body, 'body');
  const notice = await ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('emergency_notices')
      .values({ incident_id: incident.id, region_code: region.code, title, body, created_by: actor.userId })
      .returningAll()
      .executeTakeFirstOrThrow();
    const total = await notices.countHouseholds(trx, regionPrefix(region.code));
    await trx
      .insertInto('emergency_notice_dispatch')
      .values({ notice_id: row.id, status: 'queued', total, queued: 0, cursor: null, started_at: now, updated_at: now, finished_at: null, error: null })
      .execute();
    await audit(trx, ctx, {
      action: 'emergency.notice.send',
      targetType: 'emergency_notice',
      targetId: row.id,
      after: { incidentId: incident.id, regionCode: region.code, title, households: total },
    });
    await publishLive(trx, { topic: incidentTopic(incident.id), type: 'notice', data: { noticeId: row.id } });
    return row;
  });
  await startDelivery(ctx.db, ctx.clock, notice.id);
  return view(ctx, notice, true, null);
}

/** `GET /emergency/notices/:id` — a recipient opening it marks their household's copy seen. */
export async function getNotice(ctx: ServiceContext, id: string): Promise<NoticeView> {
  const notice = await requireNotice(ctx, id);
  const { follow, mine } = await relation(ctx, notice);
  if (mine && mine.seen_at === null) {
    // A read receipt, like a feed's read marker: tracked on the outbox row, not audited as a change.
    const at = ctx.clock.now();
    await notices.markSeen(ctx.db, [notice.id], [mine.household_id], at);
    mine.seen_at = at;
  }
  return view(ctx, notice, follow !== null, mine);
}

/** `GET /emergency/notices/:id/progress` — the sender's poll. */
export async function noticeProgress(ctx: ServiceContext, id: string) {
  const notice = await requireNotice(ctx, id);
  const { follow } = await relation(ctx, notice);
  authorize(follow !== null);
  return presentProgress((await notices.findDispatch(ctx.db, notice.id))!, ctx.clock.now());
}

/** Checks the caller may follow a notice's delivery live; returns the topic. */
export async function authorizeNoticeStream(ctx: ServiceContext, id: string): Promise<string> {
  const notice = await requireNotice(ctx, id);
  authorize((await relation(ctx, notice)).follow !== null);
  return noticeTopic(notice.id);
}

/** `GET /emergency/incidents/:id/notices` — the notices of the caller's area (cadres). */
export async function listNotices(ctx: ServiceContext, incidentId: string, input: { page?: number; pageSize?: number }) {
  const actor = requireActor(ctx);
  const incident = await requireIncident(ctx.db, incidentId);
  const prefixes = isAdmin(actor) ? 'all' : scopePrefixes(actor, AREA_CADRE_ROLES);
  authorize(prefixes === 'all' || prefixes.some((p) => p.startsWith(regionPrefix(incident.region_code)) || incident.region_code.startsWith(p)));
  const { page, pageSize } = pageOf(input);
  const scope = prefixes === 'all' ? 'all' : { prefixes, covering: prefixes.flatMap((p) => ancestorCodes(p.length >= 12 ? p : p.padEnd(12, '0'))) };
  const { rows, total } = await notices.noticesOf(ctx.db, incident.id, scope, actor.userId, page, pageSize);
  const items = [];
  for (const n of rows) items.push(await view(ctx, n, true, null));
  return { items, total, page, pageSize };
}

/** `GET /emergency/notices/mine` — notices delivered to my households (opening the list marks them seen). */
export async function myNotices(ctx: ServiceContext, input: { incidentId?: string; page?: number; pageSize?: number }) {
  requireActor(ctx);
  const households = await myVerifiedHouseholdIds(ctx);
  const { page, pageSize } = pageOf(input);
  const { rows, total } = await notices.deliveredTo(ctx.db, households, input.incidentId ?? null, page, pageSize);
  const at = ctx.clock.now();
  await notices.markSeen(ctx.db, rows.filter((r) => r.seen_at === null).map((r) => r.id), households, at);
  const items = [];
  for (const r of rows) items.push(await view(ctx, r, false, { household_id: r.household_id, seen_at: r.seen_at ?? at, acked_at: r.acked_at }));
  return { items, total, page, pageSize };
}

/** `POST /emergency/notices/:id/ack` — my household has read it (every household it reached, or the one named). */
export async function acknowledgeNotice(ctx: ServiceContext, id: string, input: { householdId?: string }): Promise<void> {
  const actor = requireActor(ctx);
  const notice = await requireNotice(ctx, id);
  const households = await myVerifiedHouseholdIds(ctx);
  const mine = await notices.deliveriesFor(ctx.db, notice.id, input.householdId ? households.filter((h) => h === input.householdId) : households);
  if (mine.length === 0) {
    if (input.householdId) throw badRequest('emergency.household_not_recipient', 'householdId');
    throw notFound('emergency.notice_not_found');
  }
  const pending = mine.filter((d) => d.acked_at === null).map((d) => d.household_id);
  if (pending.length === 0) return;
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('emergency_notice_deliveries')
      .set((eb) => ({ acked_at: now, acked_by: actor.userId, ack_channel: 'app', seen_at: eb.fn.coalesce('seen_at', eb.val(now)) }))
      .where('notice_id', '=', notice.id)
      .where('household_id', 'in', pending)
      .where('acked_at', 'is', null)
      .execute();
    await audit(trx, ctx, { action: 'emergency.notice.ack', targetType: 'emergency_notice', targetId: notice.id, after: { householdIds: pending, channel: 'app' } });
    await publishLive(trx, { topic: noticeTopic(notice.id), type: 'ack', data: { noticeId: notice.id } });
  });
}

/** `GET /emergency/notices/:id/unreached` — households that have not acknowledged, for the door-to-door round. */
export async function unreachedHouseholds(ctx: ServiceContext, id: string, input: { regionCode?: string; page?: number; pageSize?: number }) {
  const notice = await requireNotice(ctx, id);
  const { actor, follow } = await relation(ctx, notice);
  authorize(follow !== null);
  // A cadre of part of the area sees their part: the doors they will knock on.
  const prefixes = follow === 'all' ? [] : follow!;
  if (input.regionCode && prefixes.length > 0 && !prefixes.some((p) => input.regionCode!.startsWith(p))) authorize(false);
  const { page, pageSize } = pageOf(input);
  const { rows, total } = await notices.unreached(ctx.db, notice.id, input.regionCode ? [input.regionCode] : prefixes, page, pageSize);
  const names = await regionNames(ctx.db, rows.map((r) => r.region_code));
  return {
    items: rows.map((r) => presentUnreached(r, names.get(r.region_code) ?? r.region_code, seesHouseholdsUnmasked(actor, r.region_code))),
    total,
    page,
    pageSize,
  };
}

/** `POST /emergency/notices/:id/households/:householdId/visit` — reached at the door by a cadre of that area. */
export async function markVisited(ctx: ServiceContext, id: string, householdId: string, input: { note?: string | null }): Promise<void> {
  const notice = await requireNotice(ctx, id);
  const { actor, follow } = await relation(ctx, notice);
  if (follow === null) throw notFound('emergency.notice_not_found');
  const delivery = (await notices.deliveriesFor(ctx.db, notice.id, [householdId]))[0];
  if (!delivery) throw notFound('emergency.household_not_recipient', 'householdId');
  authorize(canMarkVisited(actor, delivery.region_code));
  const note = cleanOptional(input.note, 'note');
  if (delivery.acked_at !== null) return;
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('emergency_notice_deliveries')
      .set({ acked_at: now, acked_by: actor.userId, ack_channel: 'visit' })
      .where('notice_id', '=', notice.id)
      .where('household_id', '=', householdId)
      .where('acked_at', 'is', null)
      .execute();
    await audit(trx, ctx, { action: 'emergency.notice.visit', targetType: 'emergency_notice', targetId: notice.id, after: { householdId, channel: 'visit', note } });
    await publishLive(trx, { topic: noticeTopic(notice.id), type: 'ack', data: { noticeId: notice.id } });
  });
}
