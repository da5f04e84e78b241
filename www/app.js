// 技能补贴测算: the page's start-up, state and navigation, and its question screens. It asks
// what the engine says is worth asking, one question per screen, and shows what the engine
// answers. It holds no eligibility logic of its own: which question comes next, every
// status, amount and reason come from the WebAssembly core. The channels (kiosk, sharing,
// QR, printing, 长辈版, read-aloud, offline) each live in their own module under channels/.
import { h, hidden, replace } from "./dom.js";
import * as store from "./store.js";
import { GROUPS, amountText, resultsView } from "./results.js";
import { engineErrorSentence } from "./wording.js";
import { readAddress } from "./channels/address.js";
import { elderToggle, resetElder } from "./channels/elder.js";
import { watchIdle } from "./channels/kiosk.js";
import { answersForPrint, printButton } from "./channels/print.js";
import { forgetSharedAddress, readShared, shareLink, sharePanel, summaryText } from "./channels/share.js";
import { readAloudButton, stopReading } from "./channels/speech.js";
import { registerServiceWorker, updateReady } from "./channels/offline.js";

document.documentElement.dataset.started = "true";
const root = document.getElementById("screen");
const UNKNOWN = "__unknown__";
const NONE = "__none__";
/** Longest text a number field takes (the engine's largest bound, 3650, has four digits). */
const NUMBER_MAX_CHARS = 6;

const address = readAddress();
if (address.kiosk) store.useMemoryOnly();

/** The engine (`Estimator`) once loaded, and what the worker has told us. */
let est;
let state = store.emptyState();
let renders = 0;
/** A plain sentence for the start screen (a damaged link, unreadable saved answers), shown once. */
let notice = null;
/** The kiosk's idle watch, once started. */
let idleWatch = null;
/** The region preset by the address, once the engine has confirmed it names a place. */
let presetRegion = null;

/**
 * `est.questions(answers)`, remembered for the last answers asked about: one screen change
 * needs it several times, and each call runs the whole estimate (slow on a cheap phone).
 */
let asked = { key: null, result: null };
function questionsFor(answers) {
  const key = JSON.stringify(answers);
  if (asked.key !== key) asked = { key, result: est.questions(answers) };
  return asked.result;
}

// ─── Start-up ────────────────────────────────────────────────────────────────────────────

function problem(title, ...lines) {
  replace(
    root,
    h("h1", { tabindex: "-1" }, title),
    lines.map((line) => h("p", {}, line)),
  );
  document.title = `${title} - 技能补贴测算`;
}

/**
 * The masthead's controls, built here rather than in index.html, so that an old cached
 * index.html (WeChat keeps it a long time) still gets the current ones.
 */
function masthead() {
  let bar = document.querySelector(".masthead-inner");
  if (!bar) {
    const header = h("header", { class: "masthead" }, (bar = h("div", { class: "wrap masthead-inner" }, h("span", { class: "brand" }, "技能补贴测算"))));
    document.body.prepend(header);
  }
  for (const old of bar.querySelectorAll("button")) old.remove();
  const tools = h("div", { class: "masthead-tools" });
  tools.append(elderToggle({ fromAddress: address.elder, kiosk: address.kiosk }));
  const clear = address.kiosk
    ? h("button", { type: "button", id: "clear", class: "clear-button end-button", hidden: true }, "结束并清除")
    : h("button", { type: "button", id: "clear", class: "clear-button", hidden: true }, "清除我的回答");
  tools.append(clear);
  bar.append(tools);
  if (address.kiosk) document.documentElement.classList.add("kiosk");
  return clear;
}

