/**
 * The foundation end to end, in a real browser against the whole platform with
 * the Zhuzhou demo data: a resident of 双江村 signs in by SMS code on a phone,
 * acknowledges an 「@所有人」 notice in the village feed, switches to 繁體 and
 * elderly mode (both survive a reload); then the village's 村支书 signs in on a
 * desktop and sees the resident's household among those who have acknowledged.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { sql } from 'kysely';
import { apiAs } from './support/platform.js';
import { demoBrowserSuite, openContext, screenshot, signInResident, signInStaff, PHONE, DESKTOP } from './support/browser.js';

const suite = demoBrowserSuite();
const { skip } = suite;

const VILLAGE = '430212101201'; // 双江村
const RESIDENT_PHONE = '13907331001'; // 谭德明, the demo's 居民（双江村）
const CADRE = { login: 'sjc_shuji', password: 'Lianxin@2026' };

/** The resident's household in 双江村 (the one that acknowledges). */
async function residentHousehold(): Promise<{ id: string; address: string }> {
  const db = suite.running.app.db;
  return db
    .selectFrom('household_members as m')
    .innerJoin('households as h', 'h.id', 'm.household_id')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['h.id as id', 'h.address as address'])
    .where('u.phone', '=', RESIDENT_PHONE)
    .where('m.status', '=', 'verified')
    .where('h.region_code', 'like', `${VILLAGE}%`)
    .executeTakeFirstOrThrow();
}

/** An 「@所有人」 notice of 双江村 that the household has not acknowledged; posted by the cadre through the API when the demo has none. */
async function unacknowledgedNotice(householdId: string): Promise<{ id: string; title: string | null }> {
  const db = suite.running.app.db;
  const existing = await db
    .selectFrom('feed_posts as p')
    .select(['p.id', 'p.title'])
    .where('p.region_code', '=', VILLAGE)
    .where('p.requires_ack', '=', true)
    .where('p.parent_id', 'is', null)
    .where('p.hidden_at', 'is', null)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('feed_acks as a').select(sql`1`.as('one')).whereRef('a.post_id', '=', 'p.id').where('a.household_id', '=', householdId))),
    )
    .orderBy('p.created_at', 'desc')
    .executeTakeFirst();
  if (existing) return existing;

  const cadre = await apiAs(suite.running.app, CADRE);
  const title = `e2e 通知 ${Date.now()}`;
  const posted = await cadre.call('POST', `/api/feeds/${VILLAGE}/posts`, { kind: 'notice', title, body: '@所有人 请各户看后点“我已阅读”确认。', requiresAck: true });
  assert.equal(posted.status, 201, JSON.stringify(posted.json));
  return { id: posted.json.id, title };
}

async function ackCount(postId: string): Promise<number> {
  const row = await suite.running.app.db
    .selectFrom('feed_acks')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('post_id', '=', postId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const px = (page: Page, selector: string) =>
  page.locator(selector).first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));

