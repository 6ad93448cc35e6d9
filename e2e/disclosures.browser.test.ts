/**
 * Disclosures end to end (issue 4), in a real browser against the whole
 * platform with the Zhuzhou demo data:
 *
 * - anyone (not signed in, as from the poster's QR code) and then a resident
 *   of 双江村 on a phone open the village's finance publication and see the
 *   water fund's approved amount, what was spent on it and where the rest
 *   went (seed 001: 306,000 approved, 157,600 spent, 148,400 to road
 *   widening); the resident files a confidential report and gets a tracking
 *   number;
 * - 朱亭镇's discipline inspector (zt_jiwei) sees the report with its
 *   reporter, and the red flag raised on the water fund;
 * - 双江村's secretary (sjc_shuji) sees neither the report nor its reporter.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import { type Credentials } from './support/platform.js';
import { demoBrowserSuite, openContext, screenshot, signInResident, signInStaff, PHONE, DESKTOP } from './support/browser.js';

const suite = demoBrowserSuite();
const { skip } = suite;

const VILLAGE = '430212101201'; // 双江村
const RESIDENT_PHONE = '13907331001'; // 谭德明
const RESIDENT_NAME = '谭德明';
const INSPECTOR = { login: 'zt_jiwei', password: 'Lianxin@2026' };
const SECRETARY = { login: 'sjc_shuji', password: 'Lianxin@2026' };

interface Flow {
  fundId: string;
  code: string;
  name: string;
  amountFen: number;
}
interface FundFacts {
  id: string;
  code: string;
  approvedFen: number;
  toDate: { spentFen: number; movedOut: Flow[] };
}

/** The newest finance publication of 双江村 that shows the water fund's money moved elsewhere (read as the public reads it). */
async function waterFundPublication(): Promise<{ id: string; period: string; fund: FundFacts }> {
  const app = suite.running.app;
  const list = await app.inject({ method: 'GET', url: `/api/disclosures/villages/${VILLAGE}/publications?kind=finance&status=published&pageSize=50` });
  assert.equal(list.statusCode, 200, list.body);
  for (const p of list.json().items as { id: string; period: string; isLatest: boolean }[]) {
    if (!p.isLatest) continue;
    const view = await app.inject({ method: 'GET', url: `/api/disclosures/publications/${p.id}` });
    const fund = (view.json().funds as FundFacts[]).find((f) => f.code === 'SL' && f.toDate.movedOut.length > 0);
    if (fund) return { id: p.id, period: p.period, fund };
  }
  throw new Error('no finance publication of 双江村 shows the water fund (demo data missing?)');
}

/** A new page of `context`, signed in as `who`, in the console with its menu shown (desktop size). */
async function consolePage(context: BrowserContext, who: Credentials): Promise<Page> {
  const page = await context.newPage();
  await signInStaff(suite.running, page, who);
  await page.getByTestId('console-menu').waitFor();
  return page;
}

const text = async (page: Page, testId: string, scope?: ReturnType<Page['locator']>) => ((await (scope ?? page).getByTestId(testId).first().innerText()) ?? '').trim();

