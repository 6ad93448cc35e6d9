import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import { ROLES } from '../../platform/context.js';
import { actorOf } from '../../testing/factories.js';
import { buildWorld, call, fileCase, act, PLACES, type World } from './test-helpers.js';

let t: TestApp;
let w: World;
/** privA: private, village A; pubA: public, village A; dept: a street light in village C (城管); conf: a supervision report about village A. */
let c: Record<'privA' | 'pubA' | 'dept' | 'conf', any>;
before(async () => {
  t = await createTestApp({ config: { logLevel: 'error' } });
  w = await buildWorld(t);
  c = {
    privA: await fileCase(t, w.people.residentA, { isPublic: false, title: '家门口井盖松动', description: '我家门口井盖松动，老人差点摔倒' }),
    pubA: await fileCase(t, w.people.residentA, { title: '广场舞音响太吵', description: '每晚广场舞噪音扰民' }),
    dept: await fileCase(t, w.people.residentC, { isPublic: false, regionCode: PLACES.villageC, categoryCode: 'infrastructure.streetlight', title: '路灯不亮', description: '社区路灯不亮' }),
    conf: await fileCase(t, w.people.residentA2, { categoryCode: 'supervision.village_affairs', title: '村干部挪用公款', description: '修路款被挪用' }),
  };
  assert.equal(c.dept.handlingUnit.id, w.units.chengguan);
  assert.equal(c.conf.handlingUnit.id, w.units.jiwei);
});
after(() => t.close());

type Who = keyof World['people'];
/** Who may open which case (GET /api/cases/:id): everyone else gets a 404. */
const MAY_SEE: Record<Who, (keyof typeof c)[]> = {
  residentA: ['privA', 'pubA'],
  residentA2: ['conf'],
  residentC: ['dept'],
  cadreA: ['privA', 'pubA'],
  gridA: ['privA', 'pubA'],
  cadreB: [],
  cadreC: ['dept'],
  township: ['privA', 'pubA'],
  chengguan: ['dept'],
  minzheng: [],
  inspector: ['conf'],
  inspectorCounty: ['conf'],
  operator: ['privA', 'pubA', 'dept'],
  supervisor: [],
  volunteer: [],
  medic: [],
  admin: ['privA', 'pubA', 'dept', 'conf'],
};

describe('the policy matrix', () => {
  test('the matrix covers every role in ROLES', async () => {
    const covered = new Set<string>();
    for (const who of Object.keys(MAY_SEE) as Who[]) {
      for (const g of (await actorOf(t.db, w.people[who].userId)).grants) covered.add(g.role);
    }
    assert.deepEqual([...covered].sort(), [...ROLES].sort());
  });

  for (const who of Object.keys(MAY_SEE) as Who[]) {
    test(`${who}: opens exactly ${MAY_SEE[who].join(', ') || 'nothing'}; the queue agrees`, async () => {
      for (const key of Object.keys(c) as (keyof typeof c)[]) {
        const res = await call(t, w.people[who], 'GET', `/api/cases/${c[key].id}`);
        const expected = MAY_SEE[who].includes(key) ? 200 : 404;
        assert.equal(res.status, expected, `${who} → ${key}`);
      }
      const queue = await call(t, w.people[who], 'GET', '/api/cases/queue?pageSize=100');
      const staff = !['residentA', 'residentA2', 'residentC', 'supervisor', 'volunteer', 'medic'].includes(who);
      if (!staff) {
        assert.equal(queue.status, 403, `${who} has no queue`);
        return;
      }
      assert.equal(queue.status, 200);
      const listed = new Set(queue.json.items.map((i: any) => i.id));
      for (const key of Object.keys(c) as (keyof typeof c)[]) {
        assert.equal(listed.has(c[key].id), MAY_SEE[who].includes(key), `${who}'s queue and ${key}`);
      }
    });
  }

  test('the requester’s name and phone: full to those who call back, masked to overseers, hidden in a report', async () => {
    const requesterOf = async (who: Who, key: keyof typeof c) => (await call(t, w.people[who], 'GET', `/api/cases/${c[key].id}`)).json.requester;
    for (const who of ['residentA', 'cadreA', 'gridA', 'township', 'operator', 'admin'] as Who[]) {
      const r = await requesterOf(who, 'privA');
      assert.equal(r.name, '张三丰', who);
      assert.match(r.phone, /^139\d{8}$/, who);
      assert.equal(r.masked, false, who);
    }
    const overseen = await requesterOf('cadreC', 'dept');
    assert.equal(overseen.name, '王*');
    assert.match(overseen.phone, /^139\*{4}\d{4}$/);
    assert.equal(overseen.masked, true);
    const handler = await requesterOf('chengguan', 'dept');
    assert.equal(handler.masked, false);
    assert.equal((await requesterOf('inspector', 'conf')).name, '李四');
    assert.equal(await requesterOf('admin', 'conf'), null, 'an administrator reads the report but not who made it');
    const adminView = await call(t, w.people.admin, 'GET', `/api/cases/${c.conf.id}`);
    assert.ok(!JSON.stringify(adminView.json).includes('李四'), 'nor on the timeline');
  });

  test('abilities follow who the caller is', async () => {
    const asCadre = (await call(t, w.people.cadreA, 'GET', `/api/cases/${c.pubA.id}`)).json.abilities;
    assert.equal(asCadre.accept, true);
    assert.equal(asCadre.withdraw, false);
    const asTownship = (await call(t, w.people.township, 'GET', `/api/cases/${c.pubA.id}`)).json.abilities;
    assert.equal(asTownship.accept, false, 'overseeing is not handling');
    const asRequester = (await call(t, w.people.residentA, 'GET', `/api/cases/${c.pubA.id}`)).json.abilities;
    assert.deepEqual(
      Object.entries(asRequester)
        .filter(([, v]) => v)
        .map(([k]) => k)
        .sort(),
      ['add_info', 'withdraw'],
    );
    const asInspector = (await call(t, w.people.inspector, 'GET', `/api/cases/${c.conf.id}`)).json.abilities;
    assert.equal(asInspector.accept, true);
    const asAdmin = (await call(t, w.people.admin, 'GET', `/api/cases/${c.conf.id}`)).json.abilities;
    assert.equal(asAdmin.accept, false, 'reports are worked by inspectors only');
  });
});