test('a resident acknowledges an @所有人 notice on a phone (繁體, elderly mode), and the cadre sees it in the console', { skip, timeout: 180_000 }, async () => {
  const household = await residentHousehold();
  const notice = await unacknowledgedNotice(household.id);
  const acksBefore = await ackCount(notice.id);

  // ---- the resident, at phone size ----
  const phoneContext = await openContext(suite.browser, PHONE);
  try {
    const page = await phoneContext.newPage();
    await signInResident(suite.running, page, RESIDENT_PHONE, { shots: { phone: 'foundation-01-login-phone', code: 'foundation-02-code-entered' } });

    // Signed in: home, with 双江村's feed among mine.
    const feedLink = page.locator(`[data-testid="feed-link"][data-region="${VILLAGE}"]`);
    await feedLink.waitFor({ timeout: 15_000 });
    await screenshot(page, 'foundation-03-home');
    await feedLink.click();
    await page.waitForURL(`**/feeds/${VILLAGE}`);
    await page.getByTestId('feed-title').waitFor();

    // The notice: 「@所有人」 and 「我已阅读」.
    const post = page.locator(`[data-testid="post-item"][data-post-id="${notice.id}"]`);
    await post.waitFor({ timeout: 15_000 });
    await post.scrollIntoViewIfNeeded();
    await post.getByTestId('everyone-badge').waitFor();
    await screenshot(page, 'foundation-04-feed-notice');
    await post.getByTestId('ack-button').click();
    const done = post.getByTestId('ack-done');
    await done.waitFor();
    assert.match(await done.innerText(), /已确认阅读/);
    assert.equal(await post.getByTestId('ack-button').count(), 0, '「我已阅读」 is gone once pressed');
    assert.equal(await ackCount(notice.id), acksBefore + 1, 'the acknowledgement was stored');
    await screenshot(page, 'foundation-05-acknowledged');

    // 繁體.
    await page.getByTestId('lang-zh-TW').click();
    await page.waitForFunction(
      (id) => document.querySelector(`[data-post-id="${id}"] [data-testid="ack-done"]`)?.textContent?.includes('已確認閱讀'),
      notice.id,
      { timeout: 10_000 },
    );
    assert.equal(await page.locator('html').getAttribute('lang'), 'zh-TW');

    // Elderly mode: larger type.
    const normalButton = await px(page, '[data-testid="elderly-toggle"]');
    const normalBody = await px(page, `[data-post-id="${notice.id}"] .lx-post-body`);
    await page.getByTestId('elderly-toggle').click();
    await page.locator('[data-testid="elderly-toggle"][data-state="on"]').waitFor();
    const checkElderly = async (when: string) => {
      assert.ok(await page.locator('html').evaluate((el) => el.classList.contains('lx-elderly')), `${when}: html.lx-elderly`);
      const root = await px(page, 'html');
      const button = await px(page, '[data-testid="elderly-toggle"]');
      const body = await px(page, `[data-post-id="${notice.id}"] .lx-post-body`);
      assert.ok(root >= 18, `${when}: root font size ${root}px ≥ 18px`);
      assert.ok(button >= 18 && button > normalButton, `${when}: button font size ${button}px (was ${normalButton}px)`);
      assert.ok(body >= 18 && body > normalBody, `${when}: post body font size ${body}px (was ${normalBody}px)`);
    };
    await checkElderly('after the toggle');
    await screenshot(page, 'foundation-06-traditional-elderly');

    // A reload keeps both.
    await page.reload();
    const postAgain = page.locator(`[data-testid="post-item"][data-post-id="${notice.id}"]`);
    await postAgain.getByTestId('ack-done').waitFor({ timeout: 15_000 });
    assert.match(await postAgain.getByTestId('ack-done').innerText(), /已確認閱讀/);
    assert.equal(await page.locator('html').getAttribute('lang'), 'zh-TW');
    await page.locator('[data-testid="elderly-toggle"][data-state="on"]').waitFor();
    await checkElderly('after a reload');
    await screenshot(page, 'foundation-07-after-reload');
  } finally {
    await phoneContext.close();
  }

  // ---- the cadre, at desktop size ----
  const deskContext = await openContext(suite.browser, DESKTOP);
  try {
    const page = await deskContext.newPage();
    await signInStaff(suite.running, page, CADRE, { shot: 'foundation-08-staff-login' });
    await page.getByTestId('console-menu').waitFor();

    await page.getByTestId('menu-feeds').click();
    await page.getByTestId('page-feeds').waitFor();
    await page.locator(`[data-testid="console-feed-link"][data-region="${VILLAGE}"]`).click();
    await page.waitForURL(`**/console/feeds/${VILLAGE}`);
    const post = page.locator(`[data-testid="post-list"] [data-testid="post-item"][data-post-id="${notice.id}"]`);
    await post.waitFor({ timeout: 15_000 });
    await post.scrollIntoViewIfNeeded();
    await screenshot(page, 'foundation-09-console-feed');
    await post.getByTestId('ack-list-open').click();

    const drawer = page.getByTestId('ack-drawer');
    const totals = page.getByTestId('ack-totals');
    await totals.waitFor({ timeout: 15_000 });
    assert.equal(Number(await totals.getAttribute('data-acknowledged')), acksBefore + 1, 'ack-totals counts the resident\'s household');
    assert.ok(Number(await totals.getAttribute('data-households')) >= acksBefore + 1);
    await page.getByTestId('ack-tab-pending').click();
    await page.locator('[data-testid="ack-pending-item"]').first().waitFor();
    assert.equal(await page.locator('[data-testid="ack-pending-item"]', { hasText: household.address }).count(), 0, `${household.address} is not among the pending`);
    await page.getByTestId('ack-tab-read').click();
    const mine = drawer.locator('[data-testid="ack-read-item"]', { hasText: household.address });
    await mine.waitFor();
    assert.equal(await mine.count(), 1, `${household.address} is among the acknowledged`);
    await screenshot(page, 'foundation-10-ack-list');
  } finally {
    await deskContext.close();
  }
});
