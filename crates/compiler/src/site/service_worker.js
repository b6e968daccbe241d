// The timeline's service worker, written by `timeline build`. It precaches one version
// of the site (the app, every part of the bundle, the assets) and answers from that cache, so the site
// works offline after the first visit and a page never mixes two versions' files. A new
// deploy installs a new worker that waits until the page asks it to take over (the reader
// clicks "Reload") or every tab of the site is closed.
const VERSION = "__VERSION__";
const BASE = "__BASE__";
const FILES = [
  /*__FILES__*/
];
// The site's other files (not precached). A navigation to any of the site's files gets
// the file, not the app: only the app's routes (and unknown paths) get the app.
const OTHER_FILES = [
  /*__OTHER_FILES__*/
];
const FILE_PAGES = new Set(FILES.concat(OTHER_FILES).filter((f) => f !== "index.html" && f !== "404.html"));
// An origin may hold several sites (GitHub Pages project sites under /a/ and /b/), and
// caches belong to the origin: each cache's name carries its site's scope, and a worker
// deletes only its own site's old caches.
const PREFIX = "timeline:" + self.registration.scope + ":";
const CACHE = PREFIX + VERSION;

// The bundle's parts are named by their content's hash: a part that an older version of
// this site cached already is copied from there, so an update downloads only what changed.
const PART = /^bundle\/[a-z]+\.[0-9a-f]{16}\.bin$/;

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    const older = [];
    for (const key of await caches.keys()) {
      if (key.startsWith(PREFIX) && key !== CACHE) older.push(await caches.open(key));
    }
    const fetched = [];
    for (const file of FILES) {
      if (PART.test(file)) {
        let copy = null;
        for (const old of older) {
          copy = await old.match(BASE + file);
          if (copy) break;
        }
        if (copy) {
          await cache.put(BASE + file, copy);
          continue;
        }
      }
      fetched.push(BASE + file);
    }
    await cache.addAll(fetched);
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      const own = key.startsWith(PREFIX) && /^[0-9a-f]{16}$/.test(key.slice(PREFIX.length));
      if (own && key !== CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
});

/** The path of `url` below the site's base, decoded; null when it is not a path. */
function sitePath(url) {
  try {
    return decodeURIComponent(url.pathname.slice(BASE.length));
  } catch {
    return null;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !url.pathname.startsWith(BASE)) return;
  if (request.mode === "navigate") {
    const path = sitePath(url);
    if (path !== null && FILE_PAGES.has(path)) {
      // A file of the site (robots.txt, embed.js, the manifest): the host's, or this
      // version's copy when offline.
      event.respondWith(fetch(request).catch(async () => {
        const cache = await caches.open(CACHE);
        return (await cache.match(BASE + path)) || Response.error();
      }));
      return;
    }
    // Every route is the app: answer with this version's page. The home's holds its first
    // screen (the default view's rows); any other route gets the app's page alone, which
    // shows the route's own content (an event page's article, a filtered list).
    const home = url.pathname === BASE && !url.search;
    event.respondWith((async () => {
      const cache = await caches.open(CACHE);
      return (await cache.match(BASE + (home ? "index.html" : "404.html"))) || fetch(request);
    })());
    return;
  }
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    return (await cache.match(request, { ignoreSearch: true })) || fetch(request);
  })());
});
