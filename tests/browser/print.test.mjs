// Printing the results: page.pdf() on A4 of the three workers' results fits on at most two
// pages; on paper the answers the results rest on are listed, buttons and "查看…" toggles are
// gone, and every result keeps its document and clause.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PHONE, SCREENSHOTS, andWaitForScreen, clickButton, openPage, serverAndBrowser, walk } from "./helpers.mjs";
import { PROFILES } from "./profiles.mjs";

const env = serverAndBrowser();

/** Pages in a PDF: its /Type /Page objects (not /Pages). */
const pageCount = (pdf) => (pdf.toString("latin1").match(/\/Type\s*\/Page(?![a-z])/g) || []).length;

describe("print", () => {
  for (const id of ["a", "b", "c"]) {
    test(`profile (${id}): the results print on at most 2 A4 pages, with the answers and no dead toggles`, async () => {
      const { page, context, seen } = await openPage(env.browser, env.server.url, PHONE);
      await walk(page, PROFILES[id]);
      await andWaitForScreen(page, () => clickButton(page, "查看结果"));
      assert.equal(await page.getByRole("button", { name: "打印结果" }).isVisible(), true, "a print button");
      await page.emulateMedia({ media: "print" });
      const paper = await page.evaluate(() => {
        const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
        return {
          controls: [...document.querySelectorAll("button, summary, details, input, select")].filter(shown).map((e) => e.textContent.trim().slice(0, 20)),
          answers: [...document.querySelectorAll(".print-answers dt")].filter(shown).map((e) => e.textContent),
          answerWords: [...document.querySelectorAll(".print-answers dd")].filter(shown).map((e) => [e.previousElementSibling.textContent, e.textContent]),
          sources: [...document.querySelectorAll("[data-benefit]")].filter(shown).map((b) => shown(b.querySelector(".source"))),
          masthead: shown(document.querySelector(".masthead")),
        };
      });
      assert.deepEqual(paper.controls, [], "no buttons or 查看… toggles on paper");
      assert.equal(paper.masthead, false);
      assert.ok(paper.answers.length >= 4, `the answers are listed (${paper.answers.length})`);
      // Each answer as check-your-answers words it: no bare YYYY-MM-DD, and the date question
      // in the worker's own terms (which case, and when).
      for (const [question, answer] of paper.answerWords) assert.doesNotMatch(answer, /\d{4}-\d{2}-\d{2}/, `${question}: ${answer}`);
      const when = paper.answerWords.find(([question]) => question.startsWith("这次测算"));
      assert.ok(when, "the date question's answer is printed");
      assert.match(when[1], /^(已经参加了培训或拿到了证书（\d{4}年\d{1,2}月）|打算参加培训或考证（按今天，\d{4}年\d{1,2}月\d{1,2}日）)$/);
      assert.ok(paper.sources.length > 0 && paper.sources.every(Boolean), "every printed result names its document and clause");
      const pdf = await page.pdf({ format: "A4", printBackground: false });
      mkdirSync(SCREENSHOTS, { recursive: true });
      writeFileSync(join(SCREENSHOTS, `40-print-${id}.pdf`), pdf);
      const pages = pageCount(pdf);
      assert.ok(pages >= 1 && pages <= 2, `${pages} A4 pages (at most 2)`);
      assert.deepEqual(seen.pageErrors, []);
      await context.close();
    });
  }
});