async function start() {
  const clearButton = masthead();
  if (typeof WebAssembly !== "object" || typeof WebAssembly.instantiate !== "function") {
    problem(
      "这个浏览器打不开测算",
      "测算需要浏览器支持 WebAssembly，当前浏览器不支持。",
      "请使用系统浏览器或升级微信后再打开本页：在微信里点右上角“…”，选“在浏览器打开”；或者把微信、手机系统升级到最新版本。",
      "也可以直接咨询当地人社部门，或拨打12333。",
    );
    return;
  }
  registerServiceWorker({ kiosk: address.kiosk });
  try {
    // Fetch the bytes ourselves: some Android WebViews lack `instantiateStreaming`.
    const [engine, response] = await Promise.all([
      import("./pkg/subsidy_estimator.js"),
      fetch(new URL("./pkg/subsidy_estimator_bg.wasm", import.meta.url)),
    ]);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const bytes = await response.arrayBuffer();
    await engine.default({ module_or_path: bytes });
    est = new engine.Estimator();
  } catch (error) {
    console.info("estimator failed to load:", error);
    problem("测算没有加载成功", "请检查网络后刷新页面再试。如果一直打不开，请使用系统浏览器或升级微信后再试。");
    return;
  }
  presetRegion = checkedPreset(address.region);
  const saved = store.loadChecked();
  state = saved.state;
  if (saved.discarded) notice = "上次保存在本机的回答无法读取，已经清除。请从头开始测算。";
  if (!repairAnswers()) notice = "上次保存在本机的回答无法读取，已经清除。请从头开始测算。";
  openShared();
  withPreset();
  clearButton.hidden = false;
  clearButton.addEventListener("click", clearAnswers);
  window.addEventListener("popstate", () => back());
  window.addEventListener("hashchange", () => {
    if (openShared()) render();
  });
  if (address.kiosk) idleWatch = watchIdle({ idle: address.idle, worthKeeping, wipe });
  document.documentElement.dataset.ready = "true";
  render();
}

/** `?region=` if the engine knows the place, else null (a wrong poster link is ignored). */
function checkedPreset(region) {
  if (!region) return null;
  try {
    return est.estimate({ region }).region_name ? region : null;
  } catch (error) {
    console.info("ignoring ?region=:", String(error && error.message));
    return null;
  }
}

/** The preset region, where the worker has not chosen one. */
function withPreset() {
  if (presetRegion && store.getFact(state.answers, "region") === undefined) {
    state.answers = store.withFact(state.answers, "region", presetRegion);
  }
}

/**
 * Answers in the address (#a=…): shown at once as results. A damaged link leaves a plain
 * sentence on the start screen. Returns true when the address carried answers.
 */
function openShared() {
  const shared = readShared();
  if (!shared) return false;
  forgetSharedAddress();
  // A link that cannot be used takes the worker to the start; their own answers stay.
  if (shared.error) {
    notice = shared.error;
    state.screen = { name: "start" };
    return true;
  }
  try {
    est.estimate(shared.answers);
  } catch (error) {
    notice = `${engineErrorSentence(est, error, "这个分享链接里")}请从头开始测算。`;
    state.screen = { name: "start" };
    return true;
  }
  state = { answers: shared.answers, unknown: [], screen: { name: "results" }, history: [] };
  store.save(state);
  return true;
}

/**
 * Saved answers the engine no longer accepts (the page was updated in between) lose only the
 * field the engine names, never the rest. False when nothing could be kept.
 */
function repairAnswers() {
  for (let i = 0; i < 40; i += 1) {
    try {
      est.estimate(state.answers);
      if (i > 0) store.save(state);
      return true;
    } catch (error) {
      const field = String(error.message || "").split(":")[0];
      if (field && store.getFact(state.answers, field) !== undefined) {
        state.answers = store.withFact(state.answers, field, undefined);
      } else {
        state = store.emptyState();
        store.clear();
        return false;
      }
    }
  }
  state = store.emptyState();
  store.clear();
  return false;
}

/** Kiosk: is there anything on this screen worth a countdown before it is wiped? */
function worthKeeping() {
  const preset = presetRegion ? { region: presetRegion } : {};
  return state.screen.name !== "start" || JSON.stringify(state.answers) !== JSON.stringify(preset) || state.unknown.length > 0;
}

