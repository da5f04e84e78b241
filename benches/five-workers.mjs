// Issue 21's five workers walked from the start screen to their results on 2026-12-07 (the
// page's clock is fixed there) at 360×740 in Chromium, answering from their own story and
// 不清楚 for anything else: for each, the screens and questions it took and the height of the
// results. With SHOTS=DIR it also writes screenshots there (not committed): the top of three
// workers' results, the checklist, the printed page, a shared result, 长辈版 at 200 %.
//
//   make dist && node benches/five-workers.mjs            (prints one line a worker)
//   make dist && SHOTS=/tmp/shots node benches/five-workers.mjs
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { PHONE, andWaitForScreen, clickButton, launchBrowser, openPage, scrollThrough, startServer, walk } from "../tests/browser/helpers.mjs";
import { sharedFragment } from "../tests/browser/profiles.mjs";

const TODAY = new Date("2026-12-07T10:00:00+08:00");
const SCREENFUL = 740;

/** The five workers; a fact not listed is answered 不清楚. */
const WORKERS = {
  jincheng: {
    says: "晋城市城区的企业职工，失业保险40个月，今年取得中级工职业技能等级证书",
    region: ["140000", "140500", "140502"],
    facts: {
      employment: "enterprise_employee",
      unemployment_insurance_months: 40,
      groups: [],
      "certificate.kind": "skill_level",
      "certificate.level": "intermediate",
      "certificate.issued": "2026-10-15",
      "certificate.claimed_before": false,
      receiving_unemployment_benefit: false,
      skill_upgrade_claims_this_year: 0,
      "training.kind": "none",
      entrepreneurial_intent: false,
    },
  },
  zunyi: {
    says: "遵义市红花岗区22岁的农村转移就业青年，打算参加就业技能培训",
    region: ["520000", "520300", "520302"],
    facts: {
      age: 22,
      groups: ["rural_migrant"],
      hukou: "rural",
      employment: "flexible",
      "certificate.kind": "none",
      "training.kind": "employment_skills",
      entrepreneurial_intent: false,
    },
  },
  nanning: {
    says: "南宁市兴宁区50岁的下岗失业女工，没有证书",
    region: ["450000", "450100", "450102"],
    facts: {
      age: 50,
      groups: ["laid_off", "employment_difficulty"],
      employment: "unemployed",
      "certificate.kind": "none",
    },
  },
  lhasa: {
    says: "拉萨市当雄县的残疾牧民",
    region: ["540000", "540100", "540122"],
    facts: {
      age: 40,
      groups: ["disabled"],
      employment: "farmer_herder",
      works_in_farming: true,
      "certificate.kind": "none",
    },
  },
  hangzhou: {
    says: "杭州市上城区正在领取失业保险金的工人，2026年9月取得高级工证书",
    region: ["330000", "330100", "330102"],
    facts: {
      employment: "unemployed",
      receiving_unemployment_benefit: true,
      unemployment_insurance_months: 60,
      groups: [],
      "certificate.kind": "skill_level",
      "certificate.level": "senior",
      "certificate.issued": "2026-09-10",
      "certificate.claimed_before": false,
      skill_upgrade_claims_this_year: 0,
    },
  },
};

const shots = process.env.SHOTS;
if (shots) mkdirSync(shots, { recursive: true });
const shot = (page, name, options = {}) => (shots ? page.screenshot({ path: join(shots, `${name}.png`), ...options }) : null);

const server = await startServer();
const browser = await launchBrowser();
try {
  for (const [name, worker] of Object.entries(WORKERS)) {
    const { page, context, seen } = await openPage(browser, null, PHONE);
    await page.clock.setFixedTime(TODAY);
    await page.goto(server.url);
    const asked = await walk(page, { ...worker, date: "today" });
    await andWaitForScreen(page, () => clickButton(page, "查看结果"));
    await scrollThrough(page); // every card drawn, so the height is theirs (results.css)
    const r = await page.evaluate(() => ({
      height: document.documentElement.scrollHeight,
      date: document.querySelector(".results .context")?.textContent || "",
      top: document.getElementById("total")?.textContent.replace(/\s+/g, " ").trim() || "",
    }));
    console.log(
      `${name} (${worker.says}): ${asked.length + 2} screens before the results (start, ${asked.length} questions, check); results ${r.height}px = ${(r.height / SCREENFUL).toFixed(1)} screenfuls; ${r.date}; top: ${r.top}`,
    );
    if (seen.pageErrors.length) console.log(`  page errors: ${seen.pageErrors.join("; ")}`);
    await page.evaluate(() => window.scrollTo(0, 0));
    if (["jincheng", "zunyi", "hangzhou"].includes(name)) await shot(page, `results-top-${name}`);
    if (name === "jincheng") {
      const checklist = page.locator("#checklist");
      if (await checklist.count()) await checklist.screenshot({ path: shots ? join(shots, "checklist.png") : undefined });
      await page.emulateMedia({ media: "print" });
      await shot(page, "printed", { fullPage: true });
      await page.emulateMedia({ media: "screen" });
      // The same result opened from its shared link on another phone.
      const link = await page.evaluate(() => JSON.parse(localStorage.getItem("subsidy-estimator/v1")).answers);
      const other = await openPage(browser, null, PHONE);
      await other.page.clock.setFixedTime(TODAY);
      await other.page.goto(`${server.url}${sharedFragment(link)}`);
      await other.page.waitForSelector("#total");
      await shot(other.page, "shared-result");
      await other.context.close();
    }
    await context.close();
  }
  // 长辈版 at 200 % text: a question and the top of the results.
  const { page, context } = await openPage(browser, null, PHONE);
  await page.clock.setFixedTime(TODAY);
  await page.goto(`${server.url}?elder=1`);
  await page.evaluate(() => {
    const html = document.documentElement;
    html.style.fontSize = `${parseFloat(getComputedStyle(html).fontSize) * 2}px`;
  });
  let n = 0;
  await walk(page, { ...WORKERS.nanning, date: "today" }, async (page, screen) => {
    if (screen.name === "question" && n++ < 3) await shot(page, `elder-200-${n}-${screen.fact}`);
  });
  await andWaitForScreen(page, () => clickButton(page, "查看结果"));
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, "elder-200-results-top");
  await context.close();
} finally {
  await browser.close();
  await server.close();
}
