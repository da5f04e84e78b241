// The studio (api.md, "The studio"): a clerk opens a policy file (`#doc=<base64url UTF-8>`, a
// paste, or a chosen file) and sees every problem with its line as they type; a file with
// none is compiled into its pack and previewed on the worker's own engine (studio-preview.js,
// a Worker running pkg/), its golden cases run there when pasted (`#cases=` too), and the pack
// can be saved for a deployment (README, "Deployment"). The checker is the studio's own
// module (studio/studio.js, src/wasm_studio.rs), which the worker's page never loads.
// Everything is text set with textContent; nothing leaves the device.
import init, { cases as readCases, check, compile, packName } from "./studio/studio.js";
import { inChinese } from "./studio-words.js";

const $ = (id) => document.getElementById(id);
const STATUS = { eligible: "可以领取", ineligible: "不符合条件", undetermined: "还需确认", not_in_force: "不在执行期" };

/** base64url (no padding) of UTF-8 → text; null where it is not. */
function fromBase64url(data) {
  try {
    const binary = atob(data.replace(/-/g, "+").replace(/_/g, "/"));
    return new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
}

function item(text, className) {
  const li = document.createElement("li");
  li.textContent = text;
  if (className) li.className = className;
  return li;
}

let compiled = null; // { bytes, name, region, text }
let previewWorker = null;

/**
 * The sample answers until the clerk edits them: a worker of the document's place with a 中级工
 * certificate, today, or on the document's first day where its period has ended.
 */
function sampleAnswers(region, text) {
  const today = new Date().toISOString().slice(0, 10);
  const period = /in_force\s*=\s*\{[^}]*\}|\[document\.in_force\][^[]*/.exec(text)?.[0] ?? "";
  const from = /from\s*=\s*"(\d{4}-\d{2}-\d{2})"/.exec(period)?.[1];
  const to = /to\s*=\s*"(\d{4}-\d{2}-\d{2})"/.exec(period)?.[1];
  return JSON.stringify(
    {
      region,
      date: from && to && today > to ? from : today,
      employment: "enterprise_employee",
      unemployment_insurance_months: 14,
      certificate: { kind: "skill_level", level: "intermediate", via_job_training: true },
    },
    null,
    1,
  );
}

function showProblems(problems) {
  const list = $("problems");
  list.replaceChildren();
  for (const problem of problems) {
    const shown = inChinese(problem);
    const li = item(shown.chinese);
    li.dataset.line = String(problem.line);
    if (shown.original) {
      const original = document.createElement("span");
      original.className = "original";
      original.textContent = `原文：${shown.original}`;
      li.append(original);
    }
    list.append(li);
  }
}

function runCheck() {
  const text = $("doc").value;
  compiled = null;
  $("save").disabled = true;
  $("pack-name").textContent = "";
  if (!text.trim()) {
    showProblems([]);
    $("state").textContent = "请粘贴、输入或选择一个政策文件。";
    $("state").className = "";
    return;
  }
  const problems = JSON.parse(check(text));
  showProblems(problems);
  if (problems.length) {
    $("state").textContent = `发现 ${problems.length} 个问题，改好后才能预览和保存。`;
    $("state").className = "bad";
    // An earlier version's preview is not left beside a file that no longer compiles.
    previewWorker?.terminate();
    previewWorker = null;
    $("questions").replaceChildren();
    $("results").replaceChildren();
    $("preview-state").textContent = "文件通过检查后显示预览。";
    return;
  }
  const bytes = compile(text);
  const name = packName(bytes);
  compiled = { bytes, name, region: name.slice(0, 6), text };
  $("state").textContent = "没有发现问题。";
  $("state").className = "ok";
  $("save").disabled = false;
  $("pack-name").textContent = `${name}（${bytes.length} 字节）`;
  if (!$("answers").dataset.edited) $("answers").value = sampleAnswers(compiled.region, text);
  preview();
}

function readGolden() {
  const text = $("cases").value;
  if (!text.trim()) return { list: null };
  try {
    return { list: JSON.parse(readCases(text)) };
  } catch (thrown) {
    const problems = JSON.parse(String(thrown));
    return { error: problems.map((p) => inChinese(p).chinese).join("；") };
  }
}

/** A fresh Worker per version: the engine sees this file's pack and nothing earlier. */
function preview() {
  if (!compiled) return;
  previewWorker?.terminate();
  let answers = null;
  try {
    answers = JSON.parse($("answers").value);
  } catch {
    $("preview-state").textContent = "示例答案不是有效的 JSON。";
  }
  const golden = readGolden();
  $("cases-state").textContent = golden.error ? `黄金案例文件有误：${golden.error}` : "";
  const worker = new Worker(new URL("./studio-preview.js", import.meta.url), { type: "module" });
  previewWorker = worker;
  const mine = compiled;
  worker.onmessage = ({ data }) => {
    worker.terminate();
    if (previewWorker !== worker) return;
    previewWorker = null;
    if (!data.ok) {
      $("preview-state").textContent = `测算引擎不接受这个政策包：${data.error}`;
      return;
    }
    showPreview(data, mine);
    if (data.cases) showCases(data.cases);
  };
  worker.postMessage({ bytes: mine.bytes, name: mine.name, answers, cases: golden.list ?? null });
  $("preview-state").textContent = "正在测算…";
}

function showPreview(data, mine) {
  $("questions").replaceChildren(...(data.questions ?? []).map((q) => item(q)));
  const results = $("results");
  results.replaceChildren();
  if (data.answersError) {
    $("preview-state").textContent = `示例答案有误：${data.answersError}`;
    return;
  }
  const est = data.estimate;
  const docId = /^\s*id\s*=\s*"([^"]*)"/m.exec(mine.text)?.[1];
  for (const b of est.benefits) {
    const money = b.amount != null ? `${b.amount}元` : b.amount_max != null ? `最高${b.amount_max}元` : "";
    const li = item(`${b.title}：${STATUS[b.status] ?? b.status}${money ? "，" + money : ""}（${b.source.doc_number ?? b.source.document} ${b.source.clause}）`);
    if (b.source.document_id === docId) li.className = "mine";
    results.append(li);
  }
  $("preview-state").textContent = `${est.region_name ?? mine.region}，${est.date}：共 ${est.benefits.length} 项，加粗的是这个文件的；个人可得合计 ${est.totals.worker} 元。`;
}

