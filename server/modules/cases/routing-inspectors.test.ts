import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import { LiveHub, type LiveEvent } from '../../platform/live/live-hub.js';
import { signIn, type SignedIn } from '../../testing/factories.js';
import { seedRegionsDemo } from '../regions/demo-seed.js';
import { seedPeopleDemo } from '../people/demo-seed.js';
import { call } from './test-helpers.js';
import { routeCase } from './routing.js';

/**
 * Confidential reports (举报) reach the township's own discipline inspectors
 * (issue 4), on the Zhuzhou demo data itself: a report about 双江村 lands in
 * 朱亭镇纪委's queue, where 朱亭镇纪委书记 (zt_jiwei) works it; 渌口区纪委监委
 * (lk_jiwei) oversees it; the township government (zt_ganbu), the village
 * secretary and the village supervision committee never see it.
 */

const SHUANGJIANG = '430212101201'; // 朱亭镇双江村
const WANGJIAZHOU = '430212100201'; // 渌口镇王家洲村
const ZHONGGULING = '430203003001'; // 芦淞区建宁街道钟鼓岭社区

let t: TestApp;
let as: Record<'resident' | 'ztJiwei' | 'lkJiwei' | 'ztGanbu' | 'secretary' | 'committee', SignedIn>;
let units: Record<'ztJiwei' | 'ztGovernment' | 'shuangjiang' | 'lkJiwei', string>;

before(async () => {
  t = await createTestApp({ config: { logLevel: 'error' } });
  await seedRegionsDemo(t.ctx());
  await seedPeopleDemo(t.ctx());
  const user = async (where: { username?: string; phone?: string }) => {
    let q = t.db.selectFrom('users').select('id');
    if (where.username) q = q.where('username', '=', where.username);
    if (where.phone) q = q.where('phone', '=', where.phone);
    return signIn(t, (await q.executeTakeFirstOrThrow()).id);
  };
  as = {
    resident: await user({ phone: '13907331001' }), // 谭德明, 双江村
    ztJiwei: await user({ username: 'zt_jiwei' }),
    lkJiwei: await user({ username: 'lk_jiwei' }),
    ztGanbu: await user({ username: 'zt_ganbu' }),
    secretary: await user({ username: 'sjc_shuji' }),
    committee: await user({ username: 'sjc_jiandu' }),
  };
  const unit = async (regionCode: string, departmentType: string | null) => {
    let q = t.db.selectFrom('units').select('id').where('region_code', '=', regionCode);
    q = departmentType ? q.where('kind', '=', 'department').where('department_type', '=', departmentType) : q.where('kind', '=', 'region');
    return (await q.executeTakeFirstOrThrow()).id;
  };
  units = {
    ztJiwei: await unit('430212101000', '纪委'),
    ztGovernment: await unit('430212101000', null),
    shuangjiang: await unit(SHUANGJIANG, null),
    lkJiwei: await unit('430212000000', '纪委'),
  };
});
after(() => t.close());

describe('routing a supervision report on the demo data', () => {
  test('a report about 双江村 goes to 朱亭镇纪委 by the rule itself (no fallback)', async () => {
    const route = await routeCase(t.db, { categoryCode: 'supervision.village_affairs', regionCode: SHUANGJIANG, confidential: true });
    assert.equal(route.unit?.id, units.ztJiwei);
    assert.equal(route.unit?.name, '朱亭镇纪委');
    assert.equal(route.unit?.departmentType, '纪委');
    assert.equal(route.fallback, false);
  });

  test('each township’s report goes to its own inspectors: 渌口镇纪委, 建宁街道纪工委', async () => {
    const lukou = await routeCase(t.db, { categoryCode: 'supervision.village_affairs', regionCode: WANGJIAZHOU, confidential: true });
    assert.equal(lukou.unit?.name, '渌口镇纪委');
    const street = await routeCase(t.db, { categoryCode: 'supervision', regionCode: ZHONGGULING, confidential: true });
    assert.equal(street.unit?.name, '建宁街道纪工委');
    for (const r of [lukou, street]) assert.equal(r.fallback, false);
  });

  test('never a village unit nor a township government, whatever the village', async () => {
    const villages = await t.db.selectFrom('regions').select('code').where('level', '=', 'village').where('code', 'like', '430212%').execute();
    assert.equal(villages.length, 139);
    for (const v of villages) {
      const route = await routeCase(t.db, { categoryCode: 'supervision.village_affairs', regionCode: v.code, confidential: true });
      assert.equal(route.unit?.departmentType, '纪委', v.code);
      assert.equal(route.unit?.regionCode, `${v.code.slice(0, 9)}000`, v.code);
    }
  });
});