describe('GET /api/cases/:id', () => {
  test('401 signed out, 400 for a bad id, 404 for an unknown one', async () => {
    assert.equal((await call(t, null, 'GET', `/api/cases/${c.pubA.id}`)).status, 401);
    const bad = await call(t, w.people.admin, 'GET', '/api/cases/123');
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error.field, 'id');
    assert.equal((await call(t, w.people.admin, 'GET', '/api/cases/00000000-0000-4000-8000-000000000000')).status, 404);
  });

  test('the requester sees only the timeline rows meant for them, without staff names', async () => {
    const id = (await fileCase(t, w.people.residentA)).id;
    await act(t, w.people.cadreA, id, 'accept');
    await act(t, w.people.cadreA, id, 'return', { reason: '不是本村' });
    const staff = await call(t, w.people.township, 'GET', `/api/cases/${id}`);
    assert.ok(staff.json.timeline.some((e: any) => e.kind === 'returned' && e.actorName === '赵支书'));
    const mine = await call(t, w.people.residentA, 'GET', `/api/cases/${id}`);
    assert.ok(!mine.json.timeline.some((e: any) => e.kind === 'returned'));
    const accepted = mine.json.timeline.find((e: any) => e.kind === 'accepted');
    assert.equal(accepted.actorName, null);
    assert.equal(accepted.unitName, '双江村民委员会');
    const own = mine.json.timeline.find((e: any) => e.kind === 'submitted');
    assert.equal(own.actorName, '张三丰');
  });

  test('a unit that transferred a case away may still read it, but it leaves their queue', async () => {
    const id = (await fileCase(t, w.people.residentC, { regionCode: PLACES.villageC })).id;
    await act(t, w.people.cadreC, id, 'transfer', { unitId: w.units.villageB, reason: '其实在石泉村' });
    await act(t, w.people.cadreB, id, 'transfer', { unitId: w.units.chengguan, reason: '城管职责' });
    const former = await call(t, w.people.cadreB, 'GET', `/api/cases/${id}`);
    assert.equal(former.status, 200);
    assert.equal(former.json.abilities.accept, false);
    const queue = await call(t, w.people.cadreB, 'GET', '/api/cases/queue?pageSize=100');
    assert.ok(!queue.json.items.some((i: any) => i.id === id));
  });
});

