//! The scripts the benchmark runs in the page: a probe installed before the app starts, and
//! one script per measured action, each returning what it timed.

/// Installed before any of the app's scripts on every page load: records when the request
/// list first shows rows, when the app's shell (the sync badge) appears, the progress bar's
/// counts, when the badge first says synced with no snapshot loading, and every long task
/// (`longtask`, buffered). Times are `performance.now()` of the page; `t0` is reset at login.
pub const PROBE_JS: &str = r#"(() => {
  if (window.__bench) return;
  const B = window.__bench = { t0: 0, started: null, rows: null, shell: null, synced: null,
    loading: null,
    updates: 0, received: 0, total: 0, tasks: [], longtask: false };
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
      'data-received', 'data-total'] });
})();"#;

/// Starts the clock and presses the login button (the fields are filled).
pub const LOGIN_JS: &str = "const B = window.__bench;
B.check();
Object.assign(B, { t0: performance.now(), rows: null, synced: null, loading: null, updates: 0,
  received: 0, total: 0 });
document.querySelector('#login-submit').click();
return B.t0;";

/// The probe's figures, in ms since `t0` (login, or the page load); long tasks are counted
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
  synced: since(B.synced),
  loading: since(B.loading), updates: B.updates, received: B.received, total: B.total,
  longtask: B.longtask, longest, over200, blocking,
  heap: m ? m.usedJSHeapSize : null,
  wasm: B.wasm && B.wasm.memory ? B.wasm.memory.buffer.byteLength : null };";

/// Sets `arguments[0]` to `arguments[1]` as a user would (event `arguments[2]`) and returns
/// the ms until the request list has settled — the end of the task that handled the event,
/// or the last change of the list after it (a debounce or a frame later), 250 ms of quiet
/// ending the wait — the rows then rendered, the matches the list counts (`data-total` of
/// its table, 0 when it shows none, -1 if it does not say), and whether it changed at all.
pub const INPUT_JS: &str = "const [selector, value, kind] = arguments;
const el = document.querySelector(selector);
const list = document.querySelector('section.requests') || document.body;
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
const table = document.querySelector('table.request-table');
const total = !table ? 0 : table.hasAttribute('data-total') ? Number(table.getAttribute('data-total')) : -1;
return [end - t0, document.querySelectorAll('[data-testid=\"request-row\"]').length, total,
  last !== null];";

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
