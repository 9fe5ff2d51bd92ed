#!/usr/bin/env node
// `npm run bench:storefront`: the cold first load of 首页 (the H5 build served by the real
// server) in Debian's Chromium at phone size, on a throttled mobile link (CDP network
// emulation: 1.6 Mbit/s down, 750 kbit/s up, 150 ms latency) and unthrottled as a baseline.
// Prints bytes transferred (by resource type), first contentful paint and the time until
// goods cards are on screen; the median of BENCH_RUNS (3) cold loads each. A benchmark, not
// a test: run it on a quiet machine after `npm run build`.
import { launchBrowser, phoneContext, startServer } from '../e2e/support.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const THROTTLED = { offline: false, latency: 150, downloadThroughput: 200_000, uploadThroughput: 93_750 };
const TARGETS = { kb: 300, fcp: 1500, goods: 3000 };
// This script's numbers for the H5 build as it was before precompression, the skeleton in
// index.html and the split first load (1.6 Mbit/s; unthrottled: 956 KB, FCP 1532 ms, goods 1757 ms).
const BEFORE = { kb: 1071, fcp: 5072, goods: 5457 };
// A real goods card (not the loading stand-in) on the visible page.
const GOODS = '.taro_page .goods-card:not(.goods-card--skeleton)';

/** Records, inside the page, when the first goods card appears (performance.now() time). */
function watchGoods(selector) {
  const mark = () => {
    if (window.__goodsAt === undefined && document.querySelector(selector)) window.__goodsAt = performance.now();
  };
  new MutationObserver(mark).observe(document, { childList: true, subtree: true });
}

async function coldLoad(browser, url, network) {
  const context = await phoneContext(browser);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.clearBrowserCache');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (network) await cdp.send('Network.emulateNetworkConditions', network);
  const types = new Map();
  const byType = {};
  let inFlight = 0;
  let lastActivity = Date.now();
  cdp.on('Network.requestWillBeSent', (e) => { inFlight++; lastActivity = Date.now(); types.set(e.requestId, e.type ?? 'Other'); });
  cdp.on('Network.responseReceived', (e) => types.set(e.requestId, e.type ?? types.get(e.requestId)));
  const settle = (e) => { inFlight--; lastActivity = Date.now(); return types.get(e.requestId) ?? 'Other'; };
  cdp.on('Network.loadingFinished', (e) => {
    const type = settle(e);
    byType[type] = (byType[type] ?? 0) + e.encodedDataLength;
  });
  cdp.on('Network.loadingFailed', settle);
  await page.addInitScript(watchGoods, GOODS);

  await page.goto(url, { waitUntil: 'commit' });
  await page.locator(GOODS).first().waitFor({ timeout: 60_000 });
  // What 首页 pulls in after the goods show (images in view, lazy chunks) counts too.
  while (inFlight > 0 || Date.now() - lastActivity < 1000) await new Promise((r) => setTimeout(r, 100));
  const timing = await page.evaluate(() => ({
    fcp: performance.getEntriesByType('paint').find((p) => p.name === 'first-contentful-paint')?.startTime ?? NaN,
    goods: window.__goodsAt,
  }));
  await context.close();
  const bytes = Object.values(byType).reduce((a, b) => a + b, 0);
  return { bytes, byType, ...timing };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const kb = (bytes) => (bytes / 1024).toFixed(0).padStart(5);

async function series(browser, url, label, network) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await coldLoad(browser, url, network));
  const types = [...new Set(runs.flatMap((r) => Object.keys(r.byType)))].sort();
  const result = {
    label,
    bytes: median(runs.map((r) => r.bytes)),
    fcp: median(runs.map((r) => r.fcp)),
    goods: median(runs.map((r) => r.goods)),
    byType: Object.fromEntries(types.map((t) => [t, median(runs.map((r) => r.byType[t] ?? 0))])),
  };
  console.log(`${label.padEnd(12)} ${kb(result.bytes)} KB   FCP ${result.fcp.toFixed(0).padStart(5)} ms   goods ${result.goods.toFixed(0).padStart(5)} ms` +
    `   (runs: ${runs.map((r) => `${(r.bytes / 1024).toFixed(0)} KB/${r.fcp.toFixed(0)}/${r.goods.toFixed(0)} ms`).join(', ')})`);
  console.log(`${''.padEnd(12)} ${types.map((t) => `${t} ${(result.byType[t] / 1024).toFixed(0)} KB`).join(' · ')}`);
  return result;
}

const server = await startServer({ LOG_REQUESTS: '0' });
const browser = await launchBrowser();
try {
  const url = `${server.baseUrl}/`;
  await coldLoad(browser, url, null); // warm the server (first reads of the build from disk)
  console.log(`\ncold load of 首页, 390×844, median of ${RUNS} (KB = 1,024 bytes as transferred; times from navigation start)`);
  const base = await series(browser, url, 'unthrottled', null);
  const slow = await series(browser, url, '1.6 Mbit/s', THROTTLED);
  console.log(`\nthrottled ÷ unthrottled: FCP ×${(slow.fcp / base.fcp).toFixed(1)}, goods ×${(slow.goods / base.goods).toFixed(1)}`);
  const verdict = (value, target) => (value <= target ? 'ok' : 'MISSED');
  console.log(`targets on 1.6 Mbit/s: ≤ ${TARGETS.kb} KB ${verdict(slow.bytes / 1024, TARGETS.kb)}, FCP < ${TARGETS.fcp} ms ${verdict(slow.fcp, TARGETS.fcp)}, ` +
    `goods < ${TARGETS.goods} ms ${verdict(slow.goods, TARGETS.goods)}`);
  console.log(`before: ${BEFORE.kb} KB, FCP ${BEFORE.fcp} ms, goods ${BEFORE.goods} ms`);
} finally {
  await browser.close();
  await server.stop();
}
