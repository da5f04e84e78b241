// A first screen without waiting: the start screen (heading, what this is, that nothing leaves
// the phone, 开始) is in the served HTML itself, so it paints before any script or the
// WebAssembly; 开始 leads to the region question before the engine has arrived (the places
// are in the build), and whatever needs the engine says 正在准备… until it is here.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { PHONE, serverAndBrowser, waitReady } from "./helpers.mjs";
import { loadEngine } from "./engine.mjs";

const env = serverAndBrowser();

describe("the start screen is in the HTML", () => {
  test("the served HTML carries the heading, the privacy line and 开始 before any script runs", async () => {
    const html = await (await fetch(env.server.url)).text();
    // Parse the markup as a browser would, with scripting off: nothing here runs.
    const context = await env.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.setContent(html.replace(/<script[\s\S]*?<\/script>/g, ""));
    const start = await page.evaluate(() => {
      const screen = document.querySelector("#screen #start-screen");
      return {
        heading: screen?.querySelector("h1")?.textContent,
        button: screen?.querySelector("button#start")?.textContent,
        privacy: screen?.querySelector("#privacy-line")?.textContent,
        live: document.querySelector("#progress-live")?.getAttribute("aria-live"),
      };
    });
    assert.equal(start.heading, "测算可以领哪些技能培训补贴");
    assert.equal(start.button, "开始");
    assert.match(start.privacy, /只保存在本机/);
    assert.equal(start.live, "polite", "the progress line is announced politely");
    await context.close();
  });

  test("a load with JavaScript disabled shows the heading, 开始 and why it needs JavaScript", async () => {
    const context = await env.browser.newContext({ ...PHONE, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(env.server.url);
    assert.equal(await page.getByRole("heading", { level: 1 }).textContent(), "测算可以领哪些技能培训补贴");
    assert.ok(await page.getByRole("button", { name: "开始" }).isVisible());
    assert.match(await page.textContent("noscript"), /需要开启 JavaScript/);
    await context.close();
  });

  /** A phone page whose wasm is held back until `release()`. */
  async function withEngineHeld(path = "") {
    const context = await env.browser.newContext({ ...PHONE, serviceWorkers: "block" });
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (error) => errors.push(String(error)));
    let release;
    const held = new Promise((resolve) => (release = resolve));
    await page.route("**/pkg/subsidy_estimator_bg.wasm*", async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(env.server.url + path);
    await page.waitForSelector("#start");
    return { context, page, errors, release };
  }

  test("before the engine arrives, 开始 shows the region question with the engine's own places; its answer waits with 正在准备…", async () => {
    const { context, page, errors, release } = await withEngineHeld();
    await page.waitForSelector("html[data-usable]");
    assert.equal(await page.evaluate(() => document.documentElement.hasAttribute("data-ready")), false, "the engine is still held back");
    await page.click("#start");
    await page.waitForFunction(() => document.getElementById("screen").dataset.fact === "region");
    assert.equal(await page.isVisible("#preparing"), false, "no 正在准备 before the region question");
    // The question and the places are the ones the engine gives (build-dist.mjs reads them from it).
    const { engine } = await loadEngine();
    const est = new engine.Estimator();
    assert.equal(await page.textContent("#screen h1"), est.question("region").title);
    const provinces = await page.$$eval("#province option", (options) => options.map((o) => [o.value, o.textContent]).filter(([v]) => v));
    assert.deepEqual(provinces, est.regions().map((p) => [p.code, p.name]));
    await page.selectOption("#province", "140000");
    await page.selectOption("#city", "140500");
    await page.selectOption("#district", "140502");
    await page.click("#screen button[type=submit]");
    await page.waitForSelector("#waiting");
    assert.match(await page.textContent("#waiting"), /正在准备/);
    assert.equal(await page.getAttribute("#waiting", "role"), "status");
    assert.equal(await page.evaluate(() => document.getElementById("screen").dataset.fact), "region", "still on the region question meanwhile");
    release();
    await waitReady(page);
    await page.waitForFunction(() => document.getElementById("screen").dataset.fact === "date");
    assert.equal(await page.locator("#waiting").count(), 0, "the waiting line is gone");
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("before the engine arrives, 继续 on the region question says 正在准备… again after 返回上一步 and 开始", async () => {
    const { context, page, errors, release } = await withEngineHeld();
    await page.waitForSelector("html[data-usable]");
    const onRegion = () => page.waitForFunction(() => document.getElementById("screen").dataset.fact === "region");
    await page.click("#start");
    await onRegion();
    await page.selectOption("#province", "140000");
    await page.selectOption("#city", "140500");
    await page.selectOption("#district", "140502");
    await page.click("#screen button[type=submit]");
    await page.waitForSelector("#waiting");
    // The worker goes back while it waits, starts again and picks another place.
    await page.getByRole("button", { name: "返回上一步" }).click();
    await page.waitForFunction(() => document.getElementById("screen").dataset.screen === "start");
    await page.waitForSelector("#waiting", { state: "detached" });
    await page.click("#start");
    await onRegion();
    await page.selectOption("#province", "520000");
    await page.selectOption("#city", "520300");
    await page.selectOption("#district", "520302");
    await page.click("#screen button[type=submit]");
    // The tap is answered on the screen, not silently.
    await page.waitForSelector("#waiting", { state: "visible", timeout: 2000 });
    assert.match(await page.textContent("#waiting"), /正在准备/);
    release();
    await waitReady(page);
    await page.waitForFunction(() => document.getElementById("screen").dataset.fact === "date");
    assert.equal(await page.locator("#waiting").count(), 0, "the waiting line is gone");
    const saved = await page.evaluate(() => Object.values(localStorage).map((v) => JSON.parse(v).answers?.region));
    assert.deepEqual(saved.filter(Boolean), ["520302"], "the place chosen last is the answer");
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("with the place preset by the address, 开始 before the engine shows 正在准备…, then the date question", async () => {
    const { context, page, errors, release } = await withEngineHeld("?region=140502");
    await page.click("#start");
    assert.ok(await page.isVisible("#preparing"), "正在准备… is shown");
    assert.match(await page.textContent("#preparing"), /正在准备/);
    assert.equal(await page.evaluate(() => document.documentElement.hasAttribute("data-usable")), false, "the preset place waits for the engine");
    release();
    await waitReady(page);
    await page.waitForFunction(() => document.getElementById("screen").dataset.fact === "date");
    assert.deepEqual(errors, []);
    await context.close();
  });
});
