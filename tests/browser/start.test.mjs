// A first screen without waiting: the start screen (heading, what this is, that nothing leaves
// the phone, 开始) is in the served HTML itself, so it paints before any script or the
// WebAssembly; 开始 tapped before the engine is ready says 正在准备… and then goes on.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { PHONE, serverAndBrowser, waitReady } from "./helpers.mjs";

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

  test("开始 tapped before the engine is ready shows 正在准备…, then the first question", async () => {
    const context = await env.browser.newContext(PHONE);
    const page = await context.newPage();
    // Hold the wasm back until 开始 has been tapped.
    let release;
    const held = new Promise((resolve) => (release = resolve));
    await page.route("**/pkg/subsidy_estimator_bg.wasm*", async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(env.server.url);
    await page.waitForSelector("#start");
    assert.equal(await page.evaluate(() => document.documentElement.hasAttribute("data-ready")), false);
    await page.click("#start");
    assert.ok(await page.isVisible("#preparing"), "正在准备… is shown");
    assert.match(await page.textContent("#preparing"), /正在准备/);
    release();
    await waitReady(page);
    await page.waitForFunction(() => document.getElementById("screen").dataset.fact === "region");
    await context.close();
  });
});
