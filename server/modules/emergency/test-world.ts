import assert from 'node:assert/strict';
import type { TestApp } from '../../testing/harness.js';
import { grantRole, makeDepartment, makeRegion, makeResident, makeStaff, makeUser, signIn, type SignedIn } from '../../testing/factories.js';

/**
 * A piece of Zhuzhou for the emergency tests (each test file builds its
 * own): 芦淞区 庆云街道 with 庆云山社区 (two grids) and 枫溪花园社区 (one
 * grid), 荷塘区 月塘街道 合泰社区 (for sealed zones), and a person in every
 * role, all signed in.
 */
export const AT = {
  city: '430200000000',
  lusong: '430203000000',
  qingyun: '430203005000',
  qingyunshan: '430203005001',
  gridQ1: '430203005001001',
  gridQ2: '430203005001002',
  fengxi: '430203005002',
  gridF1: '430203005002001',
  hetang: '430202000000',
  yuetang: '430202001000',
  hetai: '430202001001',
} as const;

export type Who =
  | 'admin'
  | 'district'
  | 'street'
  | 'cadre'
  | 'gridWorker'
  | 'volunteer'
  | 'volunteer2'
  | 'medic'
  | 'handler'
  | 'inspector'
  | 'operator'
  | 'supervisor'
  | 'resident'
  | 'resident2'
  | 'neighbour'
  | 'outsider'
  | 'hetangOfficial';

export interface World {
  people: Record<Who, SignedIn>;
  households: { resident: string; resident2: string; neighbour: string };
}

export async function buildWorld(t: TestApp): Promise<World> {
  const db = t.db;
  await makeRegion(db, AT.lusong, '芦淞区');
  await makeRegion(db, AT.qingyun, '庆云街道');
  await makeRegion(db, AT.qingyunshan, '庆云山社区');
  await makeRegion(db, AT.gridQ1, '庆云山社区第一网格');
  await makeRegion(db, AT.gridQ2, '庆云山社区第二网格');
  await makeRegion(db, AT.fengxi, '枫溪花园社区');
  await makeRegion(db, AT.gridF1, '枫溪花园社区第一网格');
  await makeRegion(db, AT.hetang, '荷塘区');
  await makeRegion(db, AT.yuetang, '月塘街道');
  await makeRegion(db, AT.hetai, '合泰社区');
  const weijian = await makeDepartment(db, AT.lusong, '卫健', '芦淞区卫生健康局');
  const inDepartment = async (name: string) => {
    const id = await makeUser(db, { name });
    await grantRole(db, id, 'department_handler', weijian);
    return id;
  };
  const resident = await makeResident(db, AT.gridQ1, '谭秋菊');
  const resident2 = await makeResident(db, AT.gridQ1, '易德明');
  const neighbour = await makeResident(db, AT.fengxi, '罗玉兰');
  const ids: Record<Who, string> = {
    admin: await makeStaff(db, 'admin', AT.city, '周建国'),
    district: await makeStaff(db, 'township_official', AT.lusong, '芦淞区指挥长'),
    street: await makeStaff(db, 'township_official', AT.qingyun, '庆云街道干部'),
    cadre: await makeStaff(db, 'village_cadre', AT.qingyunshan, '庆云山社区主任'),
    gridWorker: await makeStaff(db, 'grid_worker', AT.gridQ1, '彭丽'),
    volunteer: await makeStaff(db, 'volunteer', AT.qingyun, '刘翊'),
    volunteer2: await makeStaff(db, 'volunteer', AT.qingyun, '黄玉林'),
    medic: await makeStaff(db, 'medic', AT.qingyun, '陈玲'),
    handler: await inDepartment('卫健局干部'),
    inspector: await makeStaff(db, 'discipline_inspector', AT.qingyun, '纪检干部'),
    operator: await makeStaff(db, 'hotline_operator', AT.city, '罗敏'),
    supervisor: await makeStaff(db, 'supervision_member', AT.qingyunshan, '监委会主任'),
    resident: resident.userId,
    resident2: resident2.userId,
    neighbour: neighbour.userId,
    outsider: (await makeResident(db, AT.hetai, '合泰居民')).userId,
    hetangOfficial: await makeStaff(db, 'township_official', AT.hetang, '荷塘区指挥长'),
  };
  const people = {} as Record<Who, SignedIn>;
  for (const [who, id] of Object.entries(ids) as [Who, string][]) people[who] = await signIn(t, id);
  return { people, households: { resident: resident.householdId, resident2: resident2.householdId, neighbour: neighbour.householdId } };
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** `app.inject` as someone (or anonymously), JSON in and out. */
export function caller(t: TestApp) {
  return async (who: SignedIn | null, method: Method, url: string, payload?: unknown) => {
    const res = await t.app.inject({
      method,
      url,
      headers: { ...(who?.headers ?? {}), 'accept-language': 'zh-CN' },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
    let body: any = null;
    try {
      body = res.body ? JSON.parse(res.body) : null;
    } catch {
      body = res.body;
    }
    return { status: res.statusCode, body, headers: res.headers };
  };
}

/** An incident over 芦淞区 opened by its commander, with grids Q1 (leader: the grid worker), Q2 and F1. */
export async function openIncident(t: TestApp, w: World) {
  const call = caller(t);
  const created = await call(w.people.district, 'POST', '/api/emergency/incidents', {
    name: '2022年11月芦淞区疫情处置',
    regionCode: AT.lusong,
    startedAt: '2026-11-02T18:00:00Z',
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const incidentId: string = created.body.id;
  const grid = async (regionCode: string, extra: Record<string, unknown> = {}) => {
    const res = await call(w.people.district, 'POST', `/api/emergency/incidents/${incidentId}/grids`, { regionCode, ...extra });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body.id as string;
  };
  const q1 = await grid(AT.gridQ1, { leaderUserId: w.people.gridWorker.userId, lat: 27.8395, lng: 113.1521 });
  const q2 = await grid(AT.gridQ2, { lat: 27.8412, lng: 113.1555 });
  const f1 = await grid(AT.gridF1, { lat: 27.8301, lng: 113.1602 });
  return { incidentId, grids: { q1, q2, f1 } };
}
