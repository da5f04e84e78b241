// A locked-down page, served compressed: the Content-Security-Policy as a header (with
// frame-ancestors) and as a <meta> tag, nosniff and no-referrer; no CSP violation during a
// walk through every channel; saved answers that cannot be read are discarded with a plain
// message (never a stuck 正在加载); input limits; the precompressed .br/.gz twins that
// build-dist writes, chosen by Accept-Encoding with Vary.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { request } from "node:http";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import {
  DIST,
  KIOSK,
  PHONE,
  andWaitForScreen,
  clickButton,
  openPage,
  screenOf,
  serverAndBrowser,
  text,
  walk,
} from "./helpers.mjs";
import { PROFILES } from "./profiles.mjs";

const env = serverAndBrowser();

function get(port, path, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, headers }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

/** Collects CSP violations from the page (the event) and from Chromium's console. */
const watchCsp = () => {
  window.__csp = [];
  document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
};

describe("a locked-down page", () => {
  test("the served page has the CSP header (with frame-ancestors), the same policy in a meta tag, nosniff, no-referrer", async () => {
    const res = await get(env.server.port, "/");
    const header = res.headers["content-security-policy"];
    assert.ok(header, "a CSP header");
    const directives = new Map(header.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values.join(" ")]));
    assert.equal(directives.get("default-src"), "'none'");
    assert.equal(directives.get("script-src"), "'self' 'wasm-unsafe-eval'", "WebAssembly allowed, no inline script, no eval");
    assert.equal(directives.get("style-src"), "'self'", "no inline style");
    assert.equal(directives.get("frame-ancestors"), "'none'");
    assert.equal(directives.get("base-uri"), "'none'");
    assert.equal(res.headers["x-content-type-options"], "nosniff");
    assert.equal(res.headers["referrer-policy"], "no-referrer");
    const html = readFileSync(join(DIST, "index.html"), "utf8");
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
    assert.ok(meta, "a CSP meta tag");
    assert.equal(meta[1], header.replace(/; frame-ancestors 'none'/, ""), "the same policy (a meta tag cannot carry frame-ancestors)");
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, "no inline script");
    assert.doesNotMatch(html, /\sstyle=|<style/, "no inline style");
    // A document or a worker carries the policy (a browser applies it to nothing else; an SVG
    // opened by its address is a document, scripts and all); every answer says nosniff.
    for (const path of ["/sw.js", "/studio-preview.js", "/studio.html", "/icons/icon.svg", "/missing"]) {
      const r = await get(env.server.port, path);
      assert.equal(r.headers["content-security-policy"], header, `${path} carries the policy`);
      assert.equal(r.headers["referrer-policy"], "no-referrer", `${path} carries the referrer policy`);
      assert.equal(r.headers["x-content-type-options"], "nosniff");
    }
    for (const path of ["/app.js", "/pkg/subsidy_estimator_bg.wasm", "/style.css", "/manifest.webmanifest"]) {
      const r = await get(env.server.port, path);
      assert.equal(r.status, 200, `${path} is served`);
      assert.equal(r.headers["content-security-policy"], undefined, `${path} runs under the page's policy, not its own`);
      assert.equal(r.headers["x-content-type-options"], "nosniff", `${path} says nosniff`);
    }
  });

  test("no CSP violation during walks through every channel: phone, share link, elder mode, kiosk with its QR code", async () => {
    const runs = [
      [`${env.server.url}?elder=1`, PHONE, PROFILES.a],
      [`${env.server.url}?kiosk=1&region=140502&idle=600`, KIOSK, PROFILES.b],
    ];
    for (const [url, device, profile] of runs) {
      const { page, context, seen } = await openPage(env.browser, null, device, { initScript: watchCsp });
      await page.goto(url);
      await page.waitForSelector("html[data-ready]");
      await walk(page, profile);
      await andWaitForScreen(page, () => clickButton(page, "查看结果"));
      if (url.includes("kiosk")) await page.waitForSelector("#qr-panel svg");
      else await clickButton(page, "分享链接");
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15000 });
      assert.deepEqual(await page.evaluate(() => window.__csp), [], `${url}: no securitypolicyviolation`);
      assert.deepEqual(seen.consoleErrors.filter((m) => /Content Security Policy|Refused/i.test(m)), [], url);
      assert.deepEqual(seen.consoleErrors, [], url);
      assert.deepEqual(seen.pageErrors, [], url);
      // The watch really sees violations: an inline style attribute is refused and reported.
      await page.evaluate(() => document.body.setAttribute("style", "color: red"));
      await page.waitForFunction(() => window.__csp.length > 0);
      assert.match((await page.evaluate(() => window.__csp))[0], /^style-src/);
      await context.close();
    }
  });

  test("saved answers that cannot be read (a 5,000-deep array, damaged text) are discarded with a plain message", async () => {
    let deep = "1";
    for (let i = 0; i < 5000; i += 1) deep = `[${deep}]`;
    const saved = [
      `{"answers":{"groups":${deep}},"unknown":[],"screen":{"name":"results"},"history":[]}`,
      `{"answers":${deep},"screen":{"name":"results"}}`,
      `{"answers":{"region":"140502"`,
      JSON.stringify({ answers: { region: "140502", note: "x".repeat(20000) }, screen: { name: "check" } }),
      JSON.stringify({ answers: { region: "140502", unemployment_insurance_months: "many" }, screen: { name: "results" } }),
    ];
    for (const text_ of saved) {
      const { page, context, seen } = await openPage(env.browser, null, PHONE, {
        initScript: `if (!sessionStorage.getItem("seeded")) { sessionStorage.setItem("seeded", "1"); localStorage.setItem("subsidy-estimator/v1", ${JSON.stringify(text_)}); }`,
      });
      await page.goto(env.server.url);
      await page.waitForSelector("html[data-ready]", { timeout: 15000 });
      const where = text_.slice(0, 40);
      const screen = await screenOf(page);
      if (text_.includes('"many"')) {
        // A value the engine refuses loses only that answer; the rest carries on.
        assert.equal(screen.name, "results", where);
        const kept = await page.evaluate(() => JSON.parse(localStorage.getItem("subsidy-estimator/v1")).answers);
        assert.deepEqual(kept, { region: "140502" }, where);
        await context.close();
        continue;
      } else {
        assert.equal(screen.name, "start", `${where}: the start screen`);
        assert.match(await text(page.locator("#notice")), /上次保存在本机的回答无法读取，已经清除/, where);
        assert.equal(await page.evaluate(() => localStorage.getItem("subsidy-estimator/v1")), null, `${where}: discarded`);
      }
      assert.equal(await page.locator("#loading").count(), 0, `${where}: not stuck on 正在加载`);
      assert.deepEqual(seen.pageErrors, [], where);
      await andWaitForScreen(page, () => clickButton(page, "开始"));
      await context.close();
    }
  });

  test("number fields take at most 6 characters; an over-long or absurd number is refused in plain Chinese", async () => {
    const { page, context } = await openPage(env.browser, env.server.url, PHONE);
    const profile = { ...PROFILES.a, facts: { ...PROFILES.a.facts } };
    let screen = await andWaitForScreen(page, () => clickButton(page, "开始"));
    while ((await page.evaluate(() => document.querySelector("form.question")?.dataset.input)) !== "number") {
      const value = screen.fact === "region" ? profile.region : screen.fact === "date" ? profile.date : profile.facts[screen.fact];
      const { answer } = await import("./helpers.mjs");
      screen = await answer(page, value);
    }
    assert.equal(await page.getAttribute("#answer", "maxlength"), "6");
    await page.evaluate(() => {
      const input = document.getElementById("answer");
      input.removeAttribute("maxlength"); // as a pasted value or an old WebView might
      input.value = "1".repeat(5000);
    });
    await clickButton(page, "继续");
    const alert = await text(page.locator("[role=alert]"));
    assert.match(alert, /请只填写数字/);
    await page.fill("#answer", "999999");
    await clickButton(page, "继续");
    await page.waitForFunction(() => /之间的整数/.test(document.querySelector("[role=alert]").textContent));
    const refused = await text(page.locator("[role=alert]"));
    assert.match(refused, /^“.+”的回答不对：请填写0到\d+之间的整数。$/, "names the question, in Chinese");
    assert.doesNotMatch(refused, /[A-Za-z_]{3,}/, "no English field names on screen");
    await context.close();
  });
});

