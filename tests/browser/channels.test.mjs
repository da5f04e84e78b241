// The places the page has to work: a browser without WebAssembly, a phone with its large-font
// setting on, a 1080×1920 kiosk, another page embedding the engine as api.md shows, and the
// static server that serves it all.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { request } from "node:http";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  DIST,
  KIOSK,
  PHONE,
  andWaitForScreen,
  answer,
  axeViolations,
  clickButton,
  layoutProblems,
  offDevice,
  openPage,
  screenshot,
  serverAndBrowser,
  text,
  walk,
} from "./helpers.mjs";
import { PROFILES } from "./profiles.mjs";

const env = serverAndBrowser();


/** Raw GET of `path` exactly as written (no URL normalisation of `..`). */
function rawGet(port, path, method = "GET") {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, method }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("channels", () => {
  test("without WebAssembly the page says in Chinese what to do instead of going blank", async () => {
    const { page, context, seen } = await openPage(env.browser, null, PHONE, {
      initScript: () => {
        delete window.WebAssembly;
      },
    });
    await page.goto(env.server.url);
    const h1 = page.locator("h1");
    await page.waitForFunction(() => document.querySelector("h1")?.textContent.includes("打不开"));
    assert.match(await text(h1), /这个浏览器打不开测算/);
    assert.match(await text(page.locator("#screen")), /请使用系统浏览器或升级微信/);
    assert.match(await text(page.locator("#screen")), /12333/);
    assert.equal(await page.evaluate(() => typeof window.WebAssembly), "undefined", "the test really removed it");
    // index.html preloads the wasm so that it downloads beside the page (a round trip less on
    // a slow network for every phone that can run it); a browser without WebAssembly pays for
    // that one download, but the page asks for it no further.
    assert.ok(seen.requests.filter((u) => new URL(u).pathname.endsWith(".wasm")).length <= 1, "the engine is fetched at most once, by the preload");
    assert.deepEqual(seen.pageErrors, []);
    assert.deepEqual(await layoutProblems(page), []);
    await screenshot(page, "12-no-webassembly");
    await context.close();
  });

  test("a browser whose WebAssembly is older than the engine's (no reference types) is told so at once, not after 20 s", async () => {
    const { page, context, seen } = await openPage(env.browser, null, PHONE, {
      initScript: () => {
        // As Chrome 85–95 or Safari 14: WebAssembly is there, but a module using externref is invalid.
        const validate = WebAssembly.validate;
        WebAssembly.validate = (bytes) => (new Uint8Array(bytes).includes(0x6f) ? false : validate(bytes));
      },
    });
    await page.goto(env.server.url);
    await page.waitForFunction(() => document.querySelector("h1")?.textContent.includes("打不开"));
    assert.match(await text(page.locator("#screen")), /版本太旧/);
    assert.match(await text(page.locator("#screen")), /请使用系统浏览器或升级微信/);
    assert.equal(await page.locator("#start").count(), 0, "no 开始 button that leads nowhere");
    await page.waitForFunction(() => document.documentElement.hasAttribute("data-unsupported"));
    // app.js ran too (this Chromium reads it) and drew its fuller words, not the region question.
    await page.waitForFunction(() => document.getElementById("screen").textContent.includes("测算需要较新的浏览器"));
    assert.match(await text(page.locator("h1")), /这个浏览器打不开测算/);
    assert.equal(await page.locator("form.question").count(), 0);
    assert.deepEqual(seen.pageErrors, []);
    assert.deepEqual(await layoutProblems(page), []);
    await context.close();
  });

  test("without instantiateStreaming (older Android WebViews) the engine still loads, from fetched bytes", async () => {
    const { page, context, seen } = await openPage(env.browser, null, PHONE, {
      initScript: () => {
        delete WebAssembly.instantiateStreaming;
        delete WebAssembly.compileStreaming;
      },
    });
    await page.goto(env.server.url);
    await page.waitForSelector("html[data-ready]");
    assert.equal(await page.evaluate(() => typeof WebAssembly.instantiateStreaming), "undefined");
    await walk(page, PROFILES.c);
    await andWaitForScreen(page, () => clickButton(page, "查看结果"));
    assert.equal(await text(page.locator("#total .total-amount")), "150元");
    assert.deepEqual(seen.pageErrors, []);
    assert.deepEqual(seen.consoleErrors, []);
    await context.close();
  });

  test("with localStorage blocked (some in-app browsers) the page still works, it just forgets on reload", async () => {
    const { page, context, seen } = await openPage(env.browser, null, PHONE, {
      initScript: () => {
        const refuse = () => {
          throw new DOMException("blocked", "SecurityError");
        };
        Storage.prototype.getItem = refuse;
        Storage.prototype.setItem = refuse;
        Storage.prototype.removeItem = refuse;
      },
    });
    await page.goto(env.server.url);
    await page.waitForSelector("html[data-ready]");
    await walk(page, PROFILES.a);
    await andWaitForScreen(page, () => clickButton(page, "查看结果"));
    assert.equal(await text(page.locator("#total .total-amount")), "1500元");
    await andWaitForScreen(page, () => clickButton(page, "清除我的回答"));
    assert.equal((await page.evaluate(() => document.getElementById("screen").dataset.screen)), "start");
    assert.deepEqual(seen.pageErrors, []);
    assert.deepEqual(seen.consoleErrors, []);
    await context.close();
  });

  test("with the phone's large-font setting (150% and 200%) nothing scrolls sideways on a question or the results", async () => {
    const { page, context, seen } = await openPage(env.browser, env.server.url);
    const big = async (size, where) => {
      await page.evaluate((size) => (document.documentElement.style.fontSize = size), size);
      const problems = await layoutProblems(page);
      assert.deepEqual(problems, [], `${where} at ${size}`);
      await page.evaluate(() => (document.documentElement.style.fontSize = ""));
    };
    await andWaitForScreen(page, () => clickButton(page, "开始"));
    await big("150%", "the region question");
    await big("200%", "the region question");
    let screen = await answer(page, PROFILES.b.region);
    screen = await answer(page, PROFILES.b.date);
    await big("150%", `question ${screen.fact}`);
    await big("200%", `question ${screen.fact}`);
    while (screen.name === "question") {
      screen = await answer(page, PROFILES.b.facts[screen.fact]);
      if (screen.name === "question") await big("200%", `question ${screen.fact}`);
    }
    await big("150%", "check-your-answers");
    await andWaitForScreen(page, () => clickButton(page, "查看结果"));
    for (const d of await page.locator("details").all()) await d.evaluate((e) => (e.open = true));
    await big("150%", "the results");
    await big("200%", "the results");
    await page.evaluate(() => (document.documentElement.style.fontSize = "200%"));
    await screenshot(page, "13-results-large-font", { fullPage: false });
    assert.deepEqual(seen.pageErrors, []);
    assert.deepEqual(seen.consoleErrors, []);
    await context.close();
  });

  test("on a 1080×1920 kiosk touch screen the walk works, nothing scrolls sideways and targets stay large", async () => {
    const { page, context, seen } = await openPage(env.browser, env.server.url, KIOSK);
    const problems = [];
    await walk(page, PROFILES.c, async (page, screen) => {
      for (const p of await layoutProblems(page, 1080)) problems.push(`${screen.name} ${screen.fact}: ${p}`);
    });
    await andWaitForScreen(page, () => clickButton(page, "查看结果"));
    for (const p of await layoutProblems(page, 1080)) problems.push(`results: ${p}`);
    for (const v of await axeViolations(page)) problems.push(`results: axe ${v}`);
    assert.deepEqual(problems, []);
    assert.equal(await text(page.locator('#group-worker [data-benefit="jc_training_living_allowance"] .amount')), "150元");
    const base = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
    assert.ok(base >= 20, `kiosk text is larger than a phone's (${base}px)`);
    await screenshot(page, "14-kiosk-results", { fullPage: false });
    assert.deepEqual(seen.consoleErrors, []);
    assert.deepEqual(offDevice(seen), []);
    await context.close();
  });

  test("another page can import dist/pkg/subsidy_estimator.js exactly as api.md shows", async () => {
    const { page, context, seen } = await openPage(env.browser, env.server.url);
    const total = await page.evaluate(async () => {
      const { default: init, Estimator, loadPlace } = await import("/pkg/subsidy_estimator.js");
      await init();
      const est = new Estimator();
      await loadPlace(est, "140502", location.href);
      return est.estimate({
        region: "140502",
        date: "2021-06-01",
        employment: "enterprise_employee",
        unemployment_insurance_months: 14,
        certificate: { kind: "skill_level", level: "intermediate", via_job_training: true, issued: "2021-05-20" },
      }).totals.worker;
    });
    assert.equal(total, "1500");
    assert.deepEqual(seen.pageErrors, []);
    assert.deepEqual(seen.consoleErrors, [], "served as application/wasm, so streaming compilation raises no warning");
    await context.close();
  });

  test("the page's basics: zh-CN, viewport meta, a noscript message, system fonts, no external URLs", async () => {
    const html = readFileSync(join(DIST, "index.html"), "utf8");
    assert.match(html, /<html lang="zh-CN">/);
    assert.match(html, /<meta name="viewport" content="width=device-width, initial-scale=1">/);
    assert.match(html, /<noscript>[\s\S]*请使用系统浏览器或升级微信[\s\S]*<\/noscript>/);
    // Every page file in dist/: index.html, the style sheet, the bundled modules (app.js and
    // chunks/, which hold every channel, screen and field), boot.js and the service worker.
    const files = readdirSync(DIST, { recursive: true }).filter((f) => /\.(html|css|js|mjs)$/.test(f) && !f.startsWith("pkg") && !f.startsWith("vendor"));
    for (const name of ["index.html", "style.css", "app.js", "boot.js", "sw.js"]) assert.ok(files.includes(name), `dist/${name} is there`);
    assert.ok(files.some((f) => f.startsWith("chunks/")), "the lazily loaded chunks are there");
    for (const file of files) {
      // The SVG namespace (qr.js) is a name, not an address anything is fetched from.
      const source = readFileSync(join(DIST, file), "utf8").replaceAll("http://www.w3.org/2000/svg", "");
      assert.doesNotMatch(source, /https?:\/\/(?!127\.0\.0\.1)/, `${file} names no outside address`);
      assert.doesNotMatch(source, /@font-face|@import|innerHTML|insertAdjacentHTML|document\.write/, `${file}: no web fonts, no imports, no innerHTML`);
    }
  });

  test("serve.mjs: MIME types, no-cache, 404s, and nothing outside the folder", async () => {
    const { port } = env.server;
    const cases = [
      ["/", 200, "text/html; charset=utf-8"],
      ["/index.html", 200, "text/html; charset=utf-8"],
      ["/style.css", 200, "text/css; charset=utf-8"],
      ["/app.js", 200, "text/javascript; charset=utf-8"],
      ["/pkg/subsidy_estimator.js", 200, "text/javascript; charset=utf-8"],
      ["/pkg/subsidy_estimator_bg.wasm", 200, "application/wasm"],
      ["/missing.html", 404],
      ["/pkg", 404],
      ["/../package.json", 404],
      ["/pkg/../../serve.mjs", 404],
      ["/%2e%2e/serve.mjs", 404],
      ["/..%2fserve.mjs", 404],
      ["/pkg/..%5c..%5cserve.mjs", 404],
    ];
    for (const [path, status, type] of cases) {
      const res = await rawGet(port, path);
      assert.equal(res.status, status, `${path} → ${status}`);
      assert.equal(res.headers["cache-control"], "no-cache", `${path} has Cache-Control: no-cache`);
      if (type) assert.equal(res.headers["content-type"], type, `${path} is ${type}`);
      if (status === 404) assert.doesNotMatch(res.body.toString(), /import|serve\(/, `${path} leaks no file`);
    }
    const wasm = await rawGet(port, "/pkg/subsidy_estimator_bg.wasm");
    assert.deepEqual([...wasm.body.subarray(0, 4)], [0x00, 0x61, 0x73, 0x6d], "the wasm arrives as bytes");
    assert.equal((await rawGet(port, "/", "POST")).status, 405);
    assert.equal((await rawGet(port, "/", "HEAD")).status, 200);
    assert.equal(env.server.server.address().address, "127.0.0.1", "bound to 127.0.0.1 only");
  });
});
