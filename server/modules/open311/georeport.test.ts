import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { XMLParser } from 'fast-xml-parser';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import { buildWorld, call, PLACES, type World } from '../cases/test-helpers.js';

/**
 * Every GeoReport v2 endpoint, in JSON and in XML: services, a service
 * definition, POST requests (form-encoded) with its errors, GET requests
 * with each filter, GET requests/{id}, GET tokens/{token}, and the spec's
 * error lists — with the case really entering the engine (routing, timeline,
 * audit, search) and no requester data in any public answer.
 */

let t: TestApp;
let w: World;
let key = '';
const xml = new XMLParser({ parseTagValue: false, isArray: (name) => ['service', 'request', 'error', 'attribute', 'value'].includes(name) });

before(async () => {
  t = await createTestApp({ config: { logLevel: 'error', demo: false } });
  w = await buildWorld(t);
  // Real place names, so address_string can be read.
  for (const [code, name] of [
    [PLACES.city, '株洲市'],
    [PLACES.county, '渌口区'],
    [PLACES.township, '朱亭镇'],
    [PLACES.villageA, '双江村'],
    [PLACES.villageB, '石泉村'],
  ] as const) {
    await t.db.updateTable('regions').set({ name }).where('code', '=', code).execute();
  }
  const res = await call(t, w.people.admin, 'POST', '/api/open311/keys', { name: '株洲城管通 App', contact: '王工 0733-1234567' });
  assert.equal(res.status, 201, JSON.stringify(res.json));
  key = res.json.key;
});
after(() => t.close());

async function get(path: string, lang = 'zh-CN') {
  const res = await t.app.inject({ method: 'GET', url: `/open311/v2/${path}`, headers: { 'accept-language': lang } });
  return { status: res.statusCode, type: String(res.headers['content-type']), body: res.body };
}

