// Screenshots of the web app against a running demo server, to check the
// layout by eye: `node web/scripts/screenshots.mjs [baseUrl] [outDir]`.
// Needs Debian's chromium (/usr/bin/chromium) and the Zhuzhou demo data
// (resident 13907331001 of 双江村, cadre sjc_shuji, admin; password Lianxin@2026).
// Along the way it checks a few behaviours: acknowledging a notice, and a
// notice published by the cadre appearing live on the resident's open page.
import { chromium, request as pwRequest } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';

const base = process.argv[2] ?? 'http://127.0.0.1:8150';
const out = process.argv[3] ?? path.resolve('.tmp/web-shots');
const RESIDENT = process.env.SHOT_RESIDENT ?? '13907331001';
const VILLAGE = process.env.SHOT_VILLAGE ?? '430212101201';
const STAFF = process.env.SHOT_STAFF ?? 'sjc_shuji';
const ADMIN = process.env.SHOT_ADMIN ?? 'admin';
const PASSWORD = process.env.SHOT_PASSWORD ?? 'Lianxin@2026';
fs.mkdirSync(out, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const errors = [];
const checks = [];

async function newPage(viewport, elderly, storageState) {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', storageState });
  await context.addInitScript((on) => localStorage.setItem('lx.elderly', on ? '1' : '0'), elderly);
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && !m.text().includes('401') && errors.push(`console: ${m.text()}`));
  return page;
}

/** `name.png`: what the screen shows; `name-full.png`: the whole page. */
async function shot(page, name, fullPage = true) {
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(out, `${name}.png`) });
  if (fullPage) await page.screenshot({ path: path.join(out, `${name}-full.png`), fullPage: true });
  console.log('saved', name);
}

async function residentSignIn(page) {
  await page.goto(`${base}/login`);
  await page.getByTestId('login-phone').fill(RESIDENT);
  await page.getByTestId('request-code').click();
  await page.getByTestId('code-sent').waitFor();
  const outbox = await (await page.request.get(`${base}/api/dev/outbox`)).json();
  const masked = `${RESIDENT.slice(0, 3)}****${RESIDENT.slice(7)}`;
  const message = outbox.items.find((m) => m.phone === masked || m.phone === RESIDENT);
  const code = /\d{6}/.exec(message.body)[0];
  await page.getByTestId('login-code').fill(code);
  await page.getByTestId('verify-code').click();
  await page.waitForURL(`${base}/`);
}

async function staffSignIn(page, login) {
  await page.goto(`${base}/login?tab=staff`);
  await page.getByTestId('login-username').fill(login);
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL(/\/console/);
}

/** A cadre's API session, to publish while the resident watches. */
async function cadreApi() {
  const api = await pwRequest.newContext({ baseURL: base });
  const r = await api.post('/api/auth/password', { data: { login: STAFF, password: PASSWORD } });
  const { csrfToken } = await r.json();
  return { api, csrfToken };
}

