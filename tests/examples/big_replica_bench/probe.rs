//! The scripts the benchmark runs in the page: a probe installed before the app starts, and
//! one script per measured action, each returning what it timed.

/// Installed before any of the app's scripts on every page load: records when the request
/// list first shows rows, when the app's shell (the sync badge) appears, when the badge first
/// says the whole replica is in memory (`data-whole`: a cold start reads the register's
/// people, visits and answers after showing its first page), the progress bar's
/// counts, when the badge first says synced with no snapshot loading, and every long task
/// (`longtask`, buffered), and `calib`: the ms a fixed loop takes as the page's first script
/// (the fastest of five, so a moment of the machine's own load does not count), which shows
/// whether a CPU throttle is in force from the start (about 4× the unthrottled figure under a
/// 4× throttle). Times are `performance.now()` of the page; `t0` is reset at login.
pub const PROBE_JS: &str = r#"(() => {
  if (window.__bench) return;
  const B = window.__bench = { t0: 0, started: null, rows: null, shell: null, synced: null,
    loading: null, whole: null,
    updates: 0, received: 0, total: 0, tasks: [], longtask: false };
  let x = 0;
  B.calib = Infinity;
  for (let r = 0; r < 5; r++) {
    const c0 = performance.now();
    for (let i = 0; i < 100000; i++) x = (x * 31 + i) | 0;
    B.calib = Math.min(B.calib, performance.now() - c0);
  }
  B.sink = x;
  try {
    new PerformanceObserver(list => {
      for (const e of list.getEntries()) B.tasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
    B.longtask = PerformanceObserver.supportedEntryTypes.includes('longtask');
  } catch (e) {}
  addEventListener('TrunkApplicationStarted', e => {
    B.started = performance.now();
    B.wasm = e.detail && e.detail.wasm;
  });
  B.check = () => {
    const now = performance.now();
    if (B.rows === null && document.querySelector('[data-testid="request-row"]')) B.rows = now;
    const badge = document.getElementById('sync-badge');
    if (!badge) return;
    if (B.shell === null) B.shell = now;
    if (B.whole === null && badge.getAttribute('data-whole') === 'true') B.whole = now;
    const l = document.getElementById('sync-loading');
    if (l) {
      if (B.loading === null) B.loading = now;
      const r = Number(l.getAttribute('data-received')), t = Number(l.getAttribute('data-total'));
      if (r !== B.received || t !== B.total) { B.updates += 1; B.received = r; B.total = t; }
    } else if (B.synced === null && badge.getAttribute('data-online') === 'true'
        && badge.getAttribute('data-pending') === '0' && badge.getAttribute('data-last-sync')) {
      B.synced = now;
    }
  };
  new MutationObserver(B.check).observe(document, { childList: true, subtree: true,
    attributes: true, attributeFilter: ['data-online', 'data-pending', 'data-last-sync',
      'data-received', 'data-total', 'data-whole'] });
})();"#;

/// Starts the clock and presses the login button (the fields are filled).
pub const LOGIN_JS: &str = "const B = window.__bench;
B.check();
Object.assign(B, { t0: performance.now(), rows: null, synced: null, loading: null, whole: null, updates: 0,
  received: 0, total: 0 });
document.querySelector('#login-submit').click();
return B.t0;";

/// The probe's figures, in ms since `t0` (login, or the page load), with `fetched` when the
/// app's WebAssembly had arrived (the rest of `started` is compiling and starting it); long tasks are counted
/// from `t0` until `arguments[0]` (`'synced'` or `'rows'`) or until now.
pub const STATE_JS: &str = "const B = window.__bench;
if (!B) return null;
B.check();
const since = t => t === null ? null : t - B.t0;
const end = B[arguments[0]] === null ? Infinity : B[arguments[0]];
let longest = 0, over200 = 0, blocking = 0;
for (const [start, d] of B.tasks) {
  if (start + d < B.t0 || start > end) continue;
  longest = Math.max(longest, d); if (d > 200) over200 += 1; blocking += d - 50;
}
const m = performance.memory;
return { started: since(B.started), rows: since(B.rows), shell: since(B.shell),
  synced: since(B.synced), whole: since(B.whole),
  loading: since(B.loading), updates: B.updates, received: B.received, total: B.total,
  longtask: B.longtask, longest, over200, blocking, calib: B.calib,
  heap: m ? m.usedJSHeapSize : null,
  wasm: B.wasm && B.wasm.memory ? B.wasm.memory.buffer.byteLength : null,
  fetched: (() => {
    const e = performance.getEntriesByType('resource').find(e => e.name.endsWith('.wasm'));
    return e ? since(e.responseEnd) : null;
  })() };";

