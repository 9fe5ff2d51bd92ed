// Starts the built server on a fresh SQLite file with the demo shop, and a phone-sized
// Chromium page (playwright-core driving Debian's /usr/bin/chromium).
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ensurePackages } from '../lib/apt.mjs';
import { startServerProcess } from '../lib/server-process.mjs';
import { existsSync } from 'node:fs';

export const root = new URL('../..', import.meta.url).pathname;
export const artifacts = join(root, 'artifacts');

export async function startServer(env = {}) {
  const name = `jifen-e2e-${randomBytes(4).toString('hex')}`;
  const dbFile = join(tmpdir(), `${name}.sqlite`);
  mkdirSync(artifacts, { recursive: true });
  const baseEnv = {
    NODE_ENV: 'test',
    DATABASE_URL: `sqlite:${dbFile}`,
    JWT_SECRET: randomBytes(32).toString('hex'),
    SEED_DEMO: '1',
    LOG_REQUESTS: '1',
    ...env,
  };
  let server = await startServerProcess({ logFile: join(artifacts, `${name}.server.log`), env: baseEnv });
  let starts = 1;
  return {
    baseUrl: server.baseUrl,
    /**
     * Stops the server and starts it again on the same port, database and JWT secret (pages keep
     * their origin and sessions) with `extra` added, e.g. CLOCK_OFFSET_DAYS to move time on.
     */
    async restart(extra = {}) {
      await server.stop();
      const port = new URL(server.baseUrl).port;
      server = await startServerProcess({ logFile: join(artifacts, `${name}.server.${++starts}.log`), env: { ...baseEnv, SEED_DEMO: '0', PORT: port, ...extra } });
    },
    async stop() {
      await server.stop();
      for (const suffix of ['', '-wal', '-shm']) rmSync(dbFile + suffix, { force: true });
    },
  };
}

export async function launchBrowser() {
  ensurePackages(['chromium', 'fonts-noto-cjk'], {
    check: () => existsSync('/usr/bin/chromium') && existsSync('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'),
  });
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-quic'],
  });
}

/** A new phone-sized context (390×844, like an iPhone 14) with its own storage. */
/**
 * A suite's real server (started with `env`) and Chromium: up before its first test, stopped
 * after its last. Their handles are `suite.server` and `suite.browser` once up.
 */
export function serverAndBrowser(env = {}) {
  const suite = { server: undefined, browser: undefined };
  beforeAll(async () => {
    suite.server = await startServer(env);
    suite.browser = await launchBrowser();
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.stop();
  });
  return suite;
}

export function phoneContext(browser) {
  return browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
}

export async function screenshot(page, name) {
  mkdirSync(artifacts, { recursive: true });
  await page.waitForTimeout(700); // let Taro's page slide-in and toasts settle
  await page.screenshot({ path: join(artifacts, `${name}.png`) });
}

// Taro's H5 router keeps visited pages in the DOM, hidden, and each tab page draws its own tab
// bar: look only at what is on screen.
export const visible = (page, selector) => page.locator(`.taro_page:visible ${selector}`);
export const tab = (page, key) => page.locator(`.tab-bar:visible .tab-bar__item--${key}`);
export const tabTexts = (page) => page.locator('.tab-bar:visible .tab-bar__text').allInnerTexts();

/** Taro's H5 modal: press its confirm button. */
export async function confirmModal(page) {
  const button = page.locator('.taro-modal__foot .taro-model__confirm, .taro-modal__foot .taro-modal__btn--confirm').first();
  await button.waitFor();
  await button.click();
}

/** Picks a repo file in the file chooser the trigger opens (the H5 build's image upload). */
export async function upload(page, trigger, file) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), trigger.click()]);
  await chooser.setFiles(join(root, file));
}

/** The development sign-in on 我的, as a person would do it. */
export async function devSignIn(page, nickname) {
  await tab(page, 'me').click();
  const input = visible(page, 'input.sign-in__input');
  await input.waitFor();
  await input.fill(nickname);
  await visible(page, '.sign-in__submit').click();
  await visible(page, '.me-nickname').filter({ hasText: nickname }).waitFor();
}
