import crypto from 'node:crypto';
import type { ServiceContext } from '../../platform/context.js';
import type { Executor, Tx } from '../../platform/db/database.js';
import { loadActor } from '../people/actor.js';
import { createPerson } from '../people/service.js';
import { joinHousehold, verifyMember } from '../people/household-service.js';
import { getRegionDetail, regionUnitIds } from '../regions/service.js';
import { demoRegions, GRIDDED_STREETS } from '../regions/demo-data.js';
import { LINES, type Line } from '../../../common/emergency/types.js';
import { HETAI, HETAI_CENTRE, HETAI_ZONES, INCIDENT, NEEDS, QINGYUN_CENTRE, QINGYUN_RESIDENTS, SHOPS, ZONE_LEADERS } from './demo-data.js';
import { seedCareDemo } from './demo-seed-care.js';
import { runDelivery } from './notice-delivery.js';
import { caseLink } from './case-link.js';
import { reserveCaseNumber, type CaseNumber } from '../cases/service.js';
import type { NeedRow } from './repo-needs.js';
import type { ErrandAction } from '../../../common/emergency/errand-states.js';

/**
 * The emergency part of the Zhuzhou demo: the November 2022 outbreak
 * replayed in 芦淞区 and 荷塘区. Runs after the people module's seed. People
 * (residents of 庆云街道, the 合泰 zone leaders) are created through the
 * people module's services as the demo administrator; this module's own
 * rows are bulk-inserted in one transaction, so the seed takes well under a
 * second. Skipped when the incident already exists.
 */

/** Demo staff of the people module, by phone (server/modules/people/demo-data.ts). */
const STAFF = { admin: '13807330001', pengli: '13807330009', dengyong: '13807330010', liuyi: '13807330011', huangyulin: '13807330012', chenling: '13807330013', wuhuixian: '13807330017' };

const at = (iso: string) => new Date(iso);
const addMinutes = (d: Date, m: number) => new Date(d.getTime() + m * 60_000);
const PNG_1x1 = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a1a3e8b30000000049454e44ae426082', 'hex');

async function userIdsByPhone(db: Executor, phones: string[]): Promise<Map<string, string>> {
  const rows = await db.selectFrom('users').select(['id', 'phone']).where('phone', 'in', phones).execute();
  return new Map(rows.map((r) => [r.phone!, r.id]));
}

/** A person through the people module (reused when the phone is already registered). */
async function ensurePerson(ctx: ServiceContext, name: string, phone: string, grant?: { role: 'grid_worker'; unitId: string }): Promise<string> {
  const existing = (await userIdsByPhone(ctx.db, [phone])).get(phone);
  if (existing) return existing;
  return (await createPerson(ctx, { name, phone, ...(grant ? { role: grant.role, unitId: grant.unitId } : {}) })).id;
}

/** A resident with a verified household in the first grid of their community. */
async function ensureResident(admin: ServiceContext, r: (typeof QINGYUN_RESIDENTS)[number]) {
  const userId = await ensurePerson(admin, r.name, r.phone);
  const grid = (await getRegionDetail(admin, r.community)).children[0]!.code;
  const residentCtx = { ...admin, actor: (await loadActor(admin.db, userId, null))! };
  let household = (await admin.db.selectFrom('household_members').select('household_id').where('user_id', '=', userId).executeTakeFirst())?.household_id;
  if (!household) {
    household = (await joinHousehold(residentCtx, { regionCode: grid, address: r.address, relation: r.relation })).id;
    await verifyMember(admin, household, userId, true);
  }
  return { userId, householdId: household, regionCode: grid };
}