/** Kiosk: every answer gone from memory, the address and the screen; back to the start. */
function wipe() {
  stopReading();
  state = store.emptyState();
  asked = { key: null, result: null };
  notice = null;
  forgetSharedAddress();
  resetElder();
  if (updateReady()) {
    window.location.reload();
    return;
  }
  withPreset();
  render();
}

// ─── Navigation ──────────────────────────────────────────────────────────────────────────

function go(screen) {
  state.history.push(state.screen);
  if (state.history.length > 50) state.history.splice(0, state.history.length - 50);
  state.screen = screen;
  store.save(state);
  // A new version of the page is ready (offline.js): the answers are saved, so take it now.
  if (!address.kiosk && updateReady()) {
    window.location.reload();
    return;
  }
  try {
    window.history.pushState({ step: state.history.length }, "");
  } catch {
    // Some embedded browsers refuse; the back link still works.
  }
  render();
}

function back() {
  if (!est) return;
  state.screen = state.history.pop() || { name: "start" };
  store.save(state);
  render();
}

function clearAnswers() {
  if (address.kiosk) {
    // 结束并清除: at a kiosk, at once, no question asked.
    wipe();
    idleWatch.reset();
    return;
  }
  if (!window.confirm("确定要清除您的全部回答吗？清除后需要从头开始。")) return;
  store.clear();
  state = store.emptyState();
  asked = { key: null, result: null };
  notice = null;
  withPreset();
  render();
}

/** The next fact to ask: region and date first, then the engine's most useful question. */
function nextFact() {
  if (store.getFact(state.answers, "region") === undefined) return "region";
  if (store.getFact(state.answers, "date") === undefined) return "date";
  const skip = new Set([...state.unknown, "region", "date"]);
  const next = questionsFor(state.answers).next.find((q) => !skip.has(q.fact));
  return next ? next.fact : null;
}

function afterAnswer({ fact, returnTo }) {
  if (fact === "region" && !returnTo) return { name: "question", fact: "date" };
  const next = nextFact();
  if (next) return returnTo ? { name: "question", fact: next, returnTo } : { name: "question", fact: next };
  return { name: returnTo || "check" };
}

// ─── Rendering ───────────────────────────────────────────────────────────────────────────

function render() {
  stopReading();
  const screen = state.screen;
  let view;
  try {
    if (screen.name === "question") view = questionScreen(screen);
    else if (screen.name === "check") view = checkScreen();
    else if (screen.name === "results") view = resultsScreen();
    else view = startScreen();
  } catch {
    // A saved screen the engine no longer knows (e.g. a retired question): carry on from
    // wherever the answers lead.
    state.screen = nextFact() ? { name: "question", fact: nextFact() } : { name: "check" };
    store.save(state);
    view = state.screen.name === "check" ? checkScreen() : questionScreen(state.screen);
  }
  replace(root, view);
  // For tests and for styling: which screen this is, and a count that changes on every render.
  renders += 1;
  root.dataset.screen = state.screen.name;
  root.dataset.fact = state.screen.fact || "";
  root.dataset.render = String(renders);
  notice = state.screen.name === "start" ? notice : null;
  const heading = root.querySelector("h1");
  document.title = `${heading ? heading.textContent : ""} - 技能补贴测算`;
  window.scrollTo(0, 0);
  if (heading) heading.focus({ preventScroll: true });
}

function backLink() {
  return h("button", { type: "button", class: "back-link", onclick: () => back() }, "返回上一步");
}

function placeName(region) {
  try {
    return est.estimate({ region }).region_name || region;
  } catch {
    return region;
  }
}

