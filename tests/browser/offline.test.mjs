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
    assert.deepEqual(cached.names, [`subsidy-estimator@/@${build}`], "one cache, named for this build");
    // The chunks app.js loads later (the results screen, printing, the kiosk's idle watch) and
    // the results screen's style sheet too.
    const chunks = readdirSync(join(DIST, "chunks")).filter((f) => f.endsWith(".js"));
    const qr = chunks.filter((f) => f === "qr.js");
    assert.equal(qr.length, 1, "the QR code is a chunk of its own");
    for (const file of ["/", "/index.html", "/app.js", "/boot.js", "/pkg/subsidy_estimator.js", "/pkg/subsidy_estimator_bg.wasm", "/style.css", "/results.css", "/later.css", "/manifest.webmanifest", ...chunks.filter((f) => !qr.includes(f)).map((f) => `/chunks/${f}`)]) {
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
      assert.deepEqual((await controlled(page)).names, [`subsidy-estimator@/@${old}`]);
      // Answer the first question (saved on the device), then publish the new build.
      await andWaitForScreen(page, () => clickButton(page, "开始"));
      const next = "0123456789ab";
      writeFileSync(join(dir, "sw.js"), readFileSync(join(dir, "sw.js"), "utf8").replace(`const BUILD = "${old}";`, `const BUILD = "${next}";`));
      writeFileSync(join(dir, "index.html"), readFileSync(join(dir, "index.html"), "utf8").replace("<title>技能补贴测算</title>", `<title>技能补贴测算</title><meta name="build" content="${next}">`));
      await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
      await page.waitForFunction((n) => caches.keys().then((k) => k.join() === `subsidy-estimator@/@${n}`).then((ok) => (window.__swNew = ok)) && window.__swNew, next, { timeout: 15000, polling: 200 });
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
  test("a kiosk never runs two builds: build 2 takes over while a visitor walks, the page keeps build 1 and its chunks, and reloads into build 2 at the wipe", async () => {
    const dir = mkdtempSync(join(tmpdir(), "subsidy-kiosk-"));
    cpSync(DIST, dir, { recursive: true });
    const { serve } = await import(pathToFileURL(join(ROOT, "www", "serve.mjs")).href);
    const server = await serve(dir, 0);
    try {
      const url = `${server.url}?kiosk=1&region=140502&idle=600`;
      const { page, context, seen } = await openPage(env.browser, url, KIOSK);
      const old = buildOf(readFileSync(join(dir, "sw.js"), "utf8"));
      assert.deepEqual((await controlled(page)).names, [`subsidy-estimator@/@${old}`]);
      // Build 1's page has loaded all it will ever load (its QR code included).
      await page.waitForFunction(() => caches.keys().then((n) => caches.open(n[0])).then((c) => c.keys()).then((k) => (window.__qr = k.some((r) => r.url.endsWith("/vendor/qrcode.mjs")))) && window.__qr, null, { timeout: 15000, polling: 200 });
      await page.evaluate(() => (window.__build1Page = true));
      // Build 2: a new BUILD, an index.html that says so, and every script marking itself when run.
      const next = "0123456789ab";
      const rewrite = (file, change) => {
        for (const twin of [".gz", ".br"]) rmSync(join(dir, `${file}${twin}`), { force: true });
        writeFileSync(join(dir, file), change(readFileSync(join(dir, file), "utf8")));
      };
      rewrite("sw.js", (t) => t.replace(`const BUILD = "${old}";`, `const BUILD = "${next}";`));
      rewrite("index.html", (t) => t.replace("<title>技能补贴测算</title>", `<title>技能补贴测算</title><meta name="build" content="${next}">`));
      const scripts = ["app.js", ...readdirSync(join(dir, "chunks")).filter((f) => f.endsWith(".js")).map((f) => `chunks/${f}`)];
      for (const file of scripts) rewrite(file, (t) => `${t}\n;(globalThis.__build2 ||= []).push(${JSON.stringify(file)});\n`);
      await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
      await page.waitForFunction((n) => caches.keys().then((k) => (window.__swNew = k.join() === `subsidy-estimator@/@${n}`)) && window.__swNew, next, { timeout: 15000, polling: 200 });
      // A visitor walks to the results under build 2's service worker: the page stays build 1's
      // (no reload in the middle of a visit) and runs none of build 2's scripts.
      await walk(page, PROFILES.a);
      await andWaitForScreen(page, () => clickButton(page, "查看结果"));
      await page.waitForSelector("#qr-panel svg.qr-code");
      assert.equal(await page.evaluate(() => window.__build1Page), true, "the same page all through the visit");
      assert.equal(await page.evaluate(() => globalThis.__build2 || null), null, "no script of build 2 ran under build 1's page");
      // 结束并清除: the wipe reloads into build 2 before the next visitor touches anything.
      const reloaded = page.waitForEvent("load");
      await page.click("#clear");
      await reloaded;
      await waitReady(page);
      assert.equal(await page.getAttribute('meta[name="build"]', "content"), next, "build 2's index.html");
      assert.ok((await page.evaluate(() => globalThis.__build2 || [])).includes("app.js"), "build 2's app runs");
      assert.equal((await screenOf(page)).name, "start");
      assert.deepEqual(await deviceStorage(page), { localStorage: [], sessionStorage: [], cookies: "", indexedDB: [] });
      assert.deepEqual(seen.pageErrors, []);
      await context.close();
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("two copies of the site on one origin (/a/ and /b/) keep their own offline caches: installing /b/, or a new build of /b/, leaves /a/'s", async () => {
    const root = mkdtempSync(join(tmpdir(), "subsidy-copies-"));
    for (const copy of ["a", "b"]) cpSync(DIST, join(root, copy), { recursive: true });
    const { serve } = await import(pathToFileURL(join(ROOT, "www", "serve.mjs")).href);
    const server = await serve(root, 0);
    try {
      const build = buildOf(readFileSync(join(DIST, "sw.js"), "utf8"));
      const context = await env.browser.newContext(PHONE);
      const open = async (copy) => {
        const page = await context.newPage();
        await page.goto(`${server.url}${copy}/`);
        await waitReady(page);
        await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15000 });
        return page;
      };
      const names = (page) => page.evaluate(() => caches.keys().then((k) => k.sort()));
      const a = await open("a");
      assert.deepEqual(await names(a), [`subsidy-estimator@/a/@${build}`]);
      const b = await open("b");
      await b.waitForFunction((n) => caches.keys().then((k) => (window.__both = k.length === 2 && k.includes(n))) && window.__both, `subsidy-estimator@/b/@${build}`, { timeout: 15000, polling: 200 });
      assert.deepEqual(await names(b), [`subsidy-estimator@/a/@${build}`, `subsidy-estimator@/b/@${build}`], "installing /b/ left /a/'s cache");
      // A new build of /b/ replaces /b/'s cache only.
      const next = "0123456789ab";
      const sw = join(root, "b", "sw.js");
      for (const twin of [".gz", ".br"]) rmSync(`${sw}${twin}`, { force: true });
      writeFileSync(sw, readFileSync(sw, "utf8").replace(`const BUILD = "${build}";`, `const BUILD = "${next}";`));
      await b.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
      await b.waitForFunction((n) => caches.keys().then((k) => (window.__newB = k.includes(n) && k.length === 2)) && window.__newB, `subsidy-estimator@/b/@${next}`, { timeout: 15000, polling: 200 });
      assert.deepEqual(await names(b), [`subsidy-estimator@/a/@${build}`, `subsidy-estimator@/b/@${next}`]);
      // And /a/ still opens with the network off, from its own cache.
      await context.setOffline(true);
      await a.reload();
      await waitReady(a);
      assert.equal((await screenOf(a)).name, "start");
      await context.close();
    } finally {
      await server.close();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
