import fs from 'node:fs';
import path from 'node:path';
import { after, before } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { projectRoot } from '../../server/platform/runtime.js';
import { codeSentTo, lastOutboxId, startDemoPlatform, type Credentials } from './platform.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Whether Debian's chromium is installed (`.ci/run` installs it; CI must have it). */
export function browserAvailable(): boolean {
  if (fs.existsSync(CHROMIUM)) return true;
  if (process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run should have installed Debian's chromium`);
  return false;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export const PHONE = { width: 375, height: 812 };
export const DESKTOP = { width: 1366, height: 768 };

/** Saves a screenshot under e2e/screenshots/ (git-ignored). */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = path.join(projectRoot, 'e2e/screenshots');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

/** A browser window as the tests' users have it: the given size, Chinese, Beijing time. */
export function openContext(browser: Browser, viewport: { width: number; height: number }): Promise<BrowserContext> {
  return browser.newContext({ viewport, deviceScaleFactor: 1, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
}

type DemoPlatform = Awaited<ReturnType<typeof startDemoPlatform>>;

/**
 * The set-up every browser test file shares: the demo platform and chromium,
 * started before the file's tests and stopped after them (hooks registered
 * here, so call it at the top of the file). `skip` is the reason to skip when
 * chromium is missing.
 */
export function demoBrowserSuite() {
  const skip = !browserAvailable() && 'chromium not installed';
  let running: DemoPlatform | null = null;
  let browser: Browser | null = null;
  before(async () => {
    if (skip) return;
    running = await startDemoPlatform();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await running?.stop();
  });
  return {
    skip,
    get running(): DemoPlatform {
      if (!running) throw new Error('the demo platform is not running');
      return running;
    },
    get browser(): Browser {
      if (!browser) throw new Error('the browser is not running');
      return browser;
    },
  };
}

/**
 * A resident signs in by SMS code on the login page (`next` and elderly mode
 * from the query string) and lands on `next`, or off the login page.
 * `shots` names screenshots taken once the phone and once the code is typed.
 */
export async function signInResident(
  running: DemoPlatform,
  page: Page,
  phone: string,
  opts: { next?: string; elderly?: boolean; shots?: { phone?: string; code?: string } } = {},
): Promise<void> {
  const query = new URLSearchParams();
  if (opts.next) query.set('next', opts.next);
  if (opts.elderly) query.set('elderly', '1');
  const search = query.toString();
  await page.goto(`${running.url}/login${search ? `?${search}` : ''}`);
  await page.getByTestId('login-tab-resident').click();
  await page.getByTestId('login-form-resident').waitFor();
  await page.getByTestId('login-phone').fill(phone);
  if (opts.shots?.phone) await screenshot(page, opts.shots.phone);
  const outboxBefore = await lastOutboxId(running.app);
  await page.getByTestId('request-code').click();
  await page.getByTestId('code-sent').waitFor();
  await page.getByTestId('login-code').fill(await codeSentTo(running.app, phone, outboxBefore));
  if (opts.shots?.code) await screenshot(page, opts.shots.code);
  await page.getByTestId('verify-code').click();
  const next = opts.next;
  await page.waitForURL((url) => (next ? url.pathname === next : !url.pathname.startsWith('/login')), { timeout: 15_000 });
}

/**
 * A staff member signs in with a password and lands on `next`, or in the
 * console. `shot` names a screenshot taken with the form filled in.
 */
export async function signInStaff(running: DemoPlatform, page: Page, who: Credentials, opts: { next?: string; shot?: string } = {}): Promise<void> {
  const next = opts.next;
  await page.goto(`${running.url}/login?tab=staff${next ? `&next=${encodeURIComponent(next)}` : ''}`);
  await page.getByTestId('login-tab-staff').click();
  await page.getByTestId('login-form-staff').waitFor();
  await page.getByTestId('login-username').fill(who.login);
  await page.getByTestId('login-password').fill(who.password);
  if (opts.shot) await screenshot(page, opts.shot);
  await page.getByTestId('login-submit').click();
  if (next) await page.waitForURL((url) => url.pathname === next, { timeout: 15_000 });
  else await page.waitForURL('**/console**', { timeout: 15_000 });
}
