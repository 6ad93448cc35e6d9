/**
 * Emergency errands end to end, at phone size, against the whole platform with
 * the November 2022 demo (庆云街道): a resident of 金碧花园 (elderly mode)
 * posts a medicine need; the volunteer 刘翊 claims it together with two other
 * waiting needs, picks the pharmacy, sees the ordered route (life-critical
 * first, a pharmacy before its deliveries, distances per leg and in total),
 * buys, reaches the gate and hands over with a photo from the phone camera;
 * the resident sees the photo and confirms receipt. Every step is checked in
 * PostgreSQL too.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { demoBrowserSuite, openContext, screenshot, signInResident, signInStaff, PHONE } from './support/browser.js';

const suite = demoBrowserSuite();
const { skip } = suite;

const RESIDENT_PHONE = '13907335003'; // 黄德胜, 金碧花园8栋203室 (demo)
const VOLUNTEER = { login: 'qy_zhiyuan1', password: 'Lianxin@2026' }; // 刘翊, serves every grid of 庆云街道
const PHARMACY = '建设路老百姓大药房';
const MEDICINE = { name: '硝苯地平控释片', strength: '30mg' };

async function needRow(id: string) {
  return suite.running.app.db.selectFrom('emergency_needs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** Picks an option of the antd Select inside `scope` by its visible text. */
async function pickOption(page: Page, selectTestId: string, text: string): Promise<void> {
  await page.getByTestId(selectTestId).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first().click();
}

