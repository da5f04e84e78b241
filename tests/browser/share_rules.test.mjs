// Issue 20: a shared link (#a=) is read with the command line's rules. A key given twice is
// refused by name (JSON.parse would keep the last and drop the first), as `subsidy estimate`
// refuses the same text; a byte-order mark before the JSON is read as nothing, as the command
// line reads it (README, "The command line").
import { describe, test, before } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { PHONE, amounts, openPage, screenOf, serverAndBrowser, text } from "./helpers.mjs";
import { SUBSIDY, buildNative, loadEngine } from "./engine.mjs";

const env = serverAndBrowser();
const link = (bytes) => `${env.server.url}#a=${Buffer.from(bytes).toString("base64url")}`;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const GOOD = '{"region":"140502","date":"2021-06-01","groups":["poor_labor"],"training":{"kind":"inclusive","days":10}}';

/** The command line's answer to the same text: exit code and what it said. */
function commandLine(bytes) {
  const run = spawnSync(SUBSIDY, ["estimate", "-"], { input: bytes, encoding: "utf8" });
  return { code: run.status, said: run.stderr.trim(), out: run.stdout };
}

async function opened(url) {
  const page = await openPage(env.browser, url, PHONE);
  const screen = await screenOf(page.page);
  const notice = (await page.page.locator("#notice").count()) ? await text(page.page.locator("#notice")) : null;
  return { ...page, screen, notice };
}

describe("a shared link reads answers as the command line does", () => {
  before(() => buildNative());

  test("a key given twice is refused by name in the link and on the command line", async () => {
    const cases = [
      ['{"region":"140502","date":"2021-06-01","region":"450000"}', "region"],
      ['{"region":"140502","training":{"kind":"inclusive","days":10,"days":300}}', "training.days"],
    ];
    const { engine } = await loadEngine();
    const est = new engine.Estimator();
    for (const [json, field] of cases) {
      // The page names the question as it names any answer the engine refuses.
      const title = `“${est.question(field).title.replace(/[？?]$/, "")}”`;
      const cli = commandLine(Buffer.from(json));
      assert.equal(cli.code, 2, json);
      assert.match(cli.said, new RegExp(`^${field.replace(".", "\\.")}: this key is given twice`), cli.said);
      const page = await opened(link(Buffer.from(json)));
      assert.equal(page.screen.name, "start", `${field}: not the results`);
      assert.match(page.notice || "", /这个分享链接里/, `${field}: ${page.notice}`);
      assert.ok(page.notice.includes(title), `${field}: the question ${title} is named: ${page.notice}`);
      assert.deepEqual(page.seen.pageErrors, []);
      await page.context.close();
    }
  });

  test("a byte-order mark before the JSON is read as nothing, in the link and on the command line", async () => {
    const plain = await opened(link(Buffer.from(GOOD)));
    assert.equal(plain.screen.name, "results");
    const expected = await amounts(plain.page);
    await plain.context.close();
    const marked = await opened(link(Buffer.concat([BOM, Buffer.from(GOOD)])));
    assert.equal(marked.screen.name, "results", `a BOM link opens its results: ${marked.notice}`);
    assert.deepEqual(await amounts(marked.page), expected);
    await marked.context.close();
    const cli = commandLine(Buffer.concat([BOM, Buffer.from(GOOD)]));
    assert.equal(cli.code, 0, cli.said);
    assert.deepEqual(JSON.parse(cli.out), JSON.parse(commandLine(Buffer.from(GOOD)).out));
  });
});