export async function seedEmergencyDemo(ctx: ServiceContext): Promise<void> {
  const done = await ctx.db.selectFrom('emergency_incidents').select('id').where('name', '=', INCIDENT.name).executeTakeFirst();
  if (done) return;
  const staff = await userIdsByPhone(ctx.db, Object.values(STAFF));
  const adminId = staff.get(STAFF.admin);
  if (!adminId) return; // the people module's demo is not loaded
  const admin: ServiceContext = { ...ctx, actor: (await loadActor(ctx.db, adminId, null))! };
  const residents = new Map<string, Awaited<ReturnType<typeof ensureResident>>>();
  for (const r of QINGYUN_RESIDENTS) residents.set(r.key, await ensureResident(admin, r));
  const hetaiUnit = (await regionUnitIds(ctx.db, [HETAI])).get(HETAI)!;
  const leaders: string[] = [];
  for (const [i, name] of ZONE_LEADERS.entries()) leaders.push(await ensurePerson(admin, name, `139073352${String(i).padStart(2, '0')}`, { role: 'grid_worker', unitId: hetaiUnit }));

  const now = ctx.clock.now();
  const applicants = [...residents.values()].map((r) => r.userId);
  // The needs' case numbers from the pool before the transaction, as the app takes them (cases' openCaseIn).
  const needNumbers = new Map<(typeof NEEDS)[number], CaseNumber>();
  for (const n of NEEDS) needNumbers.set(n, await reserveCaseNumber(ctx.db, at(n.postedAt)));
  const noticeId = await ctx.db.transaction().execute(async (trx) => {
    const incident = await trx
      .insertInto('emergency_incidents')
      .values({ name: INCIDENT.name, region_code: INCIDENT.regionCode, description: INCIDENT.description, started_at: at(INCIDENT.startedAt), ended_at: null, created_by: adminId, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const grids = await seedGrids(trx, incident.id, adminId, staff, leaders);
    await seedTasks(trx, incident.id, adminId, grids);
    await seedRiskAreas(trx, incident.id, adminId);
    await seedNeeds(ctx, trx, incident.id, staff, residents, grids, needNumbers);
    await seedCareDemo(trx, incident.id, adminId, staff, applicants);
    const notice = await trx
      .insertInto('emergency_notices')
      .values({
        incident_id: incident.id,
        region_code: '430203005000',
        title: '致庆云街道居民朋友的告知书',
        body: '全体居民非必要不出户，配合每日核酸采样；急需药品、婴幼儿奶粉请在“连心”发布求助，写明药品全称和规格，志愿者将送到小区门口。',
        created_by: adminId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('emergency_notice_dispatch')
      .values({ notice_id: notice.id, status: 'queued', total: 0, queued: 0, cursor: null, started_at: now, updated_at: now, finished_at: null, error: null })
      .execute();
    return notice.id;
  });
  await runDelivery(ctx.db, ctx.clock, noticeId);
  // Half of the residents who asked for help have acknowledged the notice.
  const acked = [...residents.values()].filter((_, i) => i % 2 === 0);
  await ctx.db
    .updateTable('emergency_notice_deliveries')
    .set({ seen_at: now, acked_at: now, acked_by: acked[0]!.userId, ack_channel: 'app' })
    .where('notice_id', '=', noticeId)
    .where('household_id', 'in', acked.map((r) => r.householdId))
    .execute();
}

interface SeededGrid {
  id: string;
  regionCode: string;
  kind: 'region' | 'zone';
  name: string;
  leader: string | null;
}

async function seedGrids(trx: Tx, incidentId: string, adminId: string, staff: Map<string, string>, leaders: string[]): Promise<SeededGrid[]> {
  const regionGrids = demoRegions().filter((r) => r.code.length === 15 && GRIDDED_STREETS.some((s) => r.code.startsWith(s)));
  const leaderOf = (code: string) =>
    code === `${HETAI}001` ? (staff.get(STAFF.pengli) ?? null) : code === `${HETAI}002` ? (staff.get(STAFF.dengyong) ?? null) : null;
  const rows = [
    ...regionGrids.map((g, i) => {
      const centre = g.code.startsWith('430202') ? HETAI_CENTRE : QINGYUN_CENTRE;
      return { incident_id: incidentId, region_code: g.code, kind: 'region' as const, name: g.name, leader_user_id: leaderOf(g.code), lat: centre.lat + ((i % 5) - 2) * 0.002, lng: centre.lng + ((i % 7) - 3) * 0.002, created_by: adminId };
    }),
    ...HETAI_ZONES.map((name, i) => ({
      incident_id: incidentId,
      region_code: HETAI,
      kind: 'zone' as const,
      name,
      leader_user_id: leaders[i] ?? null,
      lat: HETAI_CENTRE.lat + (i - 3) * 0.0012,
      lng: HETAI_CENTRE.lng + ((i % 3) - 1) * 0.0015,
      created_by: adminId,
    })),
  ];
  const grids = await trx.insertInto('emergency_grids').values(rows).returning(['id', 'region_code', 'kind', 'name', 'leader_user_id']).execute();
  const assigned = at('2022-11-03T02:00:00Z');
  const team: { grid_id: string; user_id: string; capacity: string; assigned_by: string; assigned_at: Date }[] = [];
  for (const g of grids) {
    const liuyi = staff.get(STAFF.liuyi);
    if (g.region_code.startsWith('430203005') && liuyi) team.push({ grid_id: g.id, user_id: liuyi, capacity: 'volunteer', assigned_by: adminId, assigned_at: assigned });
    const huang = staff.get(STAFF.huangyulin);
    if (g.region_code.startsWith('430203005002') && huang) team.push({ grid_id: g.id, user_id: huang, capacity: 'volunteer', assigned_by: adminId, assigned_at: assigned });
    const chen = staff.get(STAFF.chenling);
    if (g.region_code === '430203005001001' && chen) team.push({ grid_id: g.id, user_id: chen, capacity: 'medic', assigned_by: adminId, assigned_at: assigned });
  }
  if (team.length) await trx.insertInto('emergency_grid_members').values(team).execute();
  return grids.map((g) => ({ id: g.id, regionCode: g.region_code, kind: g.kind, name: g.name, leader: g.leader_user_id }));
}

const ZONE_TASKS: Record<Line, { title: string; status: 'open' | 'in_progress' | 'done'; due: string | null }> = {
  supervision: { title: '24小时值守，物理隔离，片区互不交流', status: 'in_progress', due: null },
  supply: { title: '生活物资配送到户', status: 'open', due: '2022-11-15T04:00:00Z' },
  testing: { title: '每日核酸采样', status: 'done', due: '2022-11-14T00:00:00Z' },
  transfer: { title: '集体宿舍混居人员整体转运', status: 'in_progress', due: '2022-11-14T14:00:00Z' },
  publicity: { title: '张贴通告、小喇叭播放语音通告', status: 'done', due: '2022-11-13T10:00:00Z' },
};

async function seedTasks(trx: Tx, incidentId: string, adminId: string, grids: SeededGrid[]): Promise<void> {
  const created = at('2022-11-08T01:00:00Z');
  const task = (gridId: string | null, line: Line, title: string, owner: string | null, due: Date | null, status: string, detail: string | null = null) => ({
    incident_id: incidentId,
    grid_id: gridId,
    line,
    title,
    detail,
    owner_user_id: owner,
    due_at: due,
    status,
    created_by: adminId,
    created_at: created,
    updated_at: created,
    done_at: status === 'done' ? addMinutes(created, 600) : null,
  });
  const rows = grids
    .filter((g) => g.kind === 'zone' || g.regionCode.startsWith('430203005'))
    .flatMap((g) =>
      LINES.filter((l) => g.kind === 'zone' || l === 'testing' || l === 'supply').map((line) => {
        const spec = ZONE_TASKS[line];
        return task(g.id, line, spec.title, g.leader, spec.due ? at(spec.due) : null, spec.status);
      }),
    );
  rows.push(task(null, 'publicity', '每一户居民收到《致荷塘区居民朋友的告知书》', null, at('2022-11-10T10:00:00Z'), 'done', '全区张贴通告2540张、横幅676条，流动宣传车76辆，小喇叭593个'));
  await trx.insertInto('emergency_tasks').values(rows).execute();
}

async function seedRiskAreas(trx: Tx, incidentId: string, adminId: string): Promise<void> {
  const areas = [
    { region_code: '430202002000', name: '世贸广场', sealed: true },
    { region_code: '430202002201', name: '红旗村', sealed: false },
    { region_code: '430202002000', name: '金岸华庭', sealed: true },
    { region_code: '430202005000', name: '金钩山路郭家祠堂', sealed: false },
    { region_code: '430202005201', name: '跃进村', sealed: false },
  ];
  const lowered = await trx
    .insertInto('emergency_risk_areas')
    .values(areas.map((a) => ({ ...a, incident_id: incidentId, created_by: adminId })))
    .returning('id')
    .execute();
  const zones = await trx
    .insertInto('emergency_risk_areas')
    .values(HETAI_ZONES.map((name) => ({ incident_id: incidentId, region_code: HETAI, name: `${name}（封控区）`, sealed: true, created_by: adminId })))
    .returning('id')
    .execute();
  const batch = () => crypto.randomUUID();
  const designated = batch();
  const lowering = batch();
  const sealing = batch();
  await trx
    .insertInto('emergency_risk_area_changes')
    .values([
      ...lowered.map((a) => ({ area_id: a.id, batch_id: designated, level: 'high', effective_at: at('2022-11-05T04:00:00Z'), note: null, changed_by: adminId })),
      // seed 003: 「11月15日0时 … 5个原高风险区被降为低风险区」
      ...lowered.map((a) => ({ area_id: a.id, batch_id: lowering, level: 'low', effective_at: at('2022-11-14T16:00:00Z'), note: '经评估，降为低风险区', changed_by: adminId })),
      ...zones.map((a) => ({ area_id: a.id, batch_id: sealing, level: 'high', effective_at: at('2022-11-09T16:00:00Z'), note: '划分为7个独立封闭、互不交流的物理区域', changed_by: adminId })),
    ])
    .execute();
}

async function seedNeeds(
  ctx: ServiceContext,
  trx: Tx,
  incidentId: string,
  staff: Map<string, string>,
  residents: Map<string, { userId: string; householdId: string; regionCode: string }>,
  grids: SeededGrid[],
  numbers: Map<(typeof NEEDS)[number], CaseNumber>,
): Promise<void> {
  const STEPS = ['claim', 'buy', 'reach_gate', 'hand_over', 'deliver', 'confirm'] as const;
  const REACHED: Record<string, number> = { open: 0, claimed: 1, bought: 2, at_gate: 3, confirmed: 6 };
  const TO: Record<string, string> = { claim: 'claimed', buy: 'bought', reach_gate: 'at_gate', hand_over: 'handed_over', deliver: 'delivered', confirm: 'confirmed' };
  for (const n of NEEDS) {
    const r = residents.get(n.requester)!;
    const runner = n.runner === '刘翊' ? staff.get(STAFF.liuyi) : n.runner === '黄玉林' ? staff.get(STAFF.huangyulin) : undefined;
    if (n.runner && !runner) continue;
    const posted = at(n.postedAt);
    const shop = n.shop ? SHOPS[n.shop] : null;
    const steps = STEPS.slice(0, REACHED[n.status]);
    const last = addMinutes(posted, 20 * steps.length);
    const need = await trx
      .insertInto('emergency_needs')
      .values({
        incident_id: incidentId,
        grid_id: grids.find((g) => g.regionCode === r.regionCode)?.id ?? null,
        household_id: r.householdId,
        region_code: r.regionCode,
        county_code: r.regionCode.slice(0, 6),
        requester_user_id: r.userId,
        compound: n.compound,
        building: n.building,
        phone: QINGYUN_RESIDENTS.find((x) => x.key === n.requester)!.phone,
        urgency: n.urgency,
        status: n.status,
        note: n.note,
        lat: n.point.lat,
        lng: n.point.lng,
        shop_name: shop?.name ?? null,
        shop_lat: shop?.lat ?? null,
        shop_lng: shop?.lng ?? null,
        claimed_by: runner ?? null,
        claimed_at: runner ? addMinutes(posted, 20) : null,
        case_id: null,
        created_at: posted,
        updated_at: last,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('emergency_need_items')
      .values(n.items.map((i, k) => ({ need_id: need.id, position: k + 1, kind: i.kind, name: i.name, strength: i.strength, quantity: i.quantity, unit: i.unit, to_buy: i.toBuy })))
      .execute();
    const photo = steps.includes('hand_over')
      ? (
          await trx
            .insertInto('emergency_errand_photos')
            .values({ need_id: need.id, content_type: 'image/png', size_bytes: PNG_1x1.length, sha256: crypto.createHash('sha256').update(PNG_1x1).digest('hex'), bytes: PNG_1x1, uploaded_by: runner! })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id
      : null;
    const events = [{ need_id: need.id, action: 'post', from_status: 'open', to_status: 'open', actor_id: r.userId, note: null as string | null, photo_id: null as string | null, at: posted }];
    let from = 'open';
    steps.forEach((step, k) => {
      events.push({
        need_id: need.id,
        action: step,
        from_status: from,
        to_status: TO[step]!,
        actor_id: step === 'confirm' ? r.userId : runner!,
        note: step === 'confirm' ? '谢谢刘翊叔叔' : null,
        photo_id: step === 'hand_over' ? photo : null,
        at: addMinutes(posted, 20 * (k + 1)),
      });
      from = TO[step]!;
    });
    await trx.insertInto('emergency_errand_events').values(events).execute();
    await linkSeededNeed(ctx, trx, need, r.userId, events, numbers.get(n)!);
  }
}

/**
 * The seeded need's case, as if it had been posted and worked through the
 * app: opened at the posting time by the resident, each errand step on its
 * timeline at the step's time by whoever took it (case-link.ts).
 */
async function linkSeededNeed(
  ctx: ServiceContext,
  trx: Tx,
  need: NeedRow,
  requesterId: string,
  events: { action: string; to_status: string; actor_id: string; at: Date }[],
  number: CaseNumber,
) {
  const as = async (userId: string, at: Date): Promise<ServiceContext> => ({ ...ctx, actor: (await loadActor(trx, userId, null))!, clock: { now: () => at } });
  const caseId = await caseLink.linkNeedToCase(trx, await as(requesterId, events[0]!.at), need, number);
  if (!caseId) return;
  await trx.updateTable('emergency_needs').set({ case_id: caseId }).where('id', '=', need.id).execute();
  for (const e of events.slice(1)) {
    await caseLink.errandCaseEvent(trx, await as(e.actor_id, e.at), { ...need, case_id: caseId }, e.action as ErrandAction, e.to_status);
  }
}