test('a resident posts a medicine need; a volunteer claims it with two others, follows the route, hands over with a photo; the resident confirms', { skip, timeout: 240_000 }, async () => {
  const base = suite.running.url;
  const resident = await openContext(suite.browser, PHONE);
  const volunteer = await openContext(suite.browser, PHONE);
  try {
    // ---- the resident (elderly mode) posts a need ----
    const rp = await resident.newPage();
    await signInResident(suite.running, rp, RESIDENT_PHONE, { next: '/emergency', elderly: true });
    assert.ok(await rp.locator('html').evaluate((el) => el.classList.contains('lx-elderly')), 'elderly mode is on');
    const incidentCard = rp.getByTestId('incident-card').first();
    await incidentCard.waitFor({ timeout: 15_000 });
    const incidentId = (await incidentCard.getAttribute('data-incident-id'))!;
    await rp.getByTestId('risk-history-item').first().waitFor();
    assert.match(await rp.getByTestId('risk-history').innerText(), /5个.*降为低风险区/, 'the 15 November lowering is in the public history');
    await screenshot(rp, 'emergency-01-resident-home');

    await incidentCard.getByTestId('post-need-link').click();
    await rp.getByTestId('need-form').waitFor();
    // The flat comes from the verified household.
    await rp.waitForFunction(() => (document.querySelector('[data-testid="need-building"]') as HTMLInputElement | null)?.value.includes('8栋'));
    await rp.getByTestId('item-name').fill(MEDICINE.name);
    await rp.getByTestId('item-unit').fill('盒');
    await rp.getByTestId('need-compound').fill('金碧花园');
    await rp.getByTestId('need-phone').fill(RESIDENT_PHONE);
    // A medicine without its strength is refused before anything is sent.
    await rp.getByTestId('need-submit').click();
    await rp.getByText('药品请填写规格').waitFor();
    await rp.getByTestId('item-strength').fill(MEDICINE.strength);
    await screenshot(rp, 'emergency-02-need-form');
    await rp.getByTestId('need-submit').click();
    await rp.getByTestId('need-posted').waitFor({ timeout: 15_000 });
    const needId = new URL(rp.url()).pathname.split('/').pop()!;
    await rp.locator('[data-testid="need-page"][data-status="open"]').waitFor({ timeout: 15_000 });
    // Elderly mode: the items read at 20 px or more on the phone.
    const itemsPx = await rp.getByTestId('need-items').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    assert.ok(itemsPx >= 20, `items at ${itemsPx}px in elderly mode`);
    const posted = await needRow(needId);
    assert.equal(posted.status, 'open');
    assert.equal(posted.compound, '金碧花园');
    assert.ok(posted.grid_id, 'the need went to the household’s grid');
    await screenshot(rp, 'emergency-03-need-posted');

    // ---- the volunteer claims it and two others ----
    const vp = await volunteer.newPage();
    await signInStaff(suite.running, vp, VOLUNTEER, { next: `/emergency/i/${incidentId}/errands` });
    const mine = vp.locator(`[data-testid="need-card"][data-need-id="${needId}"]`);
    await mine.waitFor({ timeout: 15_000 });
    assert.match(await mine.getByTestId('need-phone').innerText(), /\*{4}/, 'the phone is hidden until claimed');
    // Life-critical first in the waiting list.
    const urgencies = await vp.getByTestId('need-card').evaluateAll((cards) => cards.map((c) => c.className.includes('life_critical')));
    assert.equal(urgencies.indexOf(false) === -1 ? urgencies.length : urgencies.indexOf(false), urgencies.filter(Boolean).length, 'life-critical needs lead the list');
    await screenshot(vp, 'emergency-04-waiting');

    const others = (await vp.getByTestId('need-card').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-need-id')!))).filter((id) => id !== needId).slice(0, 2);
    assert.equal(others.length, 2, 'two more needs wait in 刘翊’s grids');
    for (const id of [needId, ...others]) {
      const card = vp.locator(`[data-testid="need-card"][data-need-id="${id}"]`);
      await card.getByTestId('need-claim').click();
      await card.waitFor({ state: 'detached' });
    }
    const volunteerId = (await suite.running.app.db.selectFrom('users').select('id').where('username', '=', VOLUNTEER.login).executeTakeFirstOrThrow()).id;
    for (const id of [needId, ...others]) {
      const row = await needRow(id);
      assert.equal(row.status, 'claimed');
      assert.equal(row.claimed_by, volunteerId);
    }

    // Before a pharmacy is chosen, the three cannot be placed on the route.
    await vp.getByTestId('errands-tab-route').click();
    await vp.getByTestId('route-unplanned').waitFor({ timeout: 15_000 });

    // The pharmacy for each, chosen on the errand's page; the phone is now in full.
    for (const id of [needId, ...others]) {
      await vp.goto(`${base}/emergency/need/${id}`);
      await vp.getByTestId('shop-picker').waitFor({ timeout: 15_000 });
      await pickOption(vp, 'shop-select', PHARMACY);
      await vp.getByTestId('shop-save').click();
      await vp.getByTestId('need-shop').waitFor();
    }
    assert.equal(await vp.getByTestId('need-phone').first().innerText().then((s) => /\*/.test(s)), false, 'the runner sees the full phone number');
    assert.equal((await needRow(needId)).shop_name, PHARMACY);

    // ---- the ordered route ----
    await vp.goto(`${base}/emergency/i/${incidentId}/errands?tab=route`);
    await vp.getByTestId('route-stop').first().waitFor({ timeout: 15_000 });
    assert.equal(await vp.getByTestId('route-unplanned').count(), 0, 'every errand is on the route');
    const stops = await vp.getByTestId('route-stop').evaluateAll((els) =>
      els.map((el) => ({ kind: el.getAttribute('data-kind')!, tier: Number(el.getAttribute('data-tier')), needs: el.getAttribute('data-need-ids')!.split(',') })),
    );
    const deliveries = stops.filter((s) => s.kind === 'delivery');
    assert.ok(deliveries.length >= 3, 'the three claimed errands are delivered on the route');
    for (let i = 1; i < deliveries.length; i++) assert.ok(deliveries[i]!.tier >= deliveries[i - 1]!.tier, 'life-critical deliveries come first');
    assert.equal(deliveries[0]!.tier, 0, 'the route opens with a life-critical delivery');
    const shopAt = stops.findIndex((s) => s.kind === 'shop' && s.needs.includes(needId));
    const deliveryAt = stops.findIndex((s) => s.kind === 'delivery' && s.needs.includes(needId));
    assert.ok(shopAt >= 0 && shopAt < deliveryAt, 'the pharmacy comes before the new need’s delivery');
    assert.match(await vp.getByTestId('route-total').innerText(), /全程约 [\d.]+ ?(米|公里)/);
    assert.ok(Number(await vp.getByTestId('route-total').getAttribute('data-meters')) > 0);
    assert.match(await vp.getByTestId('route-leg').first().innerText(), /这一段/);
    await screenshot(vp, 'emergency-05-route');

    // ---- bought → at the gate → hand-over with a photo ----
    await vp.goto(`${base}/emergency/need/${needId}`);
    await vp.getByTestId('action-buy').click();
    await vp.locator('[data-testid="need-page"][data-status="bought"]').waitFor();
    await vp.getByTestId('action-reach_gate').click();
    await vp.locator('[data-testid="need-page"][data-status="at_gate"]').waitFor();
    assert.equal(await vp.getByTestId('handover-file').getAttribute('capture'), 'environment');
    assert.equal(await vp.getByTestId('handover-file').getAttribute('accept'), 'image/*');
    const photo = await vp.screenshot({ type: 'png', clip: { x: 0, y: 0, width: 200, height: 200 } });
    await vp.getByTestId('handover-file').setInputFiles({ name: 'gate.png', mimeType: 'image/png', buffer: photo });
    await vp.getByTestId('handover-preview').waitFor();
    await vp.getByTestId('handover-send').click();
    await vp.locator('[data-testid="need-page"][data-status="handed_over"]').waitFor({ timeout: 15_000 });
    await vp.getByTestId('handover-photo').waitFor();
    await screenshot(vp, 'emergency-06-handed-over');
    const stored = await suite.running.app.db
      .selectFrom('emergency_errand_events')
      .select(['photo_id'])
      .where('need_id', '=', needId)
      .where('action', '=', 'hand_over')
      .executeTakeFirstOrThrow();
    assert.ok(stored.photo_id, 'the hand-over carries the photo');

    // ---- the resident sees the photo and confirms ----
    await rp.goto(`${base}/emergency/need/${needId}`);
    await rp.locator('[data-testid="need-page"][data-status="handed_over"]').waitFor({ timeout: 15_000 });
    const img = rp.getByTestId('handover-photo');
    await img.waitFor();
    assert.ok(await img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0), 'the photo loads for the resident');
    assert.match(await rp.getByTestId('need-runner').innerText(), /刘翊/);
    await rp.getByTestId('action-confirm').click();
    await rp.locator('[data-testid="need-page"][data-status="confirmed"]').waitFor();
    assert.equal(await rp.getByTestId('action-confirm').count(), 0);
    const done = await needRow(needId);
    assert.equal(done.status, 'confirmed');
    await screenshot(rp, 'emergency-07-confirmed');
  } finally {
    await resident.close();
    await volunteer.close();
  }
});