describe('GET /api/cases/track/:trackingNumber', () => {
  test('400 for a malformed number, 404 for an unknown one and for a supervision report', async () => {
    assert.equal((await call(t, null, 'GET', '/api/cases/track/AB123')).status, 400);
    assert.equal((await call(t, null, 'GET', '/api/cases/track/ZZ2611209999')).status, 404);
    assert.equal((await call(t, null, 'GET', `/api/cases/track/${c.conf.trackingNumber}?phoneLast4=0000`)).status, 404);
  });

  test('a public case: progress for anyone, personal data masked', async () => {
    const res = await call(t, null, 'GET', `/api/cases/track/${c.pubA.trackingNumber}`);
    assert.equal(res.status, 200);
    assert.equal(res.json.requesterName, '张*丰');
    assert.equal(res.json.handlingUnit.name, '双江村民委员会');
    assert.equal(res.json.description, '每晚广场舞噪音扰民');
    const body = JSON.stringify(res.json);
    assert.ok(!body.includes('张三丰'));
    const phone = (await t.db.selectFrom('cases').select('requester_phone').where('id', '=', c.pubA.id).executeTakeFirstOrThrow()).requester_phone!;
    assert.ok(!body.includes(phone) && !body.includes(phone.slice(-4)), 'no phone, not even its tail');
    assert.deepEqual(
      res.json.timeline.map((e: any) => e.kind),
      ['submitted', 'routed'],
    );
  });

  test('a private case needs the last four digits of the phone', async () => {
    const url = `/api/cases/track/${c.privA.trackingNumber}`;
    const phone = (await t.db.selectFrom('cases').select('requester_phone').where('id', '=', c.privA.id).executeTakeFirstOrThrow()).requester_phone!;
    const none = await call(t, null, 'GET', url);
    assert.equal(none.status, 403);
    assert.equal(none.json.error.field, 'phoneLast4');
    const wrongDigits = String((Number(phone.slice(-4)) + 1) % 10000).padStart(4, '0');
    assert.equal((await call(t, null, 'GET', `${url}?phoneLast4=${wrongDigits}`)).status, 403);
    assert.equal((await call(t, null, 'GET', `${url}?phoneLast4=12a4`)).status, 400);
    const ok = await call(t, null, 'GET', `${url}?phoneLast4=${phone.slice(-4)}`);
    assert.equal(ok.status, 200);
    assert.equal(ok.json.description, null, 'a private case’s story is not on the progress page');
    assert.equal(ok.json.address, null);
    assert.equal(ok.json.requesterName, '张*丰');
  });

  test('an anonymous case shows no name at all', async () => {
    const anon = await fileCase(t, w.people.residentA, { isAnonymous: true });
    const res = await call(t, null, 'GET', `/api/cases/track/${anon.trackingNumber}`);
    assert.equal(res.json.requesterName, '匿名群众');
    const asOverseer = await call(t, w.people.cadreB, 'GET', `/api/cases/${anon.id}`);
    assert.equal(asOverseer.status, 404);
  });
});

describe('GET /api/cases/public and /api/cases/mine', () => {
  test('public: only public, never reports; names masked; filters and paging', async () => {
    const res = await call(t, null, 'GET', '/api/cases/public?pageSize=100');
    assert.equal(res.status, 200);
    const ids = res.json.items.map((i: any) => i.id);
    assert.ok(ids.includes(c.pubA.id));
    assert.ok(!ids.includes(c.privA.id));
    assert.ok(!ids.includes(c.conf.id));
    assert.ok(!JSON.stringify(res.json).includes('张三丰'));
    assert.equal(res.json.items.find((i: any) => i.id === c.pubA.id).requesterName, '张*丰');

    const inC = await call(t, null, 'GET', `/api/cases/public?regionPrefix=${PLACES.villageC}`);
    assert.ok(inC.json.items.every((i: any) => i.region.code.startsWith(PLACES.villageC)));
    const lights = await call(t, null, 'GET', '/api/cases/public?category=infrastructure');
    assert.ok(lights.json.items.every((i: any) => i.category.code.startsWith('infrastructure')));
    const page = await call(t, null, 'GET', '/api/cases/public?pageSize=1&page=1');
    assert.equal(page.json.items.length, 1);
    assert.ok(page.json.total >= 1);
    assert.equal(page.json.pageSize, 1);
    const bad = await call(t, null, 'GET', '/api/cases/public?regionPrefix=43x');
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error.field, 'regionPrefix');
  });

  test('mine: 401 signed out; my cases only; filtered by status', async () => {
    assert.equal((await call(t, null, 'GET', '/api/cases/mine')).status, 401);
    const res = await call(t, w.people.residentC, 'GET', '/api/cases/mine?pageSize=100');
    assert.equal(res.status, 200);
    const ids = res.json.items.map((i: any) => i.id);
    assert.ok(ids.includes(c.dept.id));
    assert.ok(!ids.includes(c.pubA.id));
    assert.ok(res.json.items.every((i: any) => i.relation === 'requester'));
    const closed = await call(t, w.people.residentC, 'GET', '/api/cases/mine?status=closed');
    assert.deepEqual(closed.json.items, []);
    assert.equal((await call(t, w.people.residentC, 'GET', '/api/cases/mine?status=nope')).status, 400);
  });
});

describe('following', () => {
  test('anyone signed in may follow a public case; not a private one; not their own', async () => {
    const url = `/api/cases/${c.pubA.id}/follow`;
    assert.equal((await call(t, null, 'POST', url)).status, 401);
    const followed = await call(t, w.people.residentC, 'POST', url);
    assert.equal(followed.status, 200);
    assert.equal(followed.json.following, true);
    assert.equal(followed.json.abilities.follow, false);
    const mine = await call(t, w.people.residentC, 'GET', '/api/cases/mine?pageSize=100');
    assert.equal(mine.json.items.find((i: any) => i.id === c.pubA.id)?.relation, 'follower');
    assert.equal((await call(t, w.people.residentC, 'POST', `/api/cases/${c.privA.id}/follow`)).status, 404);
    assert.equal((await call(t, w.people.residentA, 'POST', url)).status, 400);
    assert.equal((await call(t, w.people.residentC, 'DELETE', url)).status, 204);
    assert.equal((await call(t, w.people.residentC, 'GET', `/api/cases/${c.pubA.id}`)).status, 404);
  });
});