/// Sets `arguments[0]` to `arguments[1]` as a user would (event `arguments[2]`) and returns
/// the ms until the list inside `arguments[3]` has settled — the end of the task that handled
/// the event, or the last change of the list after it (a debounce or a frame later), 250 ms of
/// quiet ending the wait — the rows (`arguments[5]`) then rendered, the matches the list
/// counts (`data-total` of `arguments[4]`, 0 when it is absent, -1 if it does not say), and
/// whether it changed at all. The request list is `section.requests`, `table.request-table`,
/// its rows `[data-testid="request-row"]`; the register's, `div.register-search`,
/// `#register-results`, `[data-testid="unit-hit"]`.
pub const INPUT_JS: &str = "const [selector, value, kind, within, counter, row] = arguments;
const el = document.querySelector(selector);
const list = document.querySelector(within) || document.body;
let last = null;
const mo = new MutationObserver(() => { last = performance.now(); });
mo.observe(list, { childList: true, subtree: true, attributes: true, characterData: true });
const task = () => new Promise(r => {
  const c = new MessageChannel(); c.port1.onmessage = () => r(); c.port2.postMessage(0);
});
const sleep = ms => new Promise(r => setTimeout(r, ms));
const t0 = performance.now();
el.value = value;
el.dispatchEvent(new Event(kind, { bubbles: true }));
await task();
let end = performance.now();
for (let quiet = 0; quiet < 250 && performance.now() - t0 < 5000;) {
  const seen = last;
  await sleep(50);
  quiet = last === seen ? quiet + 50 : 0;
}
mo.disconnect();
if (last !== null && last > end) end = last;
const table = document.querySelector(counter);
const total = !table ? 0 : table.hasAttribute('data-total') ? Number(table.getAttribute('data-total')) : -1;
return [end - t0, document.querySelectorAll(row).length, total, last !== null];";

/// The request list's search box and what [`INPUT_JS`] watches of it.
pub const REQUEST_SEARCH: [&str; 4] =
    ["#req-search", "section.requests", "table.request-table", "[data-testid=\"request-row\"]"];
/// The register's search box (butlers) and what [`INPUT_JS`] watches of it.
pub const REGISTER_SEARCH: [&str; 4] =
    ["#register-search", "div.register-search", "#register-results", "[data-testid=\"unit-hit\"]"];

/// Clicks the header's link `arguments[0]` (an SPA navigation) and resolves with the path
/// once the router has moved there, or after 5 s; the harness then reloads that path.
pub const NAV_JS: &str = "const [link, path] = arguments;
document.querySelector(link).click();
const t0 = performance.now();
while (location.pathname !== path && performance.now() - t0 < 5000) {
  await new Promise(r => setTimeout(r, 20));
}
return location.pathname;";

/// Resolves once the page has been idle for 500 ms (no long task started, two frames
/// painted), so a measurement does not wait for work the previous step left running.
pub const IDLE_JS: &str = "const B = window.__bench;
const busy = () => B && B.tasks.length ? B.tasks[B.tasks.length - 1] : [0, 0];
const t0 = performance.now();
for (;;) {
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  const [start, d] = busy();
  if (performance.now() - (start + d) > 500 || performance.now() - t0 > 30000) break;
  await new Promise(r => setTimeout(r, 100));
}
return performance.now() - t0;";