function startScreen() {
  const preset = presetRegion ? { region: presetRegion } : {};
  const resuming = !address.kiosk && JSON.stringify(state.answers) !== JSON.stringify(preset) && Object.keys(state.answers).length > 0;
  const region = store.getFact(state.answers, "region");
  // A preset region is not asked again (the place panel above offers to change it).
  const first = () => go({ name: "question", fact: presetRegion && region === presetRegion ? "date" : "region" });
  return [
    notice ? h("div", { class: "notice-panel", role: "alert", id: "notice" }, h("p", {}, notice)) : null,
    h("h1", { tabindex: "-1" }, "测算可以领哪些技能培训补贴"),
    presetRegion && region === presetRegion
      ? h(
          "div",
          { class: "place-panel", id: "place" },
          h("p", {}, address.kiosk ? `这台测算机按${placeName(presetRegion)}的补贴文件测算。` : `按${placeName(presetRegion)}的补贴文件测算。`),
          h("p", { class: "small" }, "如果您不在这里居住和参保，可以更改地区。"),
          h("button", { type: "button", class: "button secondary", onclick: () => go({ name: "question", fact: "region" }) }, "更改地区"),
        )
      : null,
    h(
      "p",
      { class: "lead" },
      "回答几个简单的问题，按当地政府的补贴文件，看看您参加技能培训、考取职业技能证书可以领哪些补贴、大约多少钱。",
    ),
    h(
      "ul",
      { class: "facts" },
      h("li", {}, "大约需要2—3分钟。"),
      address.kiosk
        ? h("li", {}, "回答不会保存，也不会发送到任何地方；离开前请点“结束并清除”。")
        : h("li", {}, "所有回答只保存在本机，不会发送到任何地方。"),
      h("li", {}, "每一项结果都写明依据的文件和条款。"),
      h("li", {}, "不知道的问题可以选“不清楚”。"),
    ),
    h("button", { type: "button", class: "button start", onclick: first }, "开始"),
    resuming ? h("p", { class: "hint" }, "您上次的回答还保存在本机，会自动填好。") : null,
    h("p", { class: "small" }, "测算结果仅供参考，能否领取、领多少，以当地人社部门审核为准。"),
  ];
}

function progressBar(fact) {
  const q = questionsFor(state.answers);
  if (fact === "region" || fact === "date") {
    // Until the place and the day are set the engine cannot tell how many questions follow.
    return h("div", { class: "progress" }, h("p", { class: "progress-text" }, "先选地区和测算日期，然后回答几个问题。"));
  }
  const skip = new Set([...state.unknown, "region", "date"]);
  const unknownCount = state.unknown.filter((f) => f !== fact && store.getFact(state.answers, f) === undefined).length;
  const answered = q.answered.length + unknownCount;
  // The question on screen counts as still to answer, even when reopened after a 不清楚.
  const toAsk = new Set(q.next.map((x) => x.fact).filter((f) => !skip.has(f)));
  if (store.getFact(state.answers, fact) === undefined) toAsk.add(fact);
  const remaining = toAsk.size;
  const percent = Math.round((100 * answered) / Math.max(1, answered + remaining));
  const text = remaining > 0 ? `已回答 ${answered} 题，最多还有 ${remaining} 题` : `已回答 ${answered} 题`;
  return h(
    "div",
    { class: "progress" },
    h("p", { class: "progress-text", id: "progress-text" }, text),
    h(
      "div",
      {
        class: "bar",
        role: "progressbar",
        "aria-labelledby": "progress-text",
        "aria-valuemin": "0",
        "aria-valuemax": "100",
        "aria-valuenow": String(percent),
      },
      // Set through the style object, not a style attribute: the page's CSP allows no inline style.
      barFill(percent),
    ),
  );
}

function barFill(percent) {
  const fill = h("span");
  fill.style.width = `${percent}%`;
  return fill;
}

// ─── One question per screen ─────────────────────────────────────────────────────────────

