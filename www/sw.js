// The service worker: the whole site (page, modules, wasm, icons) in one cache named for its
// build, filled on the first visit, so a reload with the network off works fully. A new build
// gets a new cache name; it installs beside the old one, takes over, and deletes it.
// build-dist.mjs writes BUILD and FILES into the copy in dist/; this source is never served.
const BUILD = "dev";
const FILES = ["./", "index.html"];
/** Kiosk mode's QR code: cached when a kiosk page asks (a message "kiosk"), never on phones. */
const KIOSK_FILES = [];
/**
 * One cache per copy of the site and build: two copies on one origin (/a/, /b/) each keep
 * their own, and a new build deletes only its own copy's older caches.
 */
const COPY = `subsidy-estimator@${new URL(self.registration.scope).pathname}@`;
const CACHE = `${COPY}${BUILD}`;
/** Caches named before copies were told apart ("subsidy-estimator-<build>"): let go once. */
const LEGACY = /^subsidy-estimator-[0-9a-z]+$/;

/**
 * `file` fetched and kept under its path (without the build's query). `no-cache`: confirmed by
 * the server, never an old copy unchecked (WeChat keeps old files); a file the page has just
 * downloaded comes back as a 304 without a body, so the first visit does not fetch it twice.
 */
function keep(cache, file) {
  return fetch(new Request(file, { cache: "no-cache" })).then((response) => {
    if (!response.ok) throw new Error(`${file}: HTTP ${response.status}`);
    return cache.put(file.split("?")[0], response);
  });
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => Promise.all(FILES.map((file) => keep(cache, file))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => ((n.startsWith(COPY) && n !== CACHE) || LEGACY.test(n))).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

/** A place's policy packs (places.js): content-hashed names, so a build's cache keeps its own. */
const PACK = /^packs\/\d{6}\.[0-9a-f]{8}\.pack$/;

self.addEventListener("message", (event) => {
  // The packs of a place loaded before this worker controlled the page (the first visit, a
  // kiosk's preset place): kept now, so the place works offline.
  if (event.data && Array.isArray(event.data.packs)) {
    const packs = event.data.packs.filter((file) => typeof file === "string" && PACK.test(file));
    event.waitUntil(
      caches.open(CACHE).then((cache) => Promise.all(packs.map((file) => cache.match(file).then((hit) => hit || keep(cache, file))))),
    );
    return;
  }
  if (event.data !== "kiosk") return;
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      Promise.all(
        KIOSK_FILES.map((file) => cache.match(file, { ignoreSearch: true }).then((hit) => hit || keep(cache, file))),
      ),
    ),
  );
});

// Every file of one build comes from that build's cache (never an old page with new modules);
// the address's query (?kiosk=1, ?v=…) does not change the file. A file not cached yet (the
// kiosk's QR code, which kiosk mode loads at start-up) is fetched and kept in the same cache.
self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(self.registration.scope)) return;
  const url = new URL(request.url);
  const entry = request.mode === "navigate" && (url.pathname.endsWith("/") || url.pathname.endsWith("/index.html"));
  const key = entry ? new URL("index.html", self.registration.scope).href : request;
  // The deployment's list of packs changes without a build (README, "Deployment"): the
  // network first, the copy kept for offline use only when there is none.
  if (url.pathname.endsWith("/packs/index.txt")) {
    event.respondWith(
      caches.open(CACHE).then((cache) =>
        fetch(request.url, { cache: "no-cache" })
          .then((response) => {
            if (response.ok) cache.put(new URL(url.pathname, url.origin).href, response.clone());
            return response;
          })
          .catch(() => cache.match(new URL(url.pathname, url.origin).href).then((hit) => hit || Response.error())),
      ),
    );
    return;
  }
  event.respondWith(
    caches
      .open(CACHE)
      .then((cache) =>
        cache.match(key, { ignoreSearch: true }).then(
          (hit) =>
            hit ||
            fetch(request).then((response) => {
              if (response.ok && !entry) cache.put(new URL(url.pathname, url.origin).href, response.clone());
              return response;
            }),
        ),
      ),
  );
});
