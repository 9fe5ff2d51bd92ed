#!/usr/bin/env node
/**
 * Smoke run of the weapp build in WeChat DevTools through miniprogram-automator: opens 首页
 * and 我的 and checks the custom tab bar. DevTools exists for Windows and macOS only, so
 * without WECHAT_DEVTOOLS_CLI (the path of its `cli`) this says so and exits 0.
 *
 *   npm run build:weapp -w miniapp
 *   WECHAT_DEVTOOLS_CLI="/Applications/wechatwebdevtools.app/Contents/MacOS/cli" npm run e2e:weapp
 *
 * DevTools must have 设置 → 安全设置 → 服务端口 turned on. The API the build talks to
 * (TARO_APP_API_BASE, default http://localhost:3000) should be running for data to load;
 * the tab bar checks pass without it.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const cliPath = process.env.WECHAT_DEVTOOLS_CLI;

if (!cliPath) {
  console.log('WeChat DevTools is needed (set WECHAT_DEVTOOLS_CLI); Linux has none, so this run is skipped');
  process.exit(0);
}
if (!existsSync(join(REPO, 'miniapp/dist/weapp/app.json'))) {
  console.error('No weapp build: run `npm run build:weapp -w miniapp` first.');
  process.exit(1);
}

const { default: automator } = await import('miniprogram-automator');

/** The custom tab bar is a component of its own: read its rendered texts from its data. */
async function tabBarTexts(miniProgram) {
  const data = await miniProgram.evaluate(() => {
    const pages = getCurrentPages();
    const page = pages[pages.length - 1];
    const bar = page && typeof page.getTabBar === 'function' ? page.getTabBar() : null;
    return bar ? JSON.stringify(bar.data) : '';
  });
  return ['首页', '积分商城', '我的', '管理'].filter((text) => data.includes(`"${text}"`));
}

function check(condition, message) {
  if (!condition) throw new Error(message);
  console.log(`ok - ${message}`);
}

const miniProgram = await automator.launch({ cliPath, projectPath: REPO, trustProject: true });
let failed = false;
try {
  const home = await miniProgram.reLaunch('/pages/index/index');
  await home.waitFor(2000);
  check(home.path === 'pages/index/index', '首页 opens');
  check(Boolean(await home.$('.home__hero')), '首页 renders its header');
  const homeTabs = await tabBarTexts(miniProgram);
  check(['首页', '积分商城', '我的'].every((t) => homeTabs.includes(t)), `tab bar on 首页 shows ${homeTabs.join(' / ')}`);

  const me = await miniProgram.switchTab('/pages/me/index');
  await me.waitFor(1500);
  check(me.path === 'pages/me/index', '我的 opens');
  check(Boolean(await me.$('.me__section')), '我的 renders its services');
  const meTabs = await tabBarTexts(miniProgram);
  check(['首页', '积分商城', '我的'].every((t) => meTabs.includes(t)), `tab bar on 我的 shows ${meTabs.join(' / ')}`);
} catch (error) {
  failed = true;
  console.error(`not ok - ${error.message}`);
} finally {
  await miniProgram.close();
}
process.exit(failed ? 1 : 0);
