import assert from 'node:assert/strict';
import type { TestApp } from '../../testing/harness.js';
import { grantRole, makeDepartment, makeHousehold, makeRegionUnit, makeResident, makeStaff, makeUser, signIn, type SignedIn } from '../../testing/factories.js';

/**
 * A piece of 渌口区 for the disclosure tests: 朱亭镇 with 双江村 (A) and 石泉村
 * (B), 渌口镇 with 王家洲村 (C); the township's 纪委 department; one person in
 * every role that matters. Each test file builds its own world.
 */
export const V = {
  city: '430200000000',
  county: '430212000000',
  township: '430212101000',
  villageA: '430212101201',
  villageB: '430212101202',
  otherTownship: '430212100000',
  villageC: '430212100201',
} as const;

export type Who =
  | 'cadreA'
  | 'cadreB'
  | 'supervisorA'
  | 'supervisorB'
  | 'inspector'
  | 'inspectorOther'
  | 'township'
  | 'townshipOther'
  | 'residentA'
  | 'residentB'
  | 'outsider'
  | 'admin';

export interface World {
  people: Record<Who, SignedIn>;
  ids: Record<Who, string>;
  jiwei: string;
}

export async function buildWorld(t: TestApp): Promise<World> {
  const db = t.db;
  await makeRegionUnit(db, V.city, '株洲市');
  await makeRegionUnit(db, V.county, '渌口区');
  await makeRegionUnit(db, V.township, '朱亭镇');
  await makeRegionUnit(db, V.villageA, '双江村');
  await makeRegionUnit(db, V.villageB, '石泉村');
  await makeRegionUnit(db, V.otherTownship, '渌口镇');
  await makeRegionUnit(db, V.villageC, '王家洲村');
  const jiwei = await makeDepartment(db, V.township, '纪委', '朱亭镇纪委');
  const ids = {} as Record<Who, string>;
  ids.cadreA = await makeStaff(db, 'village_cadre', V.villageA, '李卫东');
  ids.cadreB = await makeStaff(db, 'village_cadre', V.villageB, '彭建军');
  ids.supervisorA = await makeStaff(db, 'supervision_member', V.villageA, '谭秋莲');
  ids.supervisorB = await makeStaff(db, 'supervision_member', V.villageB, '罗桂英');
  ids.inspector = await makeUser(db, { name: '陈志刚' });
  await grantRole(db, ids.inspector, 'discipline_inspector', jiwei);
  ids.inspectorOther = await makeStaff(db, 'discipline_inspector', V.otherTownship, '贺立新');
  ids.township = await makeStaff(db, 'township_official', V.township, '刘振华');
  ids.townshipOther = await makeStaff(db, 'township_official', V.otherTownship, '周正清');
  ids.residentA = (await makeResident(db, V.villageA, '谭德明')).userId;
  ids.residentB = (await makeResident(db, V.villageB, '易春华')).userId;
  ids.outsider = await makeUser(db, { name: '路人甲' });
  ids.admin = await makeStaff(db, 'admin', V.city, '周建国');
  const people = {} as Record<Who, SignedIn>;
  for (const who of Object.keys(ids) as Who[]) people[who] = await signIn(t, ids[who]);
  return { people, ids, jiwei };
}

/** The cadre's own household, with a relative who may receive 低保. */
export async function cadreHousehold(t: TestApp, cadreId: string, village: string, relativeName: string): Promise<string> {
  const householdId = await makeHousehold(t.db, village, cadreId);
  const relative = await makeUser(t.db, { name: relativeName });
  await t.db.insertInto('household_members').values({ household_id: householdId, user_id: relative, relation: '父母', status: 'verified', verified_by: null, verified_at: new Date() }).execute();
  return relative;
}

export function api(t: TestApp) {
  const send = (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, who?: SignedIn, payload?: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({ method, url, headers: { ...(who?.headers ?? {}), ...headers }, ...(payload === undefined ? {} : { payload: payload as object }) });
  return {
    get: (url: string, who?: SignedIn, headers?: Record<string, string>) => send('GET', url, who, undefined, headers),
    post: (url: string, who?: SignedIn, payload?: unknown, headers?: Record<string, string>) => send('POST', url, who, payload, headers),
    patch: (url: string, who?: SignedIn, payload?: unknown) => send('PATCH', url, who, payload),
    put: (url: string, who?: SignedIn, payload?: unknown) => send('PUT', url, who, payload),
    del: (url: string, who?: SignedIn) => send('DELETE', url, who),
  };
}

/** A multipart body with one file (and text fields), for app.inject. */
export function multipart(file: { name: string; bytes: Buffer; type?: string }, fields: Record<string, string> = {}) {
  const boundary = `----lianxin${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${file.name}"\r\ncontent-type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`));
  parts.push(file.bytes, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export async function upload(t: TestApp, url: string, who: SignedIn | undefined, file: { name: string; bytes: Buffer; type?: string }, fields: Record<string, string> = {}) {
  const body = multipart(file, fields);
  return t.app.inject({ method: 'POST', url, headers: { ...(who?.headers ?? {}), ...body.headers }, payload: body.payload });
}

export interface Ledger {
  publicationId: string;
  funds: Record<string, string>;
}

/** Registers funds through the API; returns their ids by code. */
export async function makeFunds(t: TestApp, cadre: SignedIn, village: string, funds: { code: string; name: string; kind: string; approvedFen?: number; purpose?: string; decisionId?: string }[]) {
  const out: Record<string, string> = {};
  for (const f of funds) {
    const res = await api(t).post(`/api/disclosures/villages/${village}/funds`, cadre, f);
    assert.equal(res.statusCode, 201, res.body);
    out[f.code] = res.json().id;
  }
  return out;
}

export async function draft(t: TestApp, cadre: SignedIn, village: string, period: string, kind = 'finance', title = `${period} 财务公开`) {
  const res = await api(t).post(`/api/disclosures/villages/${village}/publications`, cadre, { period, kind, title });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().id as string;
}

export async function addEntries(t: TestApp, cadre: SignedIn, publicationId: string, entries: Record<string, unknown>[]) {
  const ids: string[] = [];
  for (const e of entries) {
    const res = await api(t).post(`/api/disclosures/publications/${publicationId}/entries`, cadre, e);
    assert.equal(res.statusCode, 201, res.body);
    ids.push(res.json().id);
  }
  return ids;
}

/** Submit, approve (supervision committee), publish. */
export async function publish(t: TestApp, cadre: SignedIn, supervisor: SignedIn, publicationId: string) {
  const a = api(t);
  assert.equal((await a.post(`/api/disclosures/publications/${publicationId}/submit`, cadre)).statusCode, 200);
  assert.equal((await a.post(`/api/disclosures/publications/${publicationId}/review`, supervisor, { decision: 'approve' })).statusCode, 200);
  const res = await a.post(`/api/disclosures/publications/${publicationId}/publish`, cadre);
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
}
