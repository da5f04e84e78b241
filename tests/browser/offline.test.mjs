// Offline and install: the service worker caches the whole site on the first visit, so a
// reload with the network off works fully (also in kiosk mode); the manifest makes the page
// installable; a new build replaces the old cache cleanly.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import {
  DIST,
  KIOSK,
  PHONE,
  ROOT,
  andWaitForScreen,
  chooseRegion,
  clickButton,
  deviceStorage,
  openPage,
  screenOf,
  serverAndBrowser,
  text,
  waitReady,
  walk,
} from "./helpers.mjs";
import { PROFILES } from "./profiles.mjs";

const env = serverAndBrowser();
const buildOf = (sw) => /const BUILD = "([0-9a-f]+)";/.exec(sw)[1];

/** Waits until the service worker controls the page and its cache is filled. */
async function controlled(page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15000 });
  return page.evaluate(async () => {
    const names = await caches.keys();
    const cache = await caches.open(names[0]);
    return { names, files: (await cache.keys()).map((r) => new URL(r.url).pathname) };
  });
}

describe("offline and install", () => {
  test("after one visit, a reload with the network off works fully: a whole walk to the results", async () => {
    const { page, context, seen } = await openPage(env.browser, env.server.url, PHONE);
    const build = buildOf(readFileSync(join(DIST, "sw.js"), "utf8"));
    const cached = await controlled(page);
    assert.deepEqual(cached.names, [`subsidy-estimator-${build}`], "one cache, named for this build");
    // The chunks app.js loads later (the results screen, printing, the kiosk's idle watch) and
    // the results screen's style sheet too.
    const chunks = readdirSync(join(DIST, "chunks")).filter((f) => f.endsWith(".js"));
    const qr = chunks.filter((f) => f === "qr.js");
    assert.equal(qr.length, 1, "the QR code is a chunk of its own");
    for (const file of ["/", "/index.html", "/app.js", "/boot.js", "/pkg/subsidy_estimator.js", "/pkg/subsidy_estimator_bg.wasm", "/style.css", "/results.css", "/manifest.webmanifest", ...chunks.filter((f) => !qr.includes(f)).map((f) => `/chunks/${f}`)]) {
      assert.ok(cached.files.includes(file), `${file} is cached`);
    }
    assert.ok(chunks.includes("results-page.js"), "the results screen is a chunk loaded later");
    assert.ok(!cached.files.includes("/vendor/qrcode.mjs"), "a phone does not download the kiosk's QR library");
    assert.ok(!cached.files.includes(`/chunks/${qr[0]}`), "nor the kiosk's QR code");
    // A place's documents are a pack fetched when the place is chosen (issue 22), never
    // precached: the first visit chooses 晋城市城区, then starts afresh.
    await andWaitForScreen(page, () => clickButton(page, "开始"));
    await chooseRegion(page, PROFILES.c.region);
    await andWaitForScreen(page, () => clickButton(page, "继续"));
    await page.evaluate(() => localStorage.clear());
    await context.setOffline(true);
    await page.reload();
    await waitReady(page);
    await walk(page, PROFILES.c);
    await andWaitForScreen(page, () => clickButton(page, "查看结果"));
    assert.equal(await text(page.locator("#total .total-amount")), "150元");
    assert.deepEqual(seen.pageErrors, []);
    assert.deepEqual(seen.consoleErrors, []);
    await context.close();
  });

  test("the first visit downloads the wasm once: the service worker's fill gets a 304 for what the page fetched", async () => {
    const sent = [];
    const note = (req, res) => res.on("finish", () => sent.push([res.statusCode, req.url.split("?")[0]]));
    env.server.server.on("request", note);
    try {
      const { page, context, seen } = await openPage(env.browser, env.server.url, PHONE);
      await controlled(page);
      const wasm = sent.filter(([, path]) => path === "/pkg/subsidy_estimator_bg.wasm").map(([status]) => status);
      assert.deepEqual(wasm, [200, 304], "once with its bytes (the page), once confirmed (the service worker)");
      const app = sent.filter(([, path]) => path === "/app.js").map(([status]) => status);
      assert.deepEqual(app, [200, 304]);
      assert.deepEqual(seen.consoleErrors, [], "the preloaded wasm is the one the page uses (no unused-preload warning)");
      await context.close();
    } finally {
      env.server.server.off("request", note);
    }
  });

  test("kiosk mode offline: the cached site works and still writes nothing to storage", async () => {
    const url = `${env.server.url}?kiosk=1&region=140502&idle=600`;
    const { page, context, seen } = await openPage(env.browser, url, KIOSK);
    await controlled(page);
    // Kiosk mode asks the service worker to keep the QR code too.
    await page.waitForFunction(
      () => caches.keys().then((names) => caches.open(names[0])).then((c) => c.keys()).then((keys) => (window.__qrCached = keys.some((r) => r.url.endsWith("/vendor/qrcode.mjs") ))) && window.__qrCached,
      null,
      { timeout: 15000, polling: 200 },
    );
    await context.setOffline(true);
    await page.goto(url);
    await waitReady(page);
    await walk(page, PROFILES.a);
    await andWaitForScreen(page, () => clickButton(page, "查看结果"));
    assert.equal(await text(page.locator("#total .total-amount")), "1500元");
    await page.waitForSelector("#qr-panel svg.qr-code");
    assert.deepEqual(await deviceStorage(page), { localStorage: [], sessionStorage: [], cookies: "", indexedDB: [] });
    assert.deepEqual(seen.pageErrors, []);
    await context.close();
  });

  test("the manifest: name, theme colour and icons made here, served with their types", async () => {
    const manifest = JSON.parse(readFileSync(join(DIST, "manifest.webmanifest"), "utf8"));
    assert.equal(manifest.name, "技能补贴测算");
    assert.equal(manifest.theme_color, "#0b4f8a");
    assert.equal(manifest.start_url, "./");
    const { page, context } = await openPage(env.browser, env.server.url, PHONE);
    for (const icon of manifest.icons) {
      const res = await page.request.get(new URL(icon.src, env.server.url).href);
      assert.equal(res.status(), 200, icon.src);
      assert.equal(res.headers()["content-type"], icon.type, icon.src);
      assert.ok((await res.body()).length < 10000, `${icon.src} is small`);
    }
    const res = await page.request.get(`${env.server.url}manifest.webmanifest`);
    assert.match(res.headers()["content-type"], /^application\/manifest\+json/);
    assert.equal(await page.getAttribute('meta[name="theme-color"]', "content"), "#0b4f8a");
    await context.close();
  });

  test("a new build replaces the old one: a new cache, the old one deleted, the page reloads into it", async () => {
    // A copy of dist/ served on its own port, so the test can publish a "new build" into it.
    const dir = mkdtempSync(join(tmpdir(), "subsidy-dist-"));
    cpSync(DIST, dir, { recursive: true });
    for (const f of ["sw.js.gz", "sw.js.br", "index.html.gz", "index.html.br"]) rmSync(join(dir, f), { force: true });
    const { serve } = await import(pathToFileURL(join(ROOT, "www", "serve.mjs")).href);
    const server = await serve(dir, 0);
    try {
      const { page, context, seen } = await openPage(env.browser, server.url, PHONE);
      const old = buildOf(readFileSync(join(dir, "sw.js"), "utf8"));
      assert.deepEqual((await controlled(page)).names, [`subsidy-estimator-${old}`]);
      // Answer the first question (saved on the device), then publish the new build.
      await andWaitForScreen(page, () => clickButton(page, "开始"));
      const next = "0123456789ab";
      writeFileSync(join(dir, "sw.js"), readFileSync(join(dir, "sw.js"), "utf8").replace(`const BUILD = "${old}";`, `const BUILD = "${next}";`));
      writeFileSync(join(dir, "index.html"), readFileSync(join(dir, "index.html"), "utf8").replace("<title>技能补贴测算</title>", `<title>技能补贴测算</title><meta name="build" content="${next}">`));
      await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
      await page.waitForFunction((n) => caches.keys().then((k) => k.join() === `subsidy-estimator-${n}`).then((ok) => (window.__swNew = ok)) && window.__swNew, next, { timeout: 15000, polling: 200 });
      // The next screen change reloads into the new build, with the answers kept.
      const reloaded = page.waitForEvent("load");
      await page.selectOption("#province", "140000");
      await page.selectOption("#city", "140500");
      await page.selectOption("#district", "140502");
      await clickButton(page, "继续");
      await reloaded;
      await waitReady(page);
      assert.equal(await page.getAttribute('meta[name="build"]', "content"), next, "the new index.html");
      assert.equal((await screenOf(page)).fact, "date", "on the next question, nothing lost");
      assert.deepEqual(seen.pageErrors, []);
      await context.close();
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