describe("served compressed", () => {
  test("build-dist wrote .br and .gz twins; serve.mjs picks one by Accept-Encoding, with Vary and the right type", async () => {
    const cases = [
      ["/app.js", "text/javascript; charset=utf-8"],
      ["/pkg/subsidy_estimator_bg.wasm", "application/wasm"],
      ["/", "text/html; charset=utf-8", "index.html"],
      ["/style.css", "text/css; charset=utf-8"],
      ["/manifest.webmanifest", "application/manifest+json; charset=utf-8"],
    ];
    for (const [path, type, file = path.slice(1)] of cases) {
      const raw = readFileSync(join(DIST, file));
      const br = await get(env.server.port, path, { "Accept-Encoding": "gzip, deflate, br" });
      assert.equal(br.headers["content-encoding"], "br", `${path} as brotli`);
      assert.equal(br.headers["content-type"], type);
      assert.equal(br.headers.vary, "Accept-Encoding");
      assert.ok(br.body.length < raw.length, `${path}: ${br.body.length} < ${raw.length}`);
      assert.deepEqual(brotliDecompressSync(br.body), raw);
      const gz = await get(env.server.port, path, { "Accept-Encoding": "gzip" });
      assert.equal(gz.headers["content-encoding"], "gzip", `${path} as gzip`);
      assert.deepEqual(gunzipSync(gz.body), raw);
      const plain = await get(env.server.port, path, { "Accept-Encoding": "identity" });
      assert.equal(plain.headers["content-encoding"], undefined, `${path} plain`);
      assert.equal(plain.headers.vary, "Accept-Encoding");
      assert.deepEqual(plain.body, raw);
      const refused = await get(env.server.port, path, { "Accept-Encoding": "br;q=0, gzip;q=0" });
      assert.equal(refused.headers["content-encoding"], undefined, `${path}: q=0 means no`);
      // Each encoding has its own validator; the right one gets a 304 without a body.
      assert.ok(br.headers.etag && gz.headers.etag && plain.headers.etag, `${path} has an ETag`);
      assert.equal(new Set([br.headers.etag, gz.headers.etag, plain.headers.etag]).size, 3, `${path}: one ETag per encoding`);
      const again = await get(env.server.port, path, { "Accept-Encoding": "gzip, deflate, br", "If-None-Match": br.headers.etag });
      assert.equal(again.status, 304, `${path}: confirmed`);
      assert.equal(again.body.length, 0);
      assert.equal(again.headers["content-security-policy"], br.headers["content-security-policy"], "a 304 keeps the page's headers");
      const other = await get(env.server.port, path, { "Accept-Encoding": "gzip", "If-None-Match": br.headers.etag });
      assert.equal(other.status, 200, `${path}: the brotli ETag does not confirm the gzip file`);
    }
  });
});