test('a resident reads where the water fund went and reports it; the inspector sees the report, its reporter and the red flag; the secretary sees neither', { skip, timeout: 240_000 }, async () => {
  const base = suite.running.url;
  const pub = await waterFundPublication();
  // Seed 001's figures, from the village's own books.
  assert.equal(pub.fund.approvedFen, 30_600_000);
  assert.equal(pub.fund.toDate.spentFen, 15_760_000);
  assert.deepEqual(pub.fund.toDate.movedOut.map((m) => [m.name, m.amountFen]), [['道路拓宽工程', 14_840_000]]);
  const description = `e2e 举报 ${Date.now()}：水利专项资金被挪去修路，没有开村民代表会议。`;
  const comment = `e2e 留言 ${Date.now()}：水利资金剩下的钱去哪了？`;
  const answer = `e2e 答复 ${Date.now()}：结余用于村道拓宽，将补开村民代表会议说明。`;
  let trackingNumber = '';

  // ---- anyone, not signed in, at phone size (the poster's QR code) ----
  const anonymous = await openContext(suite.browser, PHONE);
  try {
    const page = await anonymous.newPage();
    await page.goto(`${base}/disclosures/publications/${pub.id}`);
    const card = page.locator('[data-testid="fund-card"][data-code="SL"]');
    await card.waitFor({ timeout: 20_000 });
    assert.equal(await text(page, 'fund-approved', card), '¥306,000.00');
    assert.ok(page.url().includes(`/disclosures/publications/${pub.id}`), 'no sign-in was asked for');
    await page.getByTestId('report-sign-in').waitFor();
  } finally {
    await anonymous.close();
  }

  // ---- the resident, at phone size ----
  const phone = await openContext(suite.browser, PHONE);
  try {
    const page = await phone.newPage();
    await signInResident(suite.running, page, RESIDENT_PHONE);
    await page.getByTestId('service-disclosures').click();

    // My village's publications: 双江村 from my household.
    await page.waitForURL('**/disclosures');
    await page.getByTestId('publication-list').waitFor({ timeout: 20_000 });
    assert.match(await text(page, 'village-name'), /双江村/);
    await page.goto(`${base}/disclosures?village=${VILLAGE}&kind=finance&period=${pub.period}`);
    const link = page.locator(`[data-testid="publication-link"][data-id="${pub.id}"]`);
    await link.waitFor({ timeout: 20_000 });
    await screenshot(page, 'disclosures-01-village-list');
    await link.click();
    await page.waitForURL(`**/disclosures/publications/${pub.id}`);

    // The water fund: approved, spent on it, and where the remainder went.
    const card = page.locator('[data-testid="fund-card"][data-code="SL"]');
    await card.waitFor({ timeout: 20_000 });
    await page.getByTestId('funds-chart').waitFor();
    assert.equal(await text(page, 'fund-approved', card), '¥306,000.00');
    assert.equal(await text(page, 'fund-spent', card), '¥157,600.00');
    assert.equal(await text(page, 'fund-moved', card), '¥148,400.00');
    const movedTo = card.locator('[data-testid="fund-moved-to"][data-code="DL"]');
    assert.match(await movedTo.innerText(), /道路拓宽工程[\s\S]*¥148,400\.00/);
    assert.match(await text(page, 'fund-disposition', card), /没有登记/);
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'disclosures-02-water-fund');

    // The ledger shows the money moved to road widening, entry by entry.
    await page.getByTestId('entry-list').waitFor();
    assert.ok((await page.getByTestId('chain-note').innerText()).includes('SM3'));

    // Elderly mode still shows it, in larger type.
    const normal = await card.locator('.lx-dc-fund-name').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    await page.getByTestId('elderly-toggle').click();
    await page.locator('[data-testid="elderly-toggle"][data-state="on"]').waitFor();
    const elderly = await card.locator('.lx-dc-fund-name').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    assert.ok(elderly >= 18 && elderly > normal, `fund name ${elderly}px in elderly mode (was ${normal}px)`);
    await screenshot(page, 'disclosures-03-elderly');
    await page.getByTestId('elderly-toggle').click();
    await page.locator('[data-testid="elderly-toggle"][data-state="off"]').waitFor();

    // A public comment, answered later by the village.
    await page.getByTestId('comment-input').fill(comment);
    await page.getByTestId('comment-submit').click();
    await page.locator('[data-testid="comment-item"]', { hasText: comment }).waitFor({ timeout: 15_000 });
    const commentItem = page.locator('[data-testid="comment-item"]', { hasText: comment });
    assert.ok(!(await commentItem.innerText()).includes(RESIDENT_NAME), 'the commenter’s name is masked in public');

    // A confidential report: who will see it is said plainly; then the tracking number.
    assert.match(await text(page, 'report-who'), /纪委|纪检/);
    await page.getByTestId('report-open').click();
    await page.getByTestId('report-description').fill(description);
    await page.getByTestId('report-submit').click();
    const tracking = page.getByTestId('report-tracking');
    await tracking.waitFor({ timeout: 20_000 });
    trackingNumber = (await tracking.innerText()).trim();
    assert.ok(trackingNumber.length > 4, `tracking number ${trackingNumber}`);
    await screenshot(page, 'disclosures-04-report-filed');
    // Nothing of the report in the public thread.
    assert.equal(await page.getByTestId('comments-section').getByText(description).count(), 0);
  } finally {
    await phone.close();
  }

  // The report is a confidential case routed to the township's discipline inspectors.
  const db = suite.running.app.db;
  const report = await db.selectFrom('cases').selectAll().where('tracking_number', '=', trackingNumber).executeTakeFirstOrThrow();
  assert.equal(report.confidential, true);
  assert.match(report.description, /水利专项资金被挪去修路/);

  // ---- the discipline inspector ----
  const inspector = await openContext(suite.browser, DESKTOP);
  try {
    const page = await consolePage(inspector, INSPECTOR);
    await page.getByTestId('menu-disclosures').click();
    await page.getByTestId('menu-disclosures-reports').click();
    await page.getByTestId('page-disclosure-reports').waitFor();
    const row = page.locator(`[data-testid="report-row"][data-tracking="${trackingNumber}"]`);
    await row.waitFor({ timeout: 20_000 });
    await row.getByTestId('report-open-detail').click();
    const detail = page.getByTestId('report-detail');
    await detail.waitFor({ timeout: 15_000 });
    assert.match(await text(page, 'report-text'), /水利专项资金被挪去修路/);
    assert.equal(await text(page, 'reporter-name'), RESIDENT_NAME, 'the inspector sees who reported');
    assert.equal(await page.getByTestId('report-case-link').getAttribute('href'), `/console/cases/${report.id}`);
    await screenshot(page, 'disclosures-05-inspector-report');

    // The red flag on the water fund.
    await page.goto(`${base}/console/disclosures/flags?region=${VILLAGE}&rule=fund_diverted`);
    const flag = page.locator(`[data-testid="flag-row"][data-rule="fund_diverted"][data-fund-id="${pub.fund.id}"]`);
    await flag.waitFor({ timeout: 20_000 });
    assert.match(await flag.getByTestId('flag-row-explanation').innerText(), /道路拓宽工程/);
    await flag.getByTestId('flag-open').click();
    const drawer = page.getByTestId('flag-detail');
    await drawer.waitFor({ timeout: 15_000 });
    assert.equal(await drawer.locator('[data-testid="entry-item"]').count(), 2, 'the two payments behind the flag');
    await page.getByTestId('flag-dismiss').waitFor();
    await screenshot(page, 'disclosures-06-inspector-flag');
  } finally {
    await inspector.close();
  }

  // ---- the village secretary ----
  const secretary = await openContext(suite.browser, DESKTOP);
  try {
    const page = await consolePage(secretary, SECRETARY);
    await page.getByTestId('menu-disclosures').click();
    await page.getByTestId('menu-disclosures-publications').waitFor();
    assert.equal(await page.getByTestId('menu-disclosures-reports').count(), 0, 'no reports menu for the secretary');
    assert.equal(await page.getByTestId('menu-disclosures-flags').count(), 0, 'no red flags menu for the secretary');
    await page.goto(`${base}/console/disclosures/reports`);
    await page.getByTestId('page-disclosure-publications').waitFor({ timeout: 15_000 });
    assert.equal(await page.getByTestId('page-disclosure-reports').count(), 0);
    // The publication, as the secretary sees it in the console and in public: no report, no reporter.
    await page.goto(`${base}/console/disclosures/publications/${pub.id}`);
    await page.getByTestId('page-disclosure-editor').waitFor({ timeout: 15_000 });
    await page.goto(`${base}/disclosures/publications/${pub.id}`);
    await page.getByTestId('funds-section').waitFor({ timeout: 15_000 });
    // (The secretary keeps the books, so 低保 recipients' names are unmasked here; the report's text must not be.)
    const body = await page.locator('body').innerText();
    assert.ok(!body.includes(description) && !body.includes(trackingNumber), 'nothing of the report on the publication page');
    // The village answers the public comment in the thread.
    const thread = page.locator('[data-testid="comment-item"]', { hasText: comment });
    await thread.getByTestId('answer-input').fill(answer);
    await thread.getByTestId('answer-submit').click();
    await thread.getByTestId('comment-answer').filter({ hasText: answer }).waitFor({ timeout: 15_000 });
    await screenshot(page, 'disclosures-07-secretary-answers');
    // The case engine refuses the case itself and lists nothing of it.
    const one = await page.request.get(`${base}/api/cases/${report.id}`);
    assert.equal(one.status(), 404);
    assert.ok(!(await one.text()).includes(RESIDENT_NAME));
    const queue = await page.request.get(`${base}/api/cases/queue?category=supervision.village_affairs`);
    const listed = queue.ok() ? ((await queue.json()) as { items: { id: string }[] }).items : [];
    assert.ok(!listed.some((c) => c.id === report.id), 'not in the secretary’s queue');
    await page.goto(`${base}/console/cases/${report.id}`);
    await page.getByTestId('error-state').waitFor({ timeout: 20_000 });
    assert.equal(await page.getByTestId('page-case-detail').count(), 0, 'the cases console does not open it for the secretary');
    const casePage = await page.locator('body').innerText();
    assert.ok(!casePage.includes(description) && !casePage.includes(RESIDENT_NAME), 'the cases console shows the secretary nothing of it');
    await screenshot(page, 'disclosures-08-secretary-case');
  } finally {
    await secretary.close();
  }
});
