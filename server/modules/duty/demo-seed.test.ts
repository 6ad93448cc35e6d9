import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import { seedRegionsDemo } from '../regions/demo-seed.js';
import { seedPeopleDemo } from '../people/demo-seed.js';
import { seedFeedDemo } from '../feed/demo-seed.js';
import { seedDutyDemo } from './demo-seed.js';
import { onDutyToday } from './service.js';

/** The feed's and the duty roster's part of the Zhuzhou demo, on top of the regions and people demo. */

const SHUANGJIANG = '430212101201';
const CUANXI = '430281102201';

describe('the feed and duty demo on the Zhuzhou demo data', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp(); // the clock: Friday 2026-11-20, 10:00 in Shanghai
    await seedRegionsDemo(t.ctx());
    await seedPeopleDemo(t.ctx());
    await seedFeedDemo(t.ctx());
    await seedDutyDemo(t.ctx());
  });
  after(() => t.close());

  test('双江村 has its @所有人 村务公开 notice, acknowledged by some households and not by others', async () => {
    const notice = await t.db
      .selectFrom('feed_posts')
      .selectAll()
      .where('region_code', '=', SHUANGJIANG)
      .where('requires_ack', '=', true)
      .executeTakeFirstOrThrow();
    assert.equal(notice.title, '10月村务、财务公开');
    assert.match(notice.body, /^@所有人/);
    const acks = await t.db.selectFrom('feed_acks').select('household_id').where('post_id', '=', notice.id).execute();
    const households = await t.db.selectFrom('households').select('id').where('region_code', '=', SHUANGJIANG).execute();
    assert.ok(acks.length > 5, `${acks.length} acknowledged`);
    assert.ok(acks.length < households.length - 5, 'several households are still pending');
    assert.ok(notice.created_at < t.clock.now());
  });

  test("villagers' questions in 双江村 are answered by the 村支书", async () => {
    const secretary = await t.db.selectFrom('users').select('id').where('username', '=', 'sjc_shuji').executeTakeFirstOrThrow();
    const questions = await t.db
      .selectFrom('feed_posts')
      .select('id')
      .where('region_code', '=', SHUANGJIANG)
      .where('kind', '=', 'question')
      .where('parent_id', 'is', null)
      .execute();
    assert.ok(questions.length >= 3);
    for (const q of questions) {
      const answer = await t.db.selectFrom('feed_posts').select('author_id').where('parent_id', '=', q.id).where('kind', '=', 'answer').executeTakeFirst();
      assert.equal(answer?.author_id, secretary.id);
    }
    const water = await t.db.selectFrom('feed_posts').select('body').where('body', 'like', '%饮水工程%').where('kind', '=', 'answer').executeTakeFirstOrThrow();
    assert.match(water.body, /15\.76 万元/);
  });

  test('汆溪村 has this week’s roster; today 肖小武 checked in with 「今天我值班」 and answered the villagers', async () => {
    const unit = await t.db.selectFrom('units').select('id').where('region_code', '=', CUANXI).where('kind', '=', 'region').executeTakeFirstOrThrow();
    const shifts = await t.db.selectFrom('duty_shifts').select(['checked_in_at', 'check_in_post_id']).where('unit_id', '=', unit.id).execute();
    assert.equal(shifts.length, 7);
    assert.equal(shifts.filter((s) => s.checked_in_at !== null).length, 5, 'Monday to Friday are checked in');
    const today = await onDutyToday(t.ctx(), unit.id);
    assert.equal(today?.user.name, '肖小武');
    assert.ok(today?.checkedInAt);
    const checkIn = await t.db
      .selectFrom('feed_posts')
      .select(['body', 'created_at'])
      .where('region_code', '=', CUANXI)
      .where('kind', '=', 'duty_check_in')
      .where('author_id', '=', today!.user.id)
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    assert.match(checkIn.body, /^@所有人，大家好！我是白兔潭镇人民政府肖小武，今天我值班……/);
    assert.ok(checkIn.created_at <= t.clock.now());
    const answers = await t.db
      .selectFrom('feed_posts')
      .select('body')
      .where('region_code', '=', CUANXI)
      .where('kind', '=', 'answer')
      .where('author_id', '=', today!.user.id)
      .execute();
    assert.ok(answers.some((a) => a.body.includes('护学岗')));
  });

  test('双江村 has a roster and a check-in today too, and 月塘街道’s grids have notices', async () => {
    const unit = await t.db.selectFrom('units').select('id').where('region_code', '=', SHUANGJIANG).where('kind', '=', 'region').executeTakeFirstOrThrow();
    assert.ok((await onDutyToday(t.ctx(), unit.id))?.checkedInAt);
    const grid = await t.db.selectFrom('feed_posts').select('id').where('region_code', 'like', '430202001%').where('kind', '=', 'notice').execute();
    assert.ok(grid.length >= 2);
  });

  test('every demo post and check-in is audited and lies in the past', async () => {
    const posts = await t.db.selectFrom('feed_posts').select(['id', 'created_at']).execute();
    const audited = await t.db.selectFrom('audit_log').select('target_id').where('action', 'in', ['feed.post', 'feed.reply']).execute();
    const ids = new Set(audited.map((a) => a.target_id));
    assert.ok(posts.every((p) => ids.has(p.id)));
    assert.ok(posts.every((p) => p.created_at <= t.clock.now()));
    assert.ok((await t.db.selectFrom('audit_log').select('id').where('action', '=', 'duty.check_in').execute()).length >= 10);
  });

  test('running the seeds again adds nothing', async () => {
    const before = Number((await t.db.selectFrom('feed_posts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const shifts = Number((await t.db.selectFrom('duty_shifts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    await seedFeedDemo(t.ctx());
    await seedDutyDemo(t.ctx());
    assert.equal(Number((await t.db.selectFrom('feed_posts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n), before);
    assert.equal(Number((await t.db.selectFrom('duty_shifts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n), shifts);
  });
});

test('the feed and duty seeds skip what is missing on an empty database', async () => {
  const t = await createTestApp();
  try {
    await seedFeedDemo(t.ctx());
    await seedDutyDemo(t.ctx());
    assert.equal(await t.db.selectFrom('feed_posts').select('id').executeTakeFirst(), undefined);
    assert.equal(await t.db.selectFrom('duty_shifts').select('id').executeTakeFirst(), undefined);
  } finally {
    await t.close();
  }
});