function questionScreen(screen) {
  const q = est.question(screen.fact);
  const current = store.getFact(state.answers, q.fact);
  const wasUnknown = state.unknown.includes(q.fact) && current === undefined;
  const error = h("div", { class: "error-message", id: "error", role: "alert" });
  const hint = h("p", { class: "hint", id: "hint" }, q.hint);
  const form = h("form", {
    class: "question",
    novalidate: true,
    autocomplete: "off",
    "data-fact": q.fact,
    "data-input": q.input,
  });
  const field = fieldFor(q, current, wasUnknown, { hint, error });
  const submit = (reply) => {
    if (reply.error) return showError(form, error, reply.error);
    commit(screen, reply, form, error);
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    submit(field.read());
  });
  form.append(field.node, h("div", { class: "actions" }, h("button", { type: "submit", class: "button" }, "继续")));
  if (q.unknown_label && q.input === "number") {
    form.append(
      h("p", { class: "or" }, "或"),
      h("button", { type: "button", class: "button secondary", onclick: () => submit({ unknown: true }) }, q.unknown_label),
    );
  }
  const readAloud = readAloudButton(() => questionText(q, form));
  return [backLink(), progressBar(q.fact), readAloud, form];
}

/** What 朗读 reads on a question screen: the question, its hint, and the choices. */
function questionText(q, form) {
  const labels = [...form.querySelectorAll(".option label")].map((l) => l.textContent);
  return [q.title, q.hint, labels.length ? `可以选：${labels.join("；")}` : ""].filter(Boolean).join("。");
}

function showError(form, error, message) {
  replace(error, h("p", {}, message));
  form.classList.add("has-error");
  for (const input of form.querySelectorAll("input, select")) input.setAttribute("aria-invalid", "true");
  document.title = `错误：${document.title.replace(/^错误：/, "")}`;
  const first = form.querySelector("input:not([type=radio]):not([type=checkbox]), select") || form.querySelector("input");
  if (first) first.focus();
}

function commit(screen, reply, form, error) {
  const { fact } = screen;
  const unknown = new Set(state.unknown);
  let answers;
  if (reply.unknown) {
    answers = store.withFact(state.answers, fact, undefined);
    unknown.add(fact);
  } else {
    answers = store.withFact(state.answers, fact, reply.value);
    unknown.delete(fact);
  }
  try {
    questionsFor(answers); // runs the estimate: the engine's word on whether the answer is valid
  } catch (e) {
    // The worker reads a sentence naming the question; the engine's field-naming message
    // goes to the console (wording.js).
    showError(form, error, engineErrorSentence(est, e));
    return;
  }
  state.answers = answers;
  state.unknown = [...unknown];
  go(afterAnswer(screen));
}

/** The input for a question: `{ node, read() }`, read() → { value } | { unknown } | { error }. */
function fieldFor(q, current, wasUnknown, parts) {
  switch (q.input) {
    case "choice":
      return choiceField(q, current, wasUnknown, parts);
    case "multi":
      return multiField(q, current, wasUnknown, parts);
    case "number":
      return numberField(q, current, parts);
    case "date":
      return dateField(q, current, parts);
    case "region":
      return regionField(q, current, parts);
    default:
      throw new Error(`${q.fact}: unknown input ${q.input}`);
  }
}

function heading(q) {
  return h("h1", { tabindex: "-1" }, q.title);
}

function option(type, id, value, label, checked, onchange) {
  return h(
    "div",
    { class: `option ${type}` },
    h("input", { type, id, name: "answer", value, checked, onchange }),
    h("label", { for: id }, label),
  );
}

/** A single input whose label is the question, as the screen's heading. */
function labelledField(q, hint, error, ...input) {
  return h("div", { class: "field" }, h("h1", { tabindex: "-1" }, h("label", { for: "answer" }, q.title)), hint, error, ...input);
}

/** The question as the legend of a fieldset of large options. */
function optionsFieldset(q, hint, error, options) {
  return h(
    "fieldset",
    { "aria-describedby": "hint error" },
    h("legend", {}, heading(q)),
    hint,
    error,
    h("div", { class: "options" }, options),
  );
}

