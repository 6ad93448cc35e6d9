import assert from 'node:assert/strict';
import type { Role } from '../../platform/context.js';
import type { TestApp } from '../../testing/harness.js';
import { grantRole, makeDepartment, makeRegionUnit, makeResident, makeStaff, makeUser, signIn, type SignedIn } from '../../testing/factories.js';

/**
 * A small piece of 渌口区 for case tests: two villages of 朱亭镇 and one of
 * 渌口镇, the county's 城管 and 民政, the township's 纪委, and a person in
 * every role of ROLES. Each test file builds its own.
 */
export const PLACES = {
  city: '430200000000',
  county: '430212000000',
  township: '430212101000',
  villageA: '430212101201',
  villageB: '430212101202',
  otherTownship: '430212100000',
  villageC: '430212100201',
} as const;

export interface World {
  units: { villageA: string; villageB: string; villageC: string; township: string; county: string; city: string; chengguan: string; minzheng: string; jiwei: string };
  /** Everyone signed in: residents, and one person per role. */
  people: Record<
    | 'residentA'
    | 'residentA2'
    | 'residentC'
    | 'cadreA'
    | 'gridA'
    | 'cadreB'
    | 'cadreC'
    | 'township'
    | 'chengguan'
    | 'minzheng'
    | 'inspector'
    | 'inspectorCounty'
    | 'operator'
    | 'supervisor'
    | 'volunteer'
    | 'medic'
    | 'admin',
    SignedIn
  >;
}

export async function buildWorld(t: TestApp): Promise<World> {
  const db = t.db;
  const units = {
    city: await makeRegionUnit(db, PLACES.city, '株洲市人民政府'),
    county: await makeRegionUnit(db, PLACES.county, '渌口区人民政府'),
    township: await makeRegionUnit(db, PLACES.township, '朱亭镇人民政府'),
    villageA: await makeRegionUnit(db, PLACES.villageA, '双江村民委员会'),
    villageB: await makeRegionUnit(db, PLACES.villageB, '石泉村民委员会'),
    villageC: await makeRegionUnit(db, PLACES.villageC, '王家洲社区居民委员会'),
    chengguan: await makeDepartment(db, PLACES.county, '城管', '渌口区城管局'),
    minzheng: await makeDepartment(db, PLACES.county, '民政', '渌口区民政局'),
    jiwei: await makeDepartment(db, PLACES.township, '纪委', '朱亭镇纪委'),
  };
  const inUnit = async (role: Role, unitId: string, name: string) => {
    const userId = await makeUser(db, { name });
    await grantRole(db, userId, role, unitId);
    return userId;
  };
  const ids = {
    residentA: (await makeResident(db, PLACES.villageA, '张三丰')).userId,
    residentA2: (await makeResident(db, PLACES.villageA, '李四')).userId,
    residentC: (await makeResident(db, PLACES.villageC, '王五')).userId,
    cadreA: await makeStaff(db, 'village_cadre', PLACES.villageA, '赵支书'),
    gridA: await makeStaff(db, 'grid_worker', PLACES.villageA, '钱网格'),
    cadreB: await makeStaff(db, 'village_cadre', PLACES.villageB, '孙主任'),
    cadreC: await makeStaff(db, 'village_cadre', PLACES.villageC, '周书记'),
    township: await makeStaff(db, 'township_official', PLACES.township, '吴镇长'),
    chengguan: await inUnit('department_handler', units.chengguan, '郑城管'),
    minzheng: await inUnit('department_handler', units.minzheng, '冯民政'),
    inspector: await inUnit('discipline_inspector', units.jiwei, '陈纪检'),
    inspectorCounty: await inUnit('discipline_inspector', units.county, '杨纪检'),
    operator: await makeStaff(db, 'hotline_operator', PLACES.city, '褚话务'),
    supervisor: await makeStaff(db, 'supervision_member', PLACES.villageA, '卫监委'),
    volunteer: await makeStaff(db, 'volunteer', PLACES.villageA, '蒋志愿'),
    medic: await makeStaff(db, 'medic', PLACES.villageA, '沈医生'),
    admin: await makeStaff(db, 'admin', PLACES.city, '韩管理'),
  };
  const people = {} as World['people'];
  for (const [k, id] of Object.entries(ids)) people[k as keyof World['people']] = await signIn(t, id);
  return { units, people };
}

export interface Caller {
  headers: Record<string, string>;
}

/** app.inject with a signed-in person (or nobody), returning status and JSON. */
export async function call(t: TestApp, who: Caller | null, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await t.app.inject({
    method,
    url,
    headers: { ...(who?.headers ?? {}), ...headers },
    ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
  });
  let json: any = null;
  try {
    json = res.json();
  } catch {
    json = null;
  }
  return { status: res.statusCode, json, headers: res.headers, raw: res };
}

let seq = 0;
/** Files a case through the API and returns its view (asserting 201). */
export async function fileCase(
  t: TestApp,
  who: Caller,
  fields: Partial<{ categoryCode: string; title: string; description: string; regionCode: string; isPublic: boolean; isAnonymous: boolean; lat: number; lng: number; address: string; channel: 'app' | 'hotline'; callerName: string; callerPhone: string; priority: string }> = {},
) {
  seq += 1;
  const res = await call(t, who, 'POST', '/api/cases', {
    categoryCode: 'environment.noise',
    title: `楼上装修噪音太大${seq}`,
    description: '晚上十一点还在电钻施工，吵得老人睡不着。',
    regionCode: PLACES.villageA,
    ...fields,
  });
  assert.equal(res.status, 201, JSON.stringify(res.json));
  return res.json;
}

/** Takes an action through the API and asserts the status. */
export async function act(t: TestApp, who: Caller, caseId: string, action: string, body?: unknown, expected = 200) {
  const res = await call(t, who, 'POST', `/api/cases/${caseId}/${action}`, body);
  assert.equal(res.status, expected, `${action}: ${JSON.stringify(res.json)}`);
  return res.json;
}

/** A small deterministic PRNG (mulberry32), so a failure can be replayed. */
export function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}