// One SMS sign-in per run (codes are rate-limited per phone); the elderly pass reuses its cookie.
let residentState;
for (const elderly of [false, true]) {
  const mode = elderly ? 'elderly' : 'normal';
  const login = await newPage({ width: 375, height: 812 }, elderly);
  await login.goto(`${base}/login`);
  await login.getByTestId('login-tab-resident').waitFor();
  await shot(login, `${mode}-375-login`);
  if (!residentState) {
    await residentSignIn(login);
    residentState = await login.context().storageState();
  }
  await login.context().close();

  const phone = await newPage({ width: 375, height: 812 }, elderly, residentState);
  await phone.goto(`${base}/`);
  await phone.getByTestId('feed-link').first().waitFor({ timeout: 10000 }).catch(() => undefined);
  await shot(phone, `${mode}-375-home`);
  if (!elderly) {
    // The language switcher: 繁體中文, remembered across a reload.
    await phone.getByTestId('lang-zh-TW').click();
    await phone.reload();
    await phone.getByText('我的家庭戶').waitFor();
    checks.push('language: 繁體中文 chosen and remembered after a reload');
    await shot(phone, `${mode}-375-home-zh-TW`, false);
    await phone.getByTestId('lang-zh-CN').click();
    await phone.getByText('我的家庭户').waitFor();
  }
  await phone.locator(`[data-testid="feed-link"][data-region="${VILLAGE}"]`).click();
  await phone.locator('[data-testid="post-item"], [data-testid="empty-state"], [data-testid="error-state"]').first().waitFor();
  await phone.waitForTimeout(800);
  await shot(phone, `${mode}-375-feed`);
  // A question's thread of replies.
  const question = phone.locator('[data-testid="post-item"][data-kind="question"]').first();
  if (await question.count()) {
    await question.getByTestId('thread-toggle').click();
    await question.getByTestId('thread').waitFor();
    await question.getByTestId('reply-item').first().waitFor({ timeout: 5000 }).catch(() => undefined);
    await question.scrollIntoViewIfNeeded();
    await shot(phone, `${mode}-375-thread`, false);
  }
  if (!elderly) {
    const ack = phone.getByTestId('ack-button').first();
    if (await ack.count()) {
      await ack.click();
      await phone.getByTestId('ack-done').first().waitFor();
      checks.push('ack: 「我已阅读」 became 「已确认阅读」');
    }
    // Live: the cadre publishes; the open page shows it without a reload.
    await phone.getByTestId('live-status').and(phone.locator('[data-state="open"]')).waitFor({ timeout: 10000 });
    const { api, csrfToken } = await cadreApi();
    const title = `实时测试 ${Date.now() % 100000}`;
    const r = await api.post(`/api/feeds/${VILLAGE}/posts`, { data: { kind: 'notice', title, body: '这条通知由截图脚本发布。', requiresAck: true }, headers: { 'x-csrf-token': csrfToken } });
    if (r.status() !== 201) throw new Error(`posting failed: ${r.status()} ${await r.text()}`);
    await phone.getByText(title).waitFor({ timeout: 10000 });
    checks.push('live: a new notice appeared without a reload');
    await api.dispose();
    await shot(phone, `${mode}-375-feed-live`, false);
  }
  await phone.context().close();

  const desk = await newPage({ width: 1366, height: 768 }, elderly);
  if (!elderly) {
    // Keyboard: the focus ring is visible on the sign-in page.
    await desk.goto(`${base}/login?tab=staff`);
    await desk.getByTestId('login-username').waitFor();
    for (let i = 0; i < 5; i++) await desk.keyboard.press('Tab');
    await shot(desk, `${mode}-1366-login-keyboard-focus`, false);
  }
  await staffSignIn(desk, STAFF);
  await desk.goto(`${base}/console/feeds/${VILLAGE}`);
  await desk.getByTestId('post-item').first().waitFor({ timeout: 10000 }).catch(() => undefined);
  await shot(desk, `${mode}-1366-console-feeds`);
  const acks = desk.getByTestId('ack-list-open').first();
  if (await acks.count()) {
    await acks.click();
    await desk.getByTestId('ack-totals').waitFor();
    await shot(desk, `${mode}-1366-console-acks`, false);
    await desk.keyboard.press('Escape');
  }
  if (!elderly) {
    await desk.getByTestId('lang-en').click();
    await desk.getByText('Unit feeds').first().waitFor();
    await shot(desk, `${mode}-1366-console-feeds-en`, false);
    await desk.getByTestId('lang-zh-CN').click();
  }
  for (const section of ['regions', 'people', 'households', 'duty']) {
    await desk.goto(`${base}/console/${section}`);
    await desk.getByTestId(`page-${section}`).waitFor();
    await desk.locator('[data-testid="loading"], .ant-spin-spinning').first().waitFor({ state: 'detached', timeout: 10000 }).catch(() => undefined);
    await desk.waitForTimeout(600);
    await shot(desk, `${mode}-1366-console-${section}`);
  }
  await desk.context().close();
}

const admin = await newPage({ width: 1366, height: 768 }, false);
await staffSignIn(admin, ADMIN);
await admin.goto(`${base}/console/audit`);
await admin.getByTestId('page-audit').waitFor();
await admin.locator('.ant-spin-spinning').first().waitFor({ state: 'detached', timeout: 10000 }).catch(() => undefined);
await admin.waitForTimeout(600);
await shot(admin, 'normal-1366-console-audit');
await admin.context().close();

await browser.close();
console.log(checks.map((c) => `ok  ${c}`).join('\n'));
if (errors.length) console.log('browser errors:\n' + [...new Set(errors)].join('\n'));
