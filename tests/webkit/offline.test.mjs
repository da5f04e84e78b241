// Offline in WebKit: after one visit the service worker (on http://127.0.0.1) holds the site;
// with the server gone (connections refused) a reload still walks a worker to their results.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { connect } from "node:net";
import { andWaitForScreen, amounts, chooseRegion, clickButton, screenOf, walk, waitReady } from "../browser/helpers.mjs";
import { PROFILES } from "../browser/profiles.mjs";
import { PHONE, launchWebKit, siteServer, stopServer } from "./webkit.mjs";

const env = siteServer();

/** Whether anything still answers on the site's port. */
const reachable = (port) =>
  new Promise((ok) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), ok(true)));
    socket.once("error", () => ok(false));
  });

describe("WebKit: offline", () => {
  test("after one visit, a reload with the server gone works fully: a whole walk to the results", async () => {
    const page = await launchWebKit(PHONE);
    try {
      await page.goto(env.server.url);
      await waitReady(page);
      await page.watchErrors();
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
      // The precache is filled once the start screen is usable: wait for the engine and the
      // results screen's chunk to be in it.
      await page.waitForFunction(async () => {
        const names = await caches.keys();
        if (names.length !== 1) return false;
        const files = (await (await caches.open(names[0])).keys()).map((r) => new URL(r.url).pathname);
        return files.includes("/pkg/subsidy_estimator_bg.wasm") && files.includes("/chunks/results-page.js");
      });
      // A place's documents come as a pack when the place is chosen: choose 晋城市城区 once.
      await andWaitForScreen(page, () => clickButton(page, "开始"));
      await chooseRegion(page, PROFILES.c.region);
      assert.equal((await andWaitForScreen(page, () => clickButton(page, "继续"))).fact, "date");
      assert.deepEqual(await page.errors(), [], "nothing went wrong on the first visit");
      await page.evaluate(() => localStorage.clear());

      await stopServer(env.server);
      assert.equal(await reachable(env.server.port), false, "the server is gone");
      await page.reload();
      await waitReady(page);
      await page.watchErrors();
      assert.equal((await screenOf(page)).name, "start");
      await walk(page, PROFILES.c);
      await andWaitForScreen(page, () => clickButton(page, "查看结果"));
      assert.equal((await amounts(page)).total, "150元");
      assert.deepEqual(await page.errors(), [], "nothing went wrong offline");
    } finally {
      await page.close();
    }
  });
});
