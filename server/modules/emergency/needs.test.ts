import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import { makeResident, signIn } from '../../testing/factories.js';
import { AT, buildWorld, caller, openIncident, type World } from './test-world.js';

let t: TestApp;
let w: World;
let call: ReturnType<typeof caller>;
let incidentId: string;
let grids: { q1: string; q2: string; f1: string };

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

/** A multipart body with one file part. */
function multipartBody(bytes: Buffer, filename = 'gate.png') {
  const boundary = '----lianxin-test';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: image/png\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const dialysis = {
  compound: '庆云山庄',
  building: '3栋2单元501',
  phone: '13907335501',
  urgency: 'life_critical',
  items: [{ kind: 'dialysis_drug', name: '碳酸司维拉姆片', strength: '800mg', quantity: 2, unit: '盒' }],
  note: '血透术后用药，家里一点备用药都没有了',
  lat: 27.8391,
  lng: 113.1517,
};

before(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  call = caller(t);
  ({ incidentId, grids } = await openIncident(t, w));
  for (const [grid, who, capacity] of [
    [grids.q1, 'volunteer', 'volunteer'],
    [grids.q1, 'volunteer2', 'volunteer'],
    [grids.f1, 'medic', 'medic'],
  ] as const) {
    const res = await call(w.people.district, 'POST', `/api/emergency/grids/${grid}/team`, { userId: w.people[who].userId, capacity });
    assert.equal(res.status, 201);
  }
});
after(() => t.close());

const needsUrl = () => `/api/emergency/incidents/${incidentId}/needs`;

