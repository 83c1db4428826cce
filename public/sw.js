// Guanjia service worker: keeps the app shell so the app starts with no network.
// Network first (a fresh deploy wins when online), cache as the fallback. /api/ is never
// touched: sync data lives in IndexedDB, and stale API answers would be wrong answers.
// The build's stamp: a deployment changes it (scripts/stamp_build.sh, a Trunk hook, writes
// it into dist/sw.js and index.html's <meta name="guanjia-build">), so the browser sees new
// bytes here and installs the new worker next to the running one. Each build has its own
// cache; the old one goes when the new worker takes over.
const BUILD = "dev";
const CACHE = "guanjia-shell-" + BUILD;

// What the page does not name but an installed app needs with no network: the manifest and
// every icon it lists (a launcher or the splash of an installed app asks for them offline).
// Keep in step with manifest.webmanifest (tests/tests/installed_app_starts_offline.rs checks).
const SHELL_FILES = [
  "/",
  "/index.html",
  "/manifest.webmanifest",
  "/icon.svg",
  "/icon-192.png",
  "/icon-512.png",
  "/icon-maskable-192.png",
  "/icon-maskable-512.png",
  "/apple-touch-icon.png",
  "/shortcut-new.png",
  "/shortcut-patrol.png",
  "/shortcut-day.png",
];

function sameOriginUrls(html) {
  const urls = new Set(SHELL_FILES);
  const re = /(?:href|src)\s*=\s*["']([^"']+)["']|["'](\/[^"'\s]+\.(?:js|wasm|css|svg|png|webmanifest))["']/g;
  let m;
  while ((m = re.exec(html)) !== null) {
    const raw = m[1] || m[2];
    try {
      const u = new URL(raw, self.location.origin);
      if (u.origin === self.location.origin && !u.pathname.startsWith("/api/")) {
        urls.add(u.pathname);
      }
    } catch (_) {}
  }
  return [...urls];
}

async function precache() {
  const cache = await caches.open(CACHE);
  const resp = await fetch("/", { cache: "no-cache" });
  const html = await resp.clone().text();
  await cache.put("/", resp);
  await Promise.all(
    sameOriginUrls(html)
      .filter((u) => u !== "/")
      .map((u) =>
        fetch(u, { cache: "no-cache" })
          .then((r) => (r.ok ? cache.put(u, r) : undefined))
          .catch(() => undefined)
      )
  );
}

// A new worker waits after installing (no skipWaiting of its own): the page it would take
// over may hold unsaved typing. The page tells it when nothing is being typed
// (app/src/update.rs) and reloads once it has taken control. A first install has no one to
// wait for and activates at once.
self.addEventListener("install", (event) => {
  event.waitUntil(precache());
});

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "SKIP_WAITING") self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

// A weak signal in a stairwell can leave a request hanging for a long time: after this many
// milliseconds without an answer, the cached copy is served (the network answer, if it
// comes, still refreshes the cache).
const NETWORK_PATIENCE_MS = 3000;

function fromCache(key, isNavigation) {
  return caches
    .match(key)
    .then((hit) => hit || (isNavigation ? caches.match("/index.html") : undefined));
}

function networkFirst(req, key, isNavigation) {
  const network = fetch(req).then((resp) => {
    if (resp.ok) {
      const copy = resp.clone();
      caches.open(CACHE).then((c) => c.put(key, copy));
    }
    return resp;
  });
  const fallback = () => fromCache(key, isNavigation).then((hit) => hit || Response.error());
  const patience = new Promise((resolve) => setTimeout(resolve, NETWORK_PATIENCE_MS))
    .then(() => fromCache(key, isNavigation))
    // Nothing cached: keep waiting for the network, however slow.
    .then((hit) => hit || network);
  return Promise.race([network.catch(fallback), patience.catch(fallback)]);
}

self.addEventListener("fetch", (event) => {
  const req = event.request;
  if (req.method !== "GET") return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith("/api/")) return;
  const isNavigation = req.mode === "navigate";
  // SPA routes (/requests/abc) all fall back to the cached shell.
  const key = isNavigation ? "/" : url.pathname;
  event.respondWith(networkFirst(req, key, isNavigation));
});
