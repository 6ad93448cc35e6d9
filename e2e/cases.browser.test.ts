/**
 * The case engine end to end, in a real browser at phone size against the
 * whole platform with the Zhuzhou demo data: a resident of 双江村 files a
 * request in Chinese; 双江村's cadre, on duty today, sees it arrive live in the
 * queue (highlighted, with the on-duty notice), accepts and resolves it; the
 * resident rates it 满意; the statistics dashboard counts it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import type { Page } from 'playwright-core';
import { apiAs } from './support/platform.js';
import { demoBrowserSuite, openContext, screenshot, signInResident, signInStaff, PHONE } from './support/browser.js';

const suite = demoBrowserSuite();
const { skip } = suite;

const VILLAGE = '430212101201'; // 双江村
const RESIDENT_PHONE = '13907331001'; // 谭德明, a resident of 双江村 in the demo
const CADRE = { login: 'sjc_shuji', password: 'Lianxin@2026' }; // 李卫东, 双江村村支书
const ADMIN = { login: 'admin', password: 'Lianxin@2026' };

/** A small valid PNG (a 4×4 grey square), made here so the test needs no fixture file. */
function tinyPng(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(4, 0);
  ihdr.writeUInt32BE(4, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const rows = Buffer.concat(Array.from({ length: 4 }, () => Buffer.from([0, 128, 128, 128, 128])));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

const receivedOn = async (page: Page) => Number((await page.getByTestId('fig-received').innerText()).trim());

test('a resident files a request on a phone; the on-duty cadre sees it live, accepts and resolves it; the resident rates it; the dashboard counts it', { skip, timeout: 240_000 }, async () => {
  const base = suite.running.url;
  const db = suite.running.app.db;

  // ---- set-up: 双江村's unit, its cadre on duty today, and a category that routes to the village ----
  const unit = await db.selectFrom('units').select(['id', 'name']).where('region_code', '=', VILLAGE).where('kind', '=', 'region').executeTakeFirstOrThrow();
  const admin = await apiAs(suite.running.app, ADMIN);
  const cadreApi = await apiAs(suite.running.app, CADRE);
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const roster = await admin.call('GET', `/api/duty?unitId=${unit.id}&from=${today}&to=${today}`);
  assert.equal(roster.status, 200, JSON.stringify(roster.json));
  if (!roster.json.items.some((s: { user: { id: string } }) => s.user.id === cadreApi.userId)) {
    const put = await admin.call('PUT', '/api/duty', { unitId: unit.id, date: today, userId: cadreApi.userId });
    assert.ok(put.status < 300, JSON.stringify(put.json));
  }
  const preview = await admin.call('GET', `/api/cases/routing-rules/preview?categoryCode=environment.noise&regionCode=${VILLAGE}`);
  assert.equal(preview.status, 200, JSON.stringify(preview.json));
  assert.equal(preview.json.unit?.id, unit.id, `noise in 双江村 goes to ${unit.name} (the routing preview says ${JSON.stringify(preview.json.unit)})`);

  const cadreContext = await openContext(suite.browser, PHONE);
  const residentContext = await openContext(suite.browser, PHONE);
  try {
    // ---- the cadre: the dashboard's count before, then the queue, live ----
    const cadre = await cadreContext.newPage();
    await signInStaff(suite.running, cadre, CADRE);
    await cadre.goto(`${base}/console/cases/stats`);
    await cadre.getByTestId('fig-received').waitFor({ timeout: 20_000 });
    const receivedBefore = await receivedOn(cadre);
    await screenshot(cadre, 'cases-01-dashboard-before');
    await cadre.goto(`${base}/console/cases`);
    await cadre.getByTestId('page-case-queue').waitFor();
    await cadre.locator('[data-testid="live-status"][data-state="open"]').waitFor({ timeout: 15_000 });

    // ---- the resident: sign in by SMS code, file a request in Chinese ----
    const resident = await residentContext.newPage();
    await signInResident(suite.running, resident, RESIDENT_PHONE);

    await resident.goto(`${base}/cases/new`);
    await resident.getByTestId('page-case-new').waitFor({ timeout: 15_000 });
    const description = '双江村村口夜市烧烤摊每晚噪音太大，十一点以后还在放音乐，老人小孩都睡不着，希望管一管。';
    await resident.getByTestId('case-description').fill(description);
    // The category is suggested from the words as they are typed.
    const suggestion = resident.locator('[data-testid="category-suggestion"][data-code="environment.noise"]');
    await suggestion.waitFor({ timeout: 15_000 });
    await suggestion.click();
    await resident.getByTestId('category-deadline').waitFor();
    // The place defaults to the household's village.
    assert.match(await resident.getByTestId('case-region').innerText(), /双江村/);
    await resident.getByTestId('case-title').fill('村口夜市噪音扰民');
    await resident.getByTestId('case-address').fill('双江村村口小卖部旁');
    // Photos: a real one, and a text file that is refused in plain words before anything is sent.
    await resident.getByTestId('photo-input').setInputFiles([
      { name: '夜市.png', mimeType: 'image/png', buffer: tinyPng() },
      { name: '说明.txt', mimeType: 'text/plain', buffer: Buffer.from('不是照片') },
    ]);
    await resident.locator('[data-testid="photo-item"][data-state="error"]').getByTestId('photo-error').waitFor();
    assert.match(await resident.getByTestId('photo-error').innerText(), /说明\.txt.*不是照片/);
    await screenshot(resident, 'cases-02-resident-form');
    // A double tap: one case (one Idempotency-Key per form session).
    await resident.getByTestId('case-submit').dblclick();
    const numberEl = resident.getByTestId('tracking-number');
    await numberEl.waitFor({ timeout: 15_000 });
    const trackingNumber = (await numberEl.innerText()).trim();
    assert.match(trackingNumber, /^ZZ\d{10,12}$/);
    await resident.locator('[data-testid="photo-item"][data-state="done"]').waitFor({ timeout: 15_000 });
    await screenshot(resident, 'cases-03-resident-created');
    const rows = await db.selectFrom('cases').select(['id', 'status', 'handling_unit_id']).where('title', '=', '村口夜市噪音扰民').execute();
    assert.equal(rows.length, 1, 'the double tap filed one case');
    const caseId = rows[0]!.id;
    assert.equal(rows[0]!.handling_unit_id, unit.id);
    const photos = await db.selectFrom('case_attachments').select(['content_type']).where('case_id', '=', caseId).execute();
    assert.deepEqual(photos.map((p) => p.content_type), ['image/png'], 'the photo was stored; the text file was not sent');

    // ---- the cadre sees it arrive without a reload, highlighted, with the on-duty notice ----
    const row = cadre.locator(`[data-testid="queue-row"][data-case-id="${caseId}"]`);
    await row.waitFor({ timeout: 20_000 });
    assert.equal(await row.getAttribute('data-fresh'), 'true', 'the new row is highlighted');
    await cadre.getByTestId('duty-notice').waitFor({ timeout: 10_000 });
    assert.match(await cadre.getByTestId('duty-notice').innerText(), new RegExp(trackingNumber));
    await screenshot(cadre, 'cases-04-queue-live');

    // Accept and resolve.
    await row.getByTestId('queue-open').click();
    await cadre.locator(`[data-testid="page-case-detail"][data-case-id="${caseId}"]`).waitFor();
    await cadre.getByTestId('action-accept').click();
    await cadre.locator('[data-testid="page-case-detail"][data-status="accepted"]').waitFor({ timeout: 10_000 });
    await cadre.getByTestId('action-resolve').click();
    // The server's message appears under the field: a blank result is refused by the form first.
    await cadre.getByTestId('form-resolve').getByTestId('action-submit').click();
    await cadre.locator('[data-testid="form-resolve"] .ant-form-item-explain-error').first().waitFor();
    await cadre.getByTestId('field-result').fill('已约谈夜市摊主，晚上十点后停止播放音乐，村里安排人员每晚巡查。');
    await cadre.getByTestId('form-resolve').getByTestId('action-submit').click();
    await cadre.locator('[data-testid="page-case-detail"][data-status="resolved"]').waitFor({ timeout: 10_000 });
    await screenshot(cadre, 'cases-05-cadre-resolved');

    // ---- the resident: the progress page, rate 满意 ----
    await resident.getByTestId('goto-case').click();
    await resident.locator(`[data-testid="page-case"][data-case-id="${caseId}"][data-status="resolved"]`).waitFor({ timeout: 15_000 });
    assert.match(await resident.getByTestId('case-timeline').innerText(), /已约谈夜市摊主/);
    await resident.getByTestId('action-rate').click();
    await resident.getByTestId('rating-satisfied').click();
    await resident.getByTestId('rating-comment').fill('处理得很快，谢谢！');
    await resident.getByTestId('form-rate').getByTestId('action-submit').click();
    await resident.locator('[data-testid="page-case"][data-status="closed"]').waitFor({ timeout: 10_000 });
    assert.match(await resident.getByTestId('case-rating').innerText(), /满意/);
    await screenshot(resident, 'cases-06-resident-rated');
    // Elderly mode: the same page in larger type, still complete.
    await resident.getByTestId('elderly-toggle').click();
    await resident.locator('[data-testid="elderly-toggle"][data-state="on"]').waitFor();
    const rootPx = await resident.locator('html').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    const titlePx = await resident.locator('.lx-case-title').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    assert.ok(rootPx >= 18 && titlePx >= 20, `elderly type: root ${rootPx}px, title ${titlePx}px`);
    assert.match(await resident.getByTestId('case-rating').innerText(), /满意/);
    await resident.getByTestId('case-gallery').waitFor();
    await screenshot(resident, 'cases-06b-resident-elderly');
    const stored = await db.selectFrom('cases').select(['status', 'rating']).where('id', '=', caseId).executeTakeFirstOrThrow();
    assert.deepEqual(stored, { status: 'closed', rating: 'satisfied' });

    // ---- anyone can follow it by number, without signing in; names masked ----
    const anonymousContext = await openContext(suite.browser, PHONE);
    try {
      const visitor = await anonymousContext.newPage();
      await visitor.goto(`${base}/cases/track`);
      await visitor.getByTestId('track-number').fill(trackingNumber.toLowerCase());
      await visitor.getByTestId('track-submit').click();
      const result = visitor.getByTestId('track-result');
      await result.waitFor({ timeout: 15_000 });
      const text = await result.innerText();
      assert.match(text, /村口夜市噪音扰民/);
      assert.match(text, /已评价归档/);
      assert.doesNotMatch(text, /谭德明|13907331001/, 'the requester is masked');
      await screenshot(visitor, 'cases-06c-track');
    } finally {
      await anonymousContext.close();
    }

    // ---- the dashboard counts it ----
    await cadre.goto(`${base}/console/cases/stats`);
    await cadre.getByTestId('fig-received').waitFor({ timeout: 20_000 });
    assert.equal(await receivedOn(cadre), receivedBefore + 1, 'the dashboard counts the new case');
    const satisfaction = (await cadre.getByTestId('fig-satisfaction-rate').innerText()).trim();
    assert.notEqual(satisfaction, '—', 'a rated case gives a satisfaction rate');
    await screenshot(cadre, 'cases-07-dashboard-after');
  } finally {
    await residentContext.close();
    await cadreContext.close();
  }
});
