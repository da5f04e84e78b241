// A shared link in WebKit: worker (b) walks to the results on one phone and takes 分享链接;
// another phone (a fresh MiniBrowser, empty storage) opens the link straight into the same
// results, marked as someone else's, with the answers gone from the address bar and nothing of
// the sender stored.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { amounts, andWaitForScreen, clickButton, screenOf, text, walk, waitReady } from "../browser/helpers.mjs";
import { PROFILES } from "../browser/profiles.mjs";
import { PHONE, afterFrames, launchWebKit, siteServer } from "./webkit.mjs";

const env = siteServer();
const KEY = "subsidy-estimator/v1";

describe("WebKit: a shared link", () => {
  test("分享链接 on one phone opens on another straight into the same results, storing nothing there", async () => {
    const sender = await launchWebKit(PHONE);
    let link;
    let sent;
    try {
      await sender.goto(env.server.url);
      await waitReady(sender);
      await sender.watchErrors();
      await walk(sender, PROFILES.b);
      await andWaitForScreen(sender, () => clickButton(sender, "查看结果"));
      sent = await amounts(sender);
      assert.equal(sent.total, "2400元");
      await clickButton(sender, "分享链接");
      await sender.waitForSelector("input.share-link");
      link = await sender.evaluate(() => document.querySelector("input.share-link").value);
      assert.deepEqual(await sender.errors(), [], "nothing went wrong on the sender's phone");
    } finally {
      await sender.close();
    }
    assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/#a=[A-Za-z0-9_-]+$/, "the answers in the fragment only");

    const phone = await launchWebKit(PHONE);
    try {
      await phone.goto(link);
      await waitReady(phone);
      await phone.watchErrors();
      assert.equal((await screenOf(phone)).name, "results", "results at once");
      assert.deepEqual(await amounts(phone), sent, "the same lines and amounts as the sender's");
      assert.match(await text(phone.locator("#shared-banner")), /别人分享的结果/);
      assert.equal(await phone.evaluate(() => location.hash), "", "the answers leave the address bar once read");
      await afterFrames(phone);
      assert.equal(await phone.evaluate((key) => localStorage.getItem(key), KEY), null, "nothing of the sender stored");
      assert.deepEqual(await phone.errors(), [], "nothing went wrong on the other phone");
      await phone.evaluate(() => scrollTo({ top: 0, behavior: "instant" }));
      await phone.screenshot("shared-results");
    } finally {
      await phone.close();
    }
  });
});