function showCases(list) {
  const out = $("case-list");
  out.replaceChildren();
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const c of list) {
    const li = document.createElement("li");
    li.className = "case";
    if (c.skipped) {
      skipped++;
      li.textContent = `跳过：${c.says}`;
    } else if (c.wrong.length) {
      failed++;
      li.classList.add("fail", "bad");
      li.textContent = `未通过：${c.says}`;
      const detail = document.createElement("span");
      detail.className = "detail";
      detail.textContent = c.wrong.join("；");
      li.append(detail);
    } else {
      passed++;
      li.classList.add("pass");
      li.textContent = `通过：${c.says}`;
    }
    out.append(li);
  }
  $("cases-state").textContent = `黄金案例：${passed} 条通过，${failed} 条未通过，${skipped} 条跳过。`;
  $("cases-state").className = failed ? "bad" : "ok";
}

function debounce(fn, ms) {
  let timer;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(fn, ms);
  };
}

function save() {
  if (!compiled) return;
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([compiled.bytes], { type: "application/octet-stream" }));
  link.download = compiled.name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

function openHash() {
  const params = new URLSearchParams(location.hash.slice(1));
  for (const [key, box] of [["doc", "doc"], ["cases", "cases"]]) {
    const data = params.get(key);
    if (data == null) continue;
    const text = fromBase64url(data);
    if (text == null) $("state").textContent = `链接里的 ${key} 不是 base64url 编码的 UTF-8 文本。`;
    else $(box).value = text;
  }
}

async function start() {
  await init();
  openHash();
  $("doc").addEventListener("input", debounce(runCheck, 300));
  const laterPreview = debounce(preview, 300);
  $("answers").addEventListener("input", () => {
    $("answers").dataset.edited = "1";
    laterPreview();
  });
  $("cases").addEventListener("input", laterPreview);
  $("open-file").addEventListener("change", async () => {
    const file = $("open-file").files[0];
    if (!file) return;
    $("doc").value = await file.text();
    runCheck();
  });
  $("save").addEventListener("click", save);
  window.addEventListener("hashchange", () => {
    openHash();
    runCheck();
  });
  runCheck();
}

start().catch((error) => {
  $("state").textContent = `检查器没有载入：${error && error.message}`;
});
