// The timeline's service worker, written by `timeline build`. It precaches one version
// of the site (the app, the bundle, the assets) and answers from that cache, so the site
// works offline after the first visit and a page never mixes two versions' files. A new
// deploy installs a new worker that waits until the page asks it to take over (the reader
// clicks "Reload") or every tab of the site is closed.
const VERSION = "__VERSION__";
const BASE = "__BASE__";
const CACHE = "timeline-" + VERSION;
const FILES = [
  /*__FILES__*/
];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES.map((f) => BASE + f))));
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith("timeline-") && key !== CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !url.pathname.startsWith(BASE)) return;
  if (request.mode === "navigate") {
    // Every route is the app: answer with this version's page.
    event.respondWith((async () => {
      const cache = await caches.open(CACHE);
      return (await cache.match(BASE + "index.html")) || fetch(request);
    })());
    return;
  }
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    return (await cache.match(request, { ignoreSearch: true })) || fetch(request);
  })());
});