function choiceField(q, current, wasUnknown, { hint, error }) {
  const options = q.options.map((o, i) =>
    option("radio", `answer-${i}`, JSON.stringify(o.value), o.label, current !== undefined && JSON.stringify(current) === JSON.stringify(o.value)),
  );
  if (q.unknown_label) {
    options.push(h("p", { class: "or" }, "或"), option("radio", "answer-unknown", UNKNOWN, q.unknown_label, wasUnknown));
  }
  const node = optionsFieldset(q, hint, error, options);
  return {
    node,
    read() {
      const picked = node.querySelector("input:checked");
      if (!picked) return { error: "请选择一项。" };
      if (picked.value === UNKNOWN) return { unknown: true };
      return { value: JSON.parse(picked.value) };
    },
  };
}

function multiField(q, current, wasUnknown, { hint, error }) {
  const chosen = Array.isArray(current) ? current : [];
  const exclusive = [NONE, UNKNOWN];
  const onchange = (event) => {
    const box = event.target;
    if (!box.checked) return;
    for (const other of node.querySelectorAll("input[type=checkbox]")) {
      if (other === box) continue;
      if (exclusive.includes(box.value) || exclusive.includes(other.value)) other.checked = false;
    }
  };
  const boxes = q.options.map((o, i) =>
    option("checkbox", `answer-${i}`, JSON.stringify(o.value), o.label, chosen.includes(o.value), onchange),
  );
  boxes.push(
    h("p", { class: "or" }, "或"),
    option("checkbox", "answer-none", NONE, "都不是", Array.isArray(current) && current.length === 0, onchange),
  );
  if (q.unknown_label) boxes.push(option("checkbox", "answer-unknown", UNKNOWN, q.unknown_label, wasUnknown, onchange));
  const node = optionsFieldset(q, hint, error, boxes);
  return {
    node,
    read() {
      const ticked = [...node.querySelectorAll("input:checked")].map((i) => i.value);
      if (ticked.length === 0) return { error: "请至少选择一项；都不符合请选“都不是”。" };
      if (ticked.includes(UNKNOWN)) return { unknown: true };
      if (ticked.includes(NONE)) return { value: [] };
      return { value: ticked.map((v) => JSON.parse(v)) };
    },
  };
}

/** "１２" (full-width, from Chinese keyboards) → "12". */
function asciiDigits(text) {
  return text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/[－—]/g, "-");
}

function numberField(q, current, { hint, error }) {
  const input = h("input", {
    type: "text",
    id: "answer",
    name: "answer",
    inputmode: "numeric",
    pattern: "[0-9]*",
    maxlength: String(NUMBER_MAX_CHARS),
    autocomplete: "off",
    "aria-describedby": "hint error",
    class: "number",
    value: typeof current === "number" ? String(current) : "",
  });
  const node = labelledField(q, hint, error, h("div", { class: "number-row" }, input, q.unit ? h("span", { class: "unit" }, q.unit) : null));
  return {
    node,
    read() {
      const text = asciiDigits(input.value.trim());
      if (text === "") return { error: q.unknown_label ? "请填写数字；不知道的话请点“不清楚”。" : "请填写数字。" };
      if (text.length > NUMBER_MAX_CHARS || !/^-?\d{1,6}$/.test(text)) return { error: `请只填写数字${q.unit ? `（单位：${q.unit}）` : ""}，例如 12。` };
      return { value: Number.parseInt(text, 10) };
    },
  };
}