describe('a resident files a report about 双江村', () => {
  let report: any;
  /** Live events on the topics of everyone concerned, heard while the report was filed. */
  const heard: LiveEvent[] = [];
  before(async () => {
    const hub = new LiveHub(t.url);
    await hub.start();
    const topics = [
      `unit:${units.ztJiwei}`,
      `unit:${units.ztGovernment}`,
      `unit:${units.shuangjiang}`,
      `user:${as.resident.userId}`,
      ...[as.ztGanbu, as.secretary, as.committee].map((p) => `user:${p.userId}`),
      'dispatch:430212',
    ];
    const stop = hub.subscribe(topics, (e) => heard.push(e));
    try {
      const res = await call(t, as.resident, 'POST', '/api/cases', {
        categoryCode: 'supervision.village_affairs',
        title: '水利专项资金被挪用',
        description: '村里的水利专项资金被挪去修路，没有开村民代表会议。',
        regionCode: SHUANGJIANG,
        isAnonymous: false,
      });
      assert.equal(res.status, 201, JSON.stringify(res.json));
      report = res.json;
      // One transaction's notifications arrive together: wait for the requester's and the queue's.
      const arrived = () => heard.some((e) => e.topic === `unit:${units.ztJiwei}`) && heard.some((e) => e.topic === `user:${as.resident.userId}`);
      for (let i = 0; i < 250 && !arrived(); i += 1) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 100));
    } finally {
      stop();
      await hub.stop();
    }
  });

  test('it lands in 朱亭镇纪委’s queue, where zt_jiwei works it and sees who reported', async () => {
    assert.equal(report.confidential, true);
    assert.equal(report.handlingUnit.id, units.ztJiwei);
    const queue = await call(t, as.ztJiwei, 'GET', `/api/cases/queue?unitId=${units.ztJiwei}&pageSize=100`);
    assert.equal(queue.status, 200);
    assert.ok(queue.json.items.some((i: any) => i.id === report.id), 'in his own unit’s queue');
    const detail = await call(t, as.ztJiwei, 'GET', `/api/cases/${report.id}`);
    assert.equal(detail.status, 200);
    assert.equal(detail.json.abilities.accept, true, 'he handles it');
    assert.equal(detail.json.requester.name, '谭德明');
  });

  test('渌口区纪委监委 oversees it (reads, does not handle); its own unit’s queue stays empty', async () => {
    const detail = await call(t, as.lkJiwei, 'GET', `/api/cases/${report.id}`);
    assert.equal(detail.status, 200);
    assert.equal(detail.json.abilities.accept, false);
    const all = await call(t, as.lkJiwei, 'GET', '/api/cases/queue?pageSize=100');
    assert.ok(all.json.items.some((i: any) => i.id === report.id), 'in his district-wide view');
    const own = await call(t, as.lkJiwei, 'GET', `/api/cases/queue?unitId=${units.lkJiwei}&pageSize=100`);
    assert.ok(!own.json.items.some((i: any) => i.id === report.id));
  });

  test('the township government, the village secretary and the supervision committee see nothing of it', async () => {
    for (const who of [as.ztGanbu, as.secretary, as.committee]) {
      assert.equal((await call(t, who, 'GET', `/api/cases/${report.id}`)).status, 404);
      const queue = await call(t, who, 'GET', '/api/cases/queue?pageSize=100');
      if (queue.status === 200) assert.ok(!queue.json.items.some((i: any) => i.id === report.id));
    }
    // Told live: the inspectors' queue and the reporter; nobody else's topic carries it.
    const about = heard.filter((e) => e.data.caseId === report.id);
    assert.ok(about.some((e) => e.topic === `unit:${units.ztJiwei}`), 'the inspectors’ queue was told');
    assert.deepEqual([...new Set(about.map((e) => e.topic))].sort(), [`unit:${units.ztJiwei}`, `user:${as.resident.userId}`].sort());
    const notices = await t.db.selectFrom('case_notifications').select(['unit_id', 'user_id']).where('case_id', '=', report.id).execute();
    assert.ok(notices.every((n) => n.unit_id === units.ztJiwei), JSON.stringify(notices));
  });

  test('zt_jiwei’s reach ends at 朱亭镇: a report about 王家洲村 (渌口镇) is not his', async () => {
    const other = await routeCase(t.db, { categoryCode: 'supervision.village_affairs', regionCode: WANGJIAZHOU, confidential: true });
    assert.notEqual(other.unit?.id, units.ztJiwei);
    const res = await call(t, as.resident, 'POST', '/api/cases', {
      categoryCode: 'supervision.village_affairs',
      title: '王家洲村账目不公开',
      description: '王家洲村今年的账目一直没有公开。',
      regionCode: WANGJIAZHOU,
      isAnonymous: true,
    });
    assert.equal(res.status, 201, JSON.stringify(res.json));
    assert.equal((await call(t, as.ztJiwei, 'GET', `/api/cases/${res.json.id}`)).status, 404);
    assert.equal((await call(t, as.lkJiwei, 'GET', `/api/cases/${res.json.id}`)).status, 200);
  });
});
