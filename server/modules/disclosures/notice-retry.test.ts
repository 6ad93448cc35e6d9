import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import PgBoss from 'pg-boss';
import { createTestApp, type TestApp } from '../../testing/harness.js';
import { api, buildWorld, draft, addEntries, makeFunds, publish, V, type World } from './test-helpers.js';
import { deliverNotice, pendingNotices, useNoticeQueue } from './feed-notice.js';
import { disclosuresJobs } from './jobs.js';

/**
 * Publishing pushes a notice into the village feed. When the feed refuses
 * it (here: the feed's table rejects inserts, as during an outage), the
 * publication still stands, the notice waits in the outbox with its error,
 * and a pg-boss job delivers it once the feed is back — exactly once.
 */
let t: TestApp;
let w: World;

before(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
});
after(() => t.close());

const feedDown = () =>
  sql`create or replace function lx_test_feed_down() returns trigger language plpgsql as $$ begin raise exception 'feed unavailable'; end $$;
      create trigger lx_test_feed_down before insert on feed_posts for each statement execute function lx_test_feed_down()`.execute(t.db);
const feedUp = () => sql`drop trigger if exists lx_test_feed_down on feed_posts`.execute(t.db);
const postsOf = async (postId: string) => (await t.db.selectFrom('feed_posts').select('id').where('id', '=', postId).execute()).length;
const noticePosts = async (title: string) => (await t.db.selectFrom('feed_posts').select('id').where('region_code', '=', V.villageA).where('title', '=', title).execute()).length;

async function publishWhileFeedDown(period: string) {
  const f = await makeFunds(t, w.people.cadreA, V.villageA, [{ code: `JF${period.slice(5)}`, name: `村级经费${period}`, kind: 'general' }]);
  const id = await draft(t, w.people.cadreA, V.villageA, period);
  await addEntries(t, w.people.cadreA, id, [
    { entryDate: `${period}-05`, voucherNo: `记-${period}-1`, direction: 'expense', amountFen: 120_000, counterparty: '朱亭农资店', purpose: '农药', fundId: Object.values(f)[0] },
  ]);
  await feedDown();
  try {
    const published = await publish(t, w.people.cadreA, w.people.supervisorA, id);
    assert.equal(published.status, 'published', 'a feed outage does not undo the publication');
  } finally {
    await feedUp();
  }
  return t.db.selectFrom('disclosure_notices').selectAll().where('publication_id', '=', id).executeTakeFirstOrThrow();
}

describe('the feed notice of a publication', () => {
  test('a failed delivery stays in the outbox with its error; delivering again posts it once and only once', async () => {
    const notice = await publishWhileFeedDown('2026-03');
    assert.equal(notice.delivered_at, null);
    assert.match(notice.error ?? '', /feed unavailable/);
    assert.equal(notice.attempts, 1);
    assert.equal(await noticePosts(notice.title), 0);
    assert.ok((await pendingNotices(t.db, new Date(Date.now() + 3_600_000))).includes(notice.id));

    const first = await deliverNotice({ db: t.db, clock: t.clock }, notice.id);
    assert.equal(first.status, 'delivered');
    const again = await deliverNotice({ db: t.db, clock: t.clock }, notice.id);
    assert.equal(again.status, 'already');
    const row = await t.db.selectFrom('disclosure_notices').selectAll().where('id', '=', notice.id).executeTakeFirstOrThrow();
    assert.ok(row.delivered_at);
    assert.equal(row.error, null);
    assert.equal(await postsOf(row.feed_post_id!), 1);
    assert.equal(await noticePosts(notice.title), 1, 'posted exactly once');
    assert.ok(!(await pendingNotices(t.db, new Date(Date.now() + 3_600_000))).includes(notice.id));
    // Residents of the village read it in their feed.
    const feed = await api(t).get(`/api/feeds/${V.villageA}/posts`, w.people.residentA);
    assert.equal(feed.statusCode, 200, feed.body);
    assert.ok(JSON.stringify(feed.json()).includes(notice.title));
  });

  test('a notice held by another worker is not posted twice', async () => {
    const notice = await publishWhileFeedDown('2026-04');
    await t.db.updateTable('disclosure_notices').set({ claimed_until: new Date(t.clock.now().getTime() + 60_000) }).where('id', '=', notice.id).execute();
    assert.equal((await deliverNotice({ db: t.db, clock: t.clock }, notice.id)).status, 'busy');
    assert.equal(await noticePosts(notice.title), 0);
    // The claim of a worker that died expires.
    t.clock.advance(3 * 60_000);
    assert.equal((await deliverNotice({ db: t.db, clock: t.clock }, notice.id)).status, 'delivered');
    assert.equal(await noticePosts(notice.title), 1);
  });

  test('the pg-boss job delivers a notice that failed while publishing', async () => {
    const boss = new PgBoss({ connectionString: t.url, schema: 'pgboss', max: 2 });
    await boss.start();
    try {
      await disclosuresJobs(boss, { db: t.db, clock: t.clock });
      const notice = await publishWhileFeedDown('2026-05');
      assert.equal(notice.delivered_at, null, 'the direct delivery failed');
      const deadline = Date.now() + 60_000;
      let delivered: Date | null = null;
      while (Date.now() < deadline && !delivered) {
        await new Promise((r) => setTimeout(r, 300));
        delivered = (await t.db.selectFrom('disclosure_notices').select('delivered_at').where('id', '=', notice.id).executeTakeFirstOrThrow()).delivered_at;
      }
      assert.ok(delivered, 'the job delivered the notice');
      assert.equal(await noticePosts(notice.title), 1);
      const jobs = await t.db.selectFrom('pgboss.job' as never).select(['name' as never]).where('name' as never, '=', 'disclosures.notice-deliver' as never).execute();
      assert.ok(jobs.length >= 1, 'delivered by the job');
    } finally {
      useNoticeQueue(null);
      await boss.stop({ graceful: false, wait: true, timeout: 2000 });
    }
  });
});