function dateField(q, current, { hint, error }) {
  const today = est.today();
  const input = h("input", {
    type: "date",
    id: "answer",
    name: "answer",
    "aria-describedby": "hint error documents",
    class: "date",
    min: "2000-01-01",
    max: "2099-12-31",
    value: typeof current === "string" ? current : today,
  });
  const documents = h("div", { class: "documents", id: "documents", "aria-live": "polite" });
  const refresh = () => replace(documents, documentsNote(input.value));
  input.addEventListener("input", refresh);
  input.addEventListener("change", refresh);
  refresh();
  const node = labelledField(
    q,
    hint,
    error,
    input,
    h(
      "button",
      {
        type: "button",
        class: "button secondary small-button",
        onclick: () => {
          input.value = today;
          refresh();
        },
      },
      `用今天的日期（${today}）`,
    ),
    documents,
  );
  return {
    node,
    read() {
      const value = asciiDigits(input.value.trim());
      if (value === "") return { error: "请选择日期。" };
      return { value };
    },
  };
}

/** Which documents reach the chosen region, and whether each covers the chosen day. */
function documentsNote(date) {
  let estimate;
  try {
    estimate = est.estimate({ region: state.answers.region, date });
  } catch {
    return h("p", { class: "hint" }, "请选择一个有效的日期。");
  }
  const place = estimate.region_name || "所选地区";
  if (estimate.documents.length === 0) {
    return [
      h("h2", {}, `适用于${place}的补贴文件`),
      h("p", {}, "还没有收录适用于这个地区的补贴文件，测算结果里不会有补贴项目。可以咨询当地人社部门，或拨打12333。"),
    ];
  }
  return [
    h("h2", {}, `适用于${place}的补贴文件`),
    h(
      "ul",
      { class: "doc-list" },
      estimate.documents.map((d) =>
        h(
          "li",
          { class: d.in_force ? "in-force" : "not-in-force" },
          h("span", { class: "doc-title" }, `《${d.title}》`, d.doc_number ? `（${d.doc_number}）` : ""),
          h("span", { class: "doc-period" }, `执行期：${d.period_text}`),
          h(
            "span",
            { class: d.in_force ? "tag ok" : "tag warn" },
            d.in_force ? `${estimate.date} 在执行期内` : `${estimate.date} 不在执行期内`,
          ),
        ),
      ),
    ),
  ];
}

function regionField(q, current, { hint, error }) {
  const provinces = est.regions();
  const code = typeof current === "string" ? current : "";
  const OTHER = "__other__";
  const select = (id, label, items, chosen, otherLabel) => {
    const el = h(
      "select",
      { id, name: id },
      h("option", { value: "" }, "请选择"),
      items.map((item) => h("option", { value: item.code, selected: item.code === chosen }, item.name)),
      otherLabel ? h("option", { value: OTHER, selected: chosen === OTHER }, otherLabel) : null,
    );
    const wrap = h("div", { class: "select-field" }, h("label", { for: id }, label), el);
    return { el, wrap };
  };
  const province = provinces.find((p) => code && p.code.slice(0, 2) === code.slice(0, 2));
  const city = province && province.cities.find((c) => c.code.slice(0, 4) === code.slice(0, 4));
  const district = city && city.districts.find((d) => d.code === code);
  const slots = h("div", { class: "region-picker" });
  const p = select("province", "省份（自治区、直辖市）", provinces, province ? province.code : "");
  slots.append(p.wrap);
  let c = null;
  let d = null;
  const showCities = (initial) => {
    for (const later of [c, d]) if (later) later.wrap.remove();
    c = d = null;
    const chosen = provinces.find((x) => x.code === p.el.value);
    if (!chosen || chosen.cities.length === 0) return;
    const pick = !initial ? "" : city ? city.code : code === chosen.code ? OTHER : "";
    c = select("city", "城市", chosen.cities, pick, "其他城市 / 不清楚");
    c.el.addEventListener("change", () => showDistricts(false));
    slots.append(c.wrap);
    showDistricts(initial);
  };
  const showDistricts = (initial) => {
    if (d) d.wrap.remove();
    d = null;
    const chosenProvince = provinces.find((x) => x.code === p.el.value);
    const chosen = chosenProvince && c && chosenProvince.cities.find((x) => x.code === c.el.value);
    if (!chosen || chosen.districts.length === 0) return;
    const pick = !initial ? "" : district ? district.code : code === chosen.code ? OTHER : "";
    d = select("district", "区县", chosen.districts, pick, "其他区县 / 不清楚");
    slots.append(d.wrap);
  };
  p.el.addEventListener("change", () => showCities(false));
  showCities(true);
  const node = h(
    "fieldset",
    { "aria-describedby": "hint error" },
    h("legend", {}, heading(q)),
    hint,
    error,
    slots,
  );
  return {
    node,
    read() {
      if (!p.el.value) return { error: "请选择省份。" };
      if (c && !c.el.value) return { error: "请选择城市；不在列表里或不清楚，请选“其他城市 / 不清楚”。" };
      if (d && !d.el.value) return { error: "请选择区县；不在列表里或不清楚，请选“其他区县 / 不清楚”。" };
      if (d && d.el.value !== OTHER) return { value: d.el.value };
      if (c && c.el.value !== OTHER) return { value: c.el.value };
      return { value: p.el.value };
    },
  };
}