async function post(path: string, form: Record<string, string | string[]>, lang = 'zh-CN') {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  const res = await t.app.inject({
    method: 'POST',
    url: `/open311/v2/${path}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': lang },
    payload: body.toString(),
  });
  return { status: res.statusCode, type: String(res.headers['content-type']), body: res.body };
}

const json = (r: { body: string }) => JSON.parse(r.body);
const fromXml = (r: { body: string }) => xml.parse(r.body);

const noise = (extra: Record<string, string> = {}) => ({
  api_key: key,
  service_code: 'environment.noise',
  lat: '27.41',
  long: '113.21',
  description: '书城对面的夜宵摊太吵了，影响休息，能管管吗？我的电话13907339999',
  first_name: '德明',
  last_name: '谭',
  phone: '13907339999',
  email: 'tan@example.com',
  'attribute[region_code]': PLACES.villageA,
  ...extra,
});

describe('GET services', () => {
  test('lists the leaf categories in JSON, without confidential ones', async () => {
    const res = await get('services.json');
    assert.equal(res.status, 200);
    assert.match(res.type, /application\/json/);
    const list = json(res);
    const noiseService = list.find((s: any) => s.service_code === 'environment.noise');
    assert.deepEqual(Object.keys(noiseService), ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group']);
    assert.equal(noiseService.service_name, '噪音扰民');
    assert.equal(noiseService.group, '环境卫生');
    assert.equal(noiseService.metadata, true);
    assert.equal(noiseService.type, 'realtime');
    assert.ok(!list.some((s: any) => s.service_code.startsWith('supervision')), 'supervision reports are never offered');
    assert.ok(!list.some((s: any) => s.service_code === 'environment'), 'a group is not a service');
    assert.ok(list.some((s: any) => s.service_code === 'other'), 'a top-level category without children is a service');
  });

  test('the same list in XML, and in English', async () => {
    const res = await get('services.xml', 'en');
    assert.equal(res.status, 200);
    assert.match(res.type, /text\/xml/);
    assert.match(res.body, /^<\?xml version="1.0" encoding="utf-8"\?><services><service>/);
    const services = fromXml(res).services.service;
    const water = services.find((s: any) => s.service_code === 'utilities.water');
    assert.equal(water.service_name, 'Water supply');
    assert.equal(water.metadata, 'true');
    assert.equal(services.length, json(await get('services.json')).length);
  });
});

describe('GET services/{code}', () => {
  test('the definition lists the attributes, in JSON and XML', async () => {
    const j = json(await get('services/environment.noise.json'));
    assert.equal(j.service_code, 'environment.noise');
    assert.deepEqual(
      j.attributes.map((a: any) => [a.code, a.datatype, a.required, a.variable, a.order]),
      [
        ['region_code', 'string', false, true, 1],
        ['title', 'string', false, true, 2],
      ],
    );
    const x = fromXml(await get('services/environment.noise.xml'));
    assert.equal(x.service_definition.service_code, 'environment.noise');
    assert.equal(x.service_definition.attributes.attribute.length, 2);
    assert.equal(x.service_definition.attributes.attribute[0].code, 'region_code');
  });

  test('an unknown or confidential service is a 404 error list, in either format', async () => {
    const j = await get('services/no.such.json');
    assert.equal(j.status, 404);
    assert.equal(json(j)[0].code, 404);
    assert.match(json(j)[0].description, /service_code/);
    const x = await get('services/supervision.village_affairs.xml');
    assert.equal(x.status, 404);
    assert.equal(fromXml(x).errors.error[0].code, '404');
  });
});

describe('POST requests', () => {
  test('files a case through the engine and answers the tracking number and a token (JSON)', async () => {
    const res = await post('requests.json', noise({ media_url: 'https://example.com/p/1.jpg', account_id: 'acc-7' }));
    assert.equal(res.status, 201, res.body);
    const [answer] = json(res);
    assert.match(answer.service_request_id, /^ZZ\d{10,12}$/);
    assert.match(answer.token, /^[0-9a-f-]{36}$/);
    assert.equal(answer.account_id, 'acc-7');
    assert.match(answer.service_notice, /双江村民委员会|办结/);

    const c = await t.db.selectFrom('cases').selectAll().where('tracking_number', '=', answer.service_request_id).executeTakeFirstOrThrow();
    assert.equal(c.channel, 'open311');
    assert.equal(c.region_code, PLACES.villageA);
    assert.equal(c.handling_unit_id, w.units.villageA, 'routed like any case');
    assert.equal(c.status, 'assigned');
    assert.equal(c.requester_name, '谭德明');
    assert.equal(c.requester_phone, '13907339999');
    assert.equal(c.title, '书城对面的夜宵摊太吵了，影响休息，能管管吗', 'the first sentence');
    assert.ok(c.search.includes('夜宵'), 'indexed for search');
    const events = await t.db.selectFrom('case_events').select(['kind', 'actor_role']).where('case_id', '=', c.id).orderBy('id').execute();
    assert.deepEqual(
      events.map((e) => e.kind),
      ['submitted', 'routed'],
    );
    assert.equal(events[0]!.actor_role, 'system');
    const audits = await t.db.selectFrom('audit_log').select('action').where('target_id', '=', c.id).orderBy('id').execute();
    assert.deepEqual(
      audits.map((a) => a.action),
      ['case.submit', 'open311.request'],
    );
    const stored = await t.db.selectFrom('open311_requests').selectAll().where('case_id', '=', c.id).executeTakeFirstOrThrow();
    assert.equal(stored.email, 'tan@example.com');
    assert.equal(stored.client_name, '株洲城管通 App');
    const keyRow = await t.db.selectFrom('open311_api_keys').select('last_used_at').where('key_hash', 'is not', null).executeTakeFirstOrThrow();
    assert.ok(keyRow.last_used_at);
  });

  test('the XML answer, with the region read from address_string and the title from an attribute', async () => {
    const res = await post('requests.xml', {
      api_key: key,
      service_code: 'infrastructure.streetlight',
      address_string: '株洲市渌口区朱亭镇双江村3组路口',
      description: '村口三盏路灯坏了一个星期，晚上看不见路。',
      'attribute[title]': '双江村口路灯不亮',
    });
    assert.equal(res.status, 201, res.body);
    assert.match(res.type, /text\/xml/);
    const answer = fromXml(res).service_requests.request[0];
    assert.match(answer.service_request_id, /^ZZ/);
    const c = await t.db.selectFrom('cases').selectAll().where('tracking_number', '=', answer.service_request_id).executeTakeFirstOrThrow();
    assert.equal(c.region_code, PLACES.villageA);
    assert.equal(c.title, '双江村口路灯不亮');
    assert.equal(c.address, '株洲市渌口区朱亭镇双江村3组路口');
    assert.equal(c.handling_unit_id, w.units.chengguan, 'street lights go to the county 城管 by the default rules');
    assert.equal(c.lat, null);
  });

  test('a point alone goes to the city, for the dispatchers', async () => {
    const res = await post('requests.json', { api_key: key, service_code: 'other', lat: '27.8', long: '113.1', description: '建议在江边增设一些休息座椅。' });
    assert.equal(res.status, 201, res.body);
    const c = await t.db.selectFrom('cases').select(['region_code', 'handling_unit_id']).where('tracking_number', '=', json(res)[0].service_request_id).executeTakeFirstOrThrow();
    assert.equal(c.region_code, PLACES.city);
    assert.equal(c.handling_unit_id, w.units.city);
  });

  test('no key or a bad key is a 403; a revoked key stops working at once', async () => {
    const count = async () => Number((await t.db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    const { api_key: _k, ...withoutKey } = noise();
    let res = await post('requests.json', withoutKey);
    assert.equal(res.status, 403);
    assert.match(json(res)[0].description, /api_key/);
    res = await post('requests.xml', noise({ api_key: 'lx311_wrong' }));
    assert.equal(res.status, 403);
    assert.equal(fromXml(res).errors.error[0].code, '403');
    res = await post('requests.json', noise({ api_key: 'demo' }));
    assert.equal(res.status, 403, 'the demo key works in demo mode only');

    const created = await call(t, w.people.admin, 'POST', '/api/open311/keys', { name: '临时客户端' });
    assert.equal((await post('requests.json', noise({ api_key: created.json.key }))).status, 201);
    assert.equal((await call(t, w.people.admin, 'POST', `/api/open311/keys/${created.json.id}/revoke`)).status, 200);
    assert.equal((await post('requests.json', noise({ api_key: created.json.key }))).status, 403);
    assert.equal(await count(), before + 1);
  });

  test('bad input is a 400 naming the parameter, in the reader’s language, and nothing is written', async () => {
    const count = async () => Number((await t.db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    const cases: [Record<string, string | string[]>, number, RegExp][] = [
      [{ ...noise(), service_code: '' }, 400, /service_code/],
      [{ ...noise(), service_code: 'no.such' }, 404, /service_code/],
      [{ ...noise(), description: '' }, 400, /description/],
      [{ ...noise(), description: 'x'.repeat(2001) }, 400, /description.*2000/],
      [{ ...noise(), lat: '91' }, 400, /lat/],
      [{ ...noise(), lat: 'abc' }, 400, /lat/],
      [{ ...noise(), long: '' }, 400, /lat|long/],
      [{ api_key: key, service_code: 'other', description: '没有位置' }, 400, /lat|address_string/],
      [{ ...noise(), email: 'not-an-email' }, 400, /email/],
      [{ ...noise(), phone: 'call me' }, 400, /phone/],
      [{ ...noise(), media_url: 'javascript:alert(1)' }, 400, /media_url/],
      [{ ...noise(), 'attribute[region_code]': '12' }, 400, /region_code/],
      [{ ...noise(), 'attribute[region_code]': '430212101299' }, 400, /region_code/],
      [{ ...noise(), 'attribute[colour]': 'red' }, 400, /attribute\[colour\]/],
      [{ ...noise(), 'attribute[title]': '长'.repeat(61) }, 400, /title/],
      [{ ...noise(), jurisdiction_id: 'beijing' }, 404, /zhuzhou/],
      [{ ...noise(), servce_code: 'typo' }, 400, /servce_code/],
      [{ ...noise(), description: ['一', '二'] }, 400, /description/],
    ];
    for (const [form, status, message] of cases) {
      const res = await post('requests.json', form);
      assert.equal(res.status, status, `${JSON.stringify(form).slice(0, 120)} → ${res.body}`);
      const [err] = json(res);
      assert.equal(err.code, status);
      assert.match(err.description, message);
    }
    const en = await post('requests.json', { ...noise(), email: 'x' }, 'en');
    assert.equal(json(en)[0].description, 'email is not valid');
    const zh = await post('requests.json', { ...noise(), email: 'x' });
    assert.equal(json(zh)[0].description, '参数 email 的值无效');
    assert.equal(await count(), before);
  });

  test('a JSON body is refused with 415 in the spec’s error shape', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/open311/v2/requests.json', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(noise()) });
    assert.equal(res.statusCode, 415);
    assert.equal(JSON.parse(res.body)[0].code, 415);
  });
});

describe('GET requests, requests/{id}, tokens/{token}', () => {
  let id = '';
  let token = '';
  before(async () => {
    const res = await post('requests.json', noise({ description: '广场舞音响太大声，每晚九点半以后还在放。联系我13907338888', media_url: 'https://example.com/m.jpg' }));
    [{ service_request_id: id, token }] = json(res);
  });

  test('a request by id, in JSON and XML, with no personal data', async () => {
    const j = await get(`requests/${id}.json`);
    assert.equal(j.status, 200);
    const [r] = json(j);
    assert.deepEqual(Object.keys(r), [
      'service_request_id',
      'status',
      'status_notes',
      'service_name',
      'service_code',
      'description',
      'agency_responsible',
      'service_notice',
      'requested_datetime',
      'updated_datetime',
      'expected_datetime',
      'address',
      'address_id',
      'zipcode',
      'lat',
      'long',
      'media_url',
    ]);
    assert.equal(r.status, 'open');
    assert.equal(r.service_code, 'environment.noise');
    assert.equal(r.agency_responsible, '双江村民委员会');
    assert.equal(r.media_url, 'https://example.com/m.jpg');
    assert.equal(r.lat, 27.41);
    assert.match(r.requested_datetime, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
    for (const secret of ['谭', '13907339999', '13907338888', 'tan@example.com']) assert.ok(!j.body.includes(secret), `no ${secret} in ${j.body}`);
    assert.ok(j.body.includes('139****8888'), 'a phone typed into the text is masked');
    const x = await get(`requests/${id}.xml`);
    assert.equal(fromXml(x).service_requests.request[0].service_request_id, id);
    assert.equal(fromXml(x).service_requests.request[0].zipcode, '');
    for (const secret of ['谭', '13907339999', 'tan@example.com']) assert.ok(!x.body.includes(secret));
  });

  test('an unknown id, or a private case, is a 404', async () => {
    assert.equal((await get('requests/ZZ2611209999.json')).status, 404);
    assert.equal((await get('requests/nonsense.xml')).status, 404);
    const priv = await call(t, w.people.residentA, 'POST', '/api/cases', {
      categoryCode: 'social.assistance',
      title: '低保申请进度',
      description: '我家去年申请的低保，现在进度如何？',
      regionCode: PLACES.villageA,
      isPublic: false,
    });
    assert.equal(priv.status, 201);
    assert.equal((await get(`requests/${priv.json.trackingNumber}.json`)).status, 404);
    const all = json(await get('requests.json'));
    assert.ok(!all.some((r: any) => r.service_request_id === priv.json.trackingNumber), 'private cases are never listed');
  });

  test('the token gives the request id, in JSON and XML; an unknown token is a 404', async () => {
    assert.deepEqual(json(await get(`tokens/${token}.json`)), [{ service_request_id: id, token }]);
    assert.equal(fromXml(await get(`tokens/${token}.xml`)).service_requests.request[0].service_request_id, id);
    assert.equal((await get('tokens/00000000-0000-0000-0000-000000000000.json')).status, 404);
    assert.equal((await get('tokens/abc.xml')).status, 404);
  });

  test('the list filters by ids, service, period and status', async () => {
    const all = json(await get('requests.json'));
    assert.ok(all.length >= 3);
    assert.ok(all.every((r: any) => r.status === 'open'));
    const byIds = json(await get(`requests.json?service_request_id=${id},ZZ0000000000`));
    assert.deepEqual(
      byIds.map((r: any) => r.service_request_id),
      [id],
    );
    const lights = json(await get('requests.json?service_code=infrastructure.streetlight'));
    assert.ok(lights.length >= 1 && lights.every((r: any) => r.service_code === 'infrastructure.streetlight'));
    const group = json(await get('requests.json?service_code=environment'));
    assert.ok(group.some((r: any) => r.service_code === 'environment.noise'), 'a group code covers its services');
    assert.equal(json(await get('requests.json?status=closed')).length, 0);
    assert.equal(json(await get('requests.json?status=open,closed')).length, all.length);
    const past = json(await get('requests.json?start_date=2026-01-01T00:00:00%2B08:00&end_date=2026-03-01T00:00:00%2B08:00'));
    assert.equal(past.length, 0);
    const now = json(await get('requests.json?start_date=2026-11-01&end_date=2026-11-30'));
    assert.equal(now.length, all.length);
    const x = fromXml(await get('requests.xml?status=open'));
    assert.equal(x.service_requests.request.length, all.length);
  });

  test('a closed case shows its result as status_notes', async () => {
    const c = await t.db.selectFrom('cases').select('id').where('tracking_number', '=', id).executeTakeFirstOrThrow();
    for (const [action, body] of [
      ['accept', undefined],
      ['resolve', { result: '已联系广场舞队，音响音量调低，晚上九点前结束。' }],
    ] as const) {
      const res = await call(t, w.people.cadreA, 'POST', `/api/cases/${c.id}/${action}`, body);
      assert.equal(res.status, 200, JSON.stringify(res.json));
    }
    const [r] = json(await get(`requests/${id}.json`));
    assert.equal(r.status, 'closed');
    assert.equal(r.status_notes, '已联系广场舞队，音响音量调低，晚上九点前结束。');
    assert.ok(json(await get('requests.json?status=closed')).some((x: any) => x.service_request_id === id));
  });

  test('bad filters are 400s naming the parameter', async () => {
    for (const [q, field] of [
      ['status=pending', 'status'],
      ['start_date=yesterday', 'start_date'],
      ['start_date=2026-01-01&end_date=2026-11-01', 'end_date'],
      ['end_date=2026-01-01&start_date=2026-02-01', 'end_date'],
      ['colour=red', 'colour'],
    ]) {
      const res = await get(`requests.xml?${q}`);
      assert.equal(res.status, 400, q);
      assert.match(fromXml(res).errors.error[0].description, new RegExp(field));
    }
  });

  test('unknown paths and formats are GeoReport 404s', async () => {
    for (const path of ['nothing.json', 'requests.yaml', 'services', 'a/b/c.json']) {
      const res = await get(path);
      assert.equal(res.status, 404, path);
    }
    assert.equal(json(await get('nothing.json'))[0].code, 404);
    assert.equal(fromXml(await get('services.txt')).errors.error[0].code, '404');
  });
});
