// Lighthouse (mobile) performance of the login page (signed out, cold cache) and of the
// request list (signed in as butler1), against a running server: node pages.mjs URL RUNS [all].
// With `all`, the four categories (performance, accessibility, best practices, SEO), each
// with the audits that cost it points. Run through scripts/lighthouse.sh, which installs the
// tools and starts the server.
import puppeteer from 'puppeteer-core';
import lighthouse from 'lighthouse';
import { rmSync } from 'node:fs';

const [url = 'http://127.0.0.1:18091', runs = '3', which = 'performance'] = process.argv.slice(2);
const categories = which === 'all'
  ? ['performance', 'accessibility', 'best-practices', 'seo']
  : ['performance'];
const args = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];
const profile = `/tmp/guanjia-lighthouse-profile-${new URL(url).port}`;

async function measure(browser, target, keepStorage) {
  const port = new URL(browser.wsEndpoint()).port;
  const r = await lighthouse(target, { port, output: 'json', onlyCategories: categories,
    formFactor: 'mobile', disableStorageReset: keepStorage });
  if (r.lhr.runtimeError) return `failed: ${r.lhr.runtimeError.code} ${r.lhr.runtimeError.message}`;
  const a = r.lhr.audits;
  const v = (id) => a[id].displayValue;
  const perf = `${Math.round(r.lhr.categories.performance.score * 100)} (FCP ${v('first-contentful-paint')}, `
    + `LCP ${v('largest-contentful-paint')}, TBT ${v('total-blocking-time')}, `
    + `CLS ${v('cumulative-layout-shift')}, SI ${v('speed-index')}, TTI ${v('interactive')})`;
  if (categories.length === 1) return perf;
  // Each other category's score, and the weighted audits that did not pass (what to fix).
  const lcp = a['largest-contentful-paint-element']?.details?.items?.[0]?.items?.[0]?.node;
  // The longest main-thread tasks (what Total Blocking Time counts), with the script behind each.
  const tasks = (a['long-tasks']?.details?.items ?? []).slice(0, 3)
    .map((t) => `${Math.round(t.duration)} ms ${t.url.replace(url, '')}`).join(', ');
  const lines = [`\n  performance ${perf}${lcp ? `\n    LCP element: ${lcp.snippet}` : ''}`
    + (tasks ? `\n    longest tasks: ${tasks}` : '')];
  for (const id of categories.slice(1)) {
    const cat = r.lhr.categories[id];
    const failing = cat.auditRefs
      .filter((ref) => ref.weight > 0 && a[ref.id].score !== null && a[ref.id].score < 1)
      .map((ref) => `${ref.id} (${a[ref.id].score})`);
    lines.push(`  ${id} ${Math.round(cat.score * 100)}${failing.length ? ' failing: ' + failing.join(', ') : ''}`);
  }
  return lines.join('\n');
}

for (let i = 0; i < Number(runs); i++) {
  rmSync(profile, { recursive: true, force: true });
  let browser = await puppeteer.launch({ executablePath: '/usr/bin/chromium', headless: 'new', userDataDir: profile, args });
  console.log('login, signed out:', await measure(browser, url + '/login', false));
  const page = await browser.newPage();
  await page.goto(url + '/login', { waitUntil: 'load' });
  await page.waitForSelector('#login-username');
  await page.type('#login-username', 'butler1');
  await page.type('#login-password', 'guanjia123');
  await page.click('#login-submit');
  await page.waitForSelector('#sync-badge[data-last-sync]:not([data-last-sync=""])', { timeout: 30000 });
  await page.close();
  console.log('request list, signed in:', await measure(browser, url + '/', true));
  await browser.close();
}