/// The ms the probe's fixed loop of 100,000 steps takes now, as the average over one run of
/// a hundred times as many steps: the CPU throttle in force before a search and at the end
/// of a run, to compare with the probe's `calib`. Chromium throttles by pausing the page's
/// thread for part of each time slice, so a loop shorter than a slice, taken at its fastest,
/// can run between pauses and read as unthrottled while the page is throttled (an earlier
/// fastest-of-ten check of 0.5 ms was taken for a lost throttle while the keystrokes beside
/// it were five times slower than unthrottled).
pub const CALIB_JS: &str = "let x = 0;
const c0 = performance.now();
for (let i = 0; i < 10000000; i++) x = (x * 31 + i) | 0;
window.__benchSink = x;
return (performance.now() - c0) / 100;";

/// Clicks request row number `arguments[0]` (clamped to the rows rendered) and returns the
/// ms until the detail page shows that request's description (-1 after 20 s), and its id.
pub const OPEN_JS: &str = "const rows = document.querySelectorAll('[data-testid=\"request-row\"]');
if (!rows.length) return null;
const row = rows[Math.min(arguments[0], rows.length - 1)];
const id = row.getAttribute('data-id');
const shown = () => {
  const d = document.getElementById('req-detail');
  const t = document.getElementById('detail-description');
  return !!d && d.getAttribute('data-id') === id && !!t && (t.textContent || '').trim() !== '';
};
const t0 = performance.now();
const ms = await new Promise(resolve => {
  const timer = setTimeout(() => { mo.disconnect(); resolve(-1); }, 20000);
  const done = () => { mo.disconnect(); clearTimeout(timer); resolve(performance.now() - t0); };
  const mo = new MutationObserver(() => { if (shown()) done(); });
  mo.observe(document.body, { childList: true, subtree: true, attributes: true, characterData: true });
  row.click();
  if (shown()) done();
});
return [ms, id];";

/// Clicks the header's link to the request list and returns the ms until it shows rows
/// (-1 after 20 s).
pub const BACK_JS: &str =
    "const rows = () => !!document.querySelector('[data-testid=\"request-row\"]');
const t0 = performance.now();
return await new Promise(resolve => {
  const timer = setTimeout(() => { mo.disconnect(); resolve(-1); }, 20000);
  const done = () => { mo.disconnect(); clearTimeout(timer); resolve(performance.now() - t0); };
  const mo = new MutationObserver(() => { if (rows()) done(); });
  mo.observe(document.body, { childList: true, subtree: true });
  document.querySelector('a#nav-requests').click();
  if (rows()) done();
});";

/// Reads the app's IndexedDB the way its start-up does (every value of `records` and
/// `segments`, `getAll` in one read-only transaction each) and parses each value with the
/// browser's `JSON.parse` (a segment of bytes decoded as UTF-8 first): how many values and MB, the ms the reads took and the ms the
/// parse took. What start-up spends beyond these is the app's own decoding and building.
pub const IDB_JS: &str = "const dbs = indexedDB.databases ? await indexedDB.databases() : [];
const name = (dbs[0] || {}).name;
if (!name) return null;
const db = await new Promise((ok, ko) => {
  const r = indexedDB.open(name); r.onsuccess = () => ok(r.result); r.onerror = () => ko(r.error);
});
const all = store => new Promise((ok, ko) => {
  if (!db.objectStoreNames.contains(store)) return ok([]);
  const r = db.transaction(store, 'readonly').objectStore(store).getAll();
  r.onsuccess = () => ok(r.result); r.onerror = () => ko(r.error);
});
const t0 = performance.now();
const values = [...await all('records'), ...await all('segments')];
const read = performance.now() - t0;
let chars = 0;
const t1 = performance.now();
const text = new TextDecoder();
for (const v of values) {
  if (typeof v === 'string') { chars += v.length; JSON.parse(v); }
  else if (v instanceof Uint8Array) { chars += v.length; JSON.parse(text.decode(v)); }
}
const parse = performance.now() - t1;
db.close();
return [values.length, chars / 1048576, read, parse];";