// ─── Check your answers ──────────────────────────────────────────────────────────────────

function checkScreen() {
  const q = questionsFor(state.answers);
  const rows = q.answered.map((a) => ({ fact: a.fact, title: a.title, answer: a.answer }));
  for (const fact of state.unknown) {
    if (store.getFact(state.answers, fact) !== undefined) continue;
    try {
      rows.push({ fact, title: est.question(fact).title, answer: "不清楚" });
    } catch {
      // A fact the engine no longer asks about: nothing to show or change.
    }
  }
  const change = (fact) => go({ name: "question", fact, returnTo: "check" });
  return [
    backLink(),
    h("h1", { tabindex: "-1" }, "请核对您的回答"),
    h("p", { class: "hint" }, "点“修改”可以改其中任何一项，改完会回到这一页。"),
    h(
      "dl",
      { class: "summary" },
      rows.map((row) =>
        h(
          "div",
          { class: "summary-row", "data-fact": row.fact },
          h("dt", {}, row.title),
          h("dd", { class: "summary-answer" }, row.answer),
          h(
            "dd",
            { class: "summary-change" },
            h("button", { type: "button", class: "link", onclick: () => change(row.fact) }, "修改", hidden(`：${row.title}`)),
          ),
        ),
      ),
    ),
    h("button", { type: "button", class: "button", onclick: () => go({ name: "results" }) }, "查看结果"),
  ];
}

// ─── Results ─────────────────────────────────────────────────────────────────────────────

function resultsScreen() {
  const estimate = est.estimate(state.answers);
  const answers = state.answers;
  const summary = () => summaryText(estimate, GROUPS, amountText);
  const link = shareLink(answers);
  const tools = h(
    "div",
    { class: "channel-tools" },
    readAloudButton(summary, "朗读结果"),
    address.kiosk ? qrSlot(link) : sharePanel({ summary, link: () => shareLink(answers) }),
    printButton(),
  );
  return [
    backLink(),
    resultsView(estimate, {
      questionTitle: (fact) => {
        try {
          return est.question(fact).title;
        } catch {
          return fact;
        }
      },
      answer: (fact) => go({ name: "question", fact, returnTo: "results" }),
      changeDate: () => go({ name: "question", fact: "date", returnTo: "results" }),
      checkAnswers: () => go({ name: "check" }),
    }),
    answersForPrint(questionsFor(answers).answered),
    tools,
  ];
}

/** The kiosk's QR code, drawn once its module (and the QR library) has loaded. */
function qrSlot(link) {
  const slot = h("div", { class: "qr-slot" });
  import("./channels/qr.js")
    .then(({ qrPanel }) => {
      if (slot.isConnected) slot.append(qrPanel(link));
    })
    .catch((error) => {
      console.info("qr:", error);
      slot.append(h("p", {}, "二维码没有显示出来，可以点“打印结果”带走结果。"));
    });
  return slot;
}

start();