describe('POST /api/emergency/incidents/:id/needs', () => {
  test('401 signed out; 400 naming the field', async () => {
    assert.equal((await call(null, 'POST', needsUrl(), dialysis)).status, 401);
    const cases: [Record<string, unknown>, string][] = [
      [{ ...dialysis, items: [] }, 'items'],
      [{ ...dialysis, items: [{ kind: 'medicine', name: '硝苯地平控释片', quantity: 1 }] }, 'strength'],
      [{ ...dialysis, items: [{ kind: 'medicine', name: '  ', strength: '30mg', quantity: 1 }] }, 'name'],
      [{ ...dialysis, items: [{ kind: 'medicine', name: '硝苯地平控释片', strength: '30mg', quantity: 0 }] }, 'quantity'],
      [{ ...dialysis, phone: '12345' }, 'phone'],
      [{ ...dialysis, urgency: 'whenever' }, 'urgency'],
      [{ ...dialysis, compound: ' ' }, 'compound'],
      [{ ...dialysis, lat: undefined }, 'lat'],
      [{ ...dialysis, shop: { name: '药店' } }, 'lat'],
      [{ ...dialysis, householdId: w.households.neighbour }, 'householdId'],
    ];
    for (const [body, field] of cases) {
      const res = await call(w.people.resident, 'POST', needsUrl(), body);
      assert.equal(res.status, 400, `${field}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.error.field, field);
    }
    const strength = await call(w.people.resident, 'POST', needsUrl(), cases[1]![0]);
    assert.match(strength.body.error.message, /完整名称和规格/);
  });

  test('403 for people without a household in the area', async () => {
    for (const who of ['outsider', 'volunteer', 'district'] as const) {
      assert.equal((await call(w.people[who], 'POST', needsUrl(), dialysis)).status, 403, who);
    }
  });

  test('201: the need lands in the household’s grid; the audit row carries no personal data', async () => {
    const res = await call(w.people.resident, 'POST', needsUrl(), dialysis);
    assert.equal(res.status, 201);
    assert.equal(res.body.grid.id, grids.q1);
    assert.equal(res.body.status, 'open');
    assert.equal(res.body.phone, '13907335501', 'the requester sees their own phone');
    assert.equal(res.body.building, '3栋2单元501');
    assert.deepEqual(res.body.abilities.actions, ['cancel']);
    assert.equal(res.body.timeline[0].action, 'post');
    const audit = await t.db.selectFrom('audit_log').select(['action', 'after']).where('target_id', '=', res.body.id).executeTakeFirstOrThrow();
    assert.equal(audit.action, 'emergency.need.post');
    assert.doesNotMatch(JSON.stringify(audit.after, (k, v) => (/id$/i.test(k) ? undefined : v)), /1390733|501|司维拉姆/);
  });

  test('a household in a community split into zones must name its zone', async () => {
    for (const name of ['庆云山庄一区', '庆云山庄二区']) {
      await call(w.people.district, 'POST', `/api/emergency/incidents/${incidentId}/grids`, { regionCode: AT.qingyunshan, name });
    }
    const person = await signIn(t, (await makeResident(t.db, AT.qingyunshan, '封控区居民')).userId);
    const body = { ...dialysis, urgency: 'normal', items: [{ kind: 'food', name: '大米', quantity: 1, unit: '袋' }] };
    const missing = await call(person, 'POST', needsUrl(), body);
    assert.equal(missing.status, 400);
    assert.equal(missing.body.error.field, 'gridId');
    const zones = await t.db.selectFrom('emergency_grids').select(['id', 'name']).where('kind', '=', 'zone').where('incident_id', '=', incidentId).execute();
    const wrong = await call(person, 'POST', needsUrl(), { ...body, gridId: grids.f1 });
    assert.equal(wrong.body.error.field, 'gridId');
    const ok = await call(person, 'POST', needsUrl(), { ...body, gridId: zones.find((z) => z.name === '庆云山庄二区')!.id });
    assert.equal(ok.status, 201);
    assert.equal(ok.body.grid.name, '庆云山庄二区');
  });
});

describe('who sees a need', () => {
  let needId: string;
  before(async () => {
    needId = (await call(w.people.resident, 'POST', needsUrl(), { ...dialysis, urgency: 'urgent' })).body.id;
  });

  test('the grid’s volunteers see it, with the phone masked and no flat; other grids’ do not', async () => {
    const list = await call(w.people.volunteer, 'GET', needsUrl());
    const seen = list.body.items.find((n: any) => n.id === needId);
    assert.ok(seen);
    assert.equal(seen.phone, '139****5501');
    assert.equal(seen.building, null);
    assert.equal(seen.requesterName, '谭*菊');
    assert.deepEqual(seen.abilities.actions, ['claim']);
    assert.equal((await call(w.people.medic, 'GET', `/api/emergency/needs/${needId}`)).status, 404, 'serves another grid');
    assert.ok(!(await call(w.people.medic, 'GET', needsUrl())).body.items.some((n: any) => n.id === needId));
    assert.equal((await call(w.people.resident2, 'GET', `/api/emergency/needs/${needId}`)).status, 404, 'a neighbour');
    assert.equal((await call(w.people.volunteer, 'GET', `/api/emergency/needs/${needId}`)).status, 200);
  });

  test('the grid’s coordinators see the phone; life-critical needs are listed first', async () => {
    const list = await call(w.people.gridWorker, 'GET', needsUrl());
    assert.equal(list.status, 200);
    const mine = list.body.items.find((n: any) => n.id === needId);
    assert.equal(mine.phone, '13907335501');
    const urgencies = list.body.items.filter((n: any) => n.status === 'open').map((n: any) => n.urgency);
    assert.equal(urgencies[0], 'life_critical');
    const filtered = await call(w.people.gridWorker, 'GET', `${needsUrl()}?urgency=urgent`);
    assert.ok(filtered.body.items.every((n: any) => n.urgency === 'urgent'));
    assert.equal((await call(w.people.gridWorker, 'GET', `${needsUrl()}?status=lost`)).status, 400);
  });
});

describe('the errand: claimed → bought → at_gate → handed_over (photo) → delivered → confirmed', () => {
  let needId: string;
  before(async () => {
    needId = (await call(w.people.resident, 'POST', needsUrl(), dialysis)).body.id;
  });
  const act = (who: keyof World['people'], action: string, body: unknown = {}) => call(w.people[who], 'POST', `/api/emergency/needs/${needId}/actions/${action}`, body);

  test('two volunteers claim at once: one wins, the other gets a 409', async () => {
    const [a, b] = await Promise.all([act('volunteer', 'claim'), act('volunteer2', 'claim')]);
    assert.deepEqual([a.status, b.status].sort(), [200, 409]);
    const winner = a.status === 200 ? 'volunteer' : 'volunteer2';
    if (winner === 'volunteer2') {
      assert.equal((await act('volunteer2', 'release')).status, 200);
      assert.equal((await act('volunteer', 'claim')).status, 200);
    }
  });

  test('the runner now sees the phone and flat; others on the grid still do not', async () => {
    const runner = await call(w.people.volunteer, 'GET', `/api/emergency/needs/${needId}`);
    assert.equal(runner.body.phone, '13907335501');
    assert.equal(runner.body.building, '3栋2单元501');
    assert.deepEqual(runner.body.abilities.actions, ['release', 'buy']);
    const other = await call(w.people.volunteer2, 'GET', `/api/emergency/needs/${needId}`);
    assert.equal(other.body.phone, '139****5501');
    const requester = await call(w.people.resident, 'GET', `/api/emergency/needs/${needId}`);
    assert.equal(requester.body.runner.name, '刘翊');
    assert.equal(requester.body.runner.phone.length, 11, 'the family can call the volunteer');
  });

  test('illegal steps: 409 for the wrong state, 403 for the wrong person, 400 for hand-over without the photo route', async () => {
    const skip = await act('volunteer', 'deliver');
    assert.equal(skip.status, 409);
    assert.match(skip.body.error.message, /已认领/);
    assert.equal((await act('volunteer', 'confirm')).status, 403);
    assert.equal((await act('resident', 'confirm')).status, 409);
    assert.equal((await act('volunteer2', 'buy')).status, 403, 'only the runner buys');
    assert.equal((await act('volunteer', 'hand_over')).status, 400);
    assert.equal((await act('volunteer', 'buy', { shop: { name: '药店', lat: 27.8, lng: 113.1 } })).status, 400);
    assert.equal((await act('volunteer', 'buy', { colour: 'red' })).status, 400);
  });

  test('bought, at the gate, then the hand-over needs a real photo', async () => {
    assert.equal((await act('volunteer', 'buy', { note: '建设路药店买到了' })).body.status, 'bought');
    assert.equal((await act('volunteer', 'reach_gate')).body.status, 'at_gate');
    const url = `/api/emergency/needs/${needId}/handover`;
    const none = await t.app.inject({ method: 'POST', url, headers: { ...w.people.volunteer.headers } });
    assert.equal(none.statusCode, 400);
    assert.equal(none.json().error.field, 'file');
    const text = multipartBody(Buffer.from('not an image'));
    const notImage = await t.app.inject({ method: 'POST', url, payload: text.payload, headers: { ...w.people.volunteer.headers, ...text.headers } });
    assert.equal(notImage.statusCode, 400);
    assert.equal(notImage.json().error.field, 'file');
    const png = multipartBody(PNG);
    const outsider = await t.app.inject({ method: 'POST', url, payload: png.payload, headers: { ...w.people.medic.headers, ...png.headers } });
    assert.equal(outsider.statusCode, 404);
    const ok = await t.app.inject({ method: 'POST', url, payload: png.payload, headers: { ...w.people.volunteer.headers, ...png.headers } });
    assert.equal(ok.statusCode, 200, ok.body);
    const photoId = ok.json().timeline.at(-1).photoId;
    assert.ok(photoId);
    const photo = await t.app.inject({ method: 'GET', url: `/api/emergency/needs/${needId}/photos/${photoId}`, headers: w.people.resident.headers });
    assert.equal(photo.statusCode, 200);
    assert.equal(photo.headers['content-type'], 'image/png');
    assert.deepEqual(photo.rawPayload, PNG);
    const hidden = await t.app.inject({ method: 'GET', url: `/api/emergency/needs/${needId}/photos/${photoId}`, headers: w.people.medic.headers });
    assert.equal(hidden.statusCode, 404);
  });

  test('a compound volunteer delivers; the family confirms; the timeline holds every step', async () => {
    assert.equal((await act('volunteer2', 'deliver')).body.status, 'delivered');
    const done = await act('resident', 'confirm');
    assert.equal(done.body.status, 'confirmed');
    assert.deepEqual(done.body.abilities.actions, []);
    assert.deepEqual(
      done.body.timeline.map((e: any) => e.action).filter((a: string) => a !== 'release' && a !== 'claim'),
      ['post', 'buy', 'reach_gate', 'hand_over', 'deliver', 'confirm'],
    );
    assert.equal((await act('resident', 'cancel')).status, 409);
    const audits = await t.db.selectFrom('audit_log').select('action').where('target_id', '=', needId).execute();
    assert.ok(audits.some((a) => a.action === 'emergency.errand.hand_over'));
  });
});

describe('other paths', () => {
  test('nothing to buy: straight from claimed to the gate; buying is refused', async () => {
    const id = (
      await call(w.people.resident, 'POST', needsUrl(), {
        ...dialysis,
        urgency: 'normal',
        items: [{ kind: 'infant_formula', name: '氨基酸配方脱敏奶粉', quantity: 1, unit: '罐', toBuy: false }],
        note: '奶粉已在百江花园旁母婴店付款，请代取',
      })
    ).body.id;
    const act = (action: string) => call(w.people.volunteer, 'POST', `/api/emergency/needs/${id}/actions/${action}`, {});
    assert.equal((await act('claim')).status, 200);
    assert.equal((await act('buy')).status, 409);
    assert.equal((await act('reach_gate')).body.status, 'at_gate');
  });

  test('the resident cancels an open need; the coordinator may release a runner’s claim', async () => {
    const a = (await call(w.people.resident, 'POST', needsUrl(), { ...dialysis, urgency: 'normal' })).body.id;
    assert.equal((await call(w.people.resident, 'POST', `/api/emergency/needs/${a}/actions/cancel`, { note: '家人送来了' })).body.status, 'cancelled');
    assert.equal((await call(w.people.volunteer, 'POST', `/api/emergency/needs/${a}/actions/claim`, {})).status, 409);
    const b = (await call(w.people.resident, 'POST', needsUrl(), { ...dialysis, urgency: 'normal' })).body.id;
    await call(w.people.volunteer2, 'POST', `/api/emergency/needs/${b}/actions/claim`, {});
    const released = await call(w.people.gridWorker, 'POST', `/api/emergency/needs/${b}/actions/release`, {});
    assert.equal(released.body.status, 'open');
    assert.equal(released.body.runner, null);
  });

  test('after the incident ends, nothing new is claimed or posted, but errands under way finish', async () => {
    const created = await call(w.people.district, 'POST', '/api/emergency/incidents', { name: '短暂事件', regionCode: AT.lusong, startedAt: '2026-11-10T00:00:00Z' });
    const id = created.body.id;
    const grid = (await call(w.people.district, 'POST', `/api/emergency/incidents/${id}/grids`, { regionCode: AT.gridQ1 })).body.id;
    await call(w.people.district, 'POST', `/api/emergency/grids/${grid}/team`, { userId: w.people.volunteer.userId, capacity: 'volunteer' });
    const url = `/api/emergency/incidents/${id}/needs`;
    const first = (await call(w.people.resident, 'POST', url, dialysis)).body.id;
    const second = (await call(w.people.resident, 'POST', url, dialysis)).body.id;
    await call(w.people.volunteer, 'POST', `/api/emergency/needs/${first}/actions/claim`, {});
    await call(w.people.district, 'POST', `/api/emergency/incidents/${id}/end`, {});
    assert.equal((await call(w.people.resident, 'POST', url, dialysis)).status, 409);
    assert.equal((await call(w.people.volunteer, 'POST', `/api/emergency/needs/${second}/actions/claim`, {})).status, 409);
    assert.equal((await call(w.people.volunteer, 'POST', `/api/emergency/needs/${first}/actions/buy`, {})).status, 200);
  });
});
