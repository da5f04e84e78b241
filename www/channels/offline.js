// Offline and updates: registers the service worker (sw.js), which keeps the whole site in
// a cache named for its build, and notices when a new build has taken over, so the page can
// reload at a safe moment (the next screen change, or a kiosk's next wipe) rather than mix
// an old page with new files or leave a stale screen.

let replaced = false;

/** `kiosk`: also keep the kiosk's QR code (phones never download it). */
export function registerServiceWorker({ kiosk = false } = {}) {
  if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
  let current = navigator.serviceWorker.controller;
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    // The first install also takes control: only a replacement means new files.
    if (current) replaced = true;
    current = navigator.serviceWorker.controller;
  });
  // sw.js sits at the top of the site, beside index.html (this module may be bundled into
  // another file in dist/, so the page's address, not the module's, says where that is).
  const script = new URL("sw.js", document.baseURI);
  script.search = "";
  script.hash = "";
  navigator.serviceWorker
    .register(script, { scope: new URL("./", script).pathname, updateViaCache: "none" })
    .then((registration) => registration.update().catch(() => {}))
    .catch((error) => console.info("service worker:", error));
  if (kiosk) navigator.serviceWorker.ready.then((registration) => registration.active && registration.active.postMessage("kiosk"));
}

/** True once a newer build controls this page: reload before the next screen. */
export const updateReady = () => replaced;
