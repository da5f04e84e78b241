// 技能补贴测算: the page's start-up, state and navigation. It asks what the engine says is
// worth asking, one question per screen, and shows what the engine answers. It holds no
// eligibility logic of its own: which question comes next, which choices are offered, every
// status, amount and reason come from the WebAssembly core. Each screen is a module under
// screens/, each input under fields/; the channels (kiosk, sharing, QR, printing, 长辈版,
// read-aloud, offline) each live in their own module under channels/.
//
// What the start screen and the questions need is imported here; the results screen and
// printing load once the start screen is usable (or when first needed), the kiosk's idle
// watch only in kiosk mode: a phone on a slow network fetches less before it can begin.
import { h, replace, swap } from "./dom.js";
import * as store from "./store.js";
import { startScreen } from "./screens/start.js";
import { questionScreen, showError } from "./screens/question.js";
import { checkScreen } from "./screens/check-answers.js";

import { engineErrorSentence } from "./wording.js";
import { readAddress } from "./channels/address.js";
import { elderToggle, resetElder } from "./channels/elder.js";
import { forgetSharedAddress, readShared, shareLink, sharePanel, summaryText } from "./channels/share.js";
import { readAloudButton, stopReading } from "./channels/speech.js";
import { registerServiceWorker, updateReady } from "./channels/offline.js";

document.documentElement.dataset.started = "true";
const root = document.getElementById("screen");

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
/** The engine's places, once asked for. */
let regionList = null;
/** The results screen and printing (`screens/results.js`, `channels/print.js`) once loaded. */
let resultsParts = null;
let resultsLoading = null;

/** Loads the results screen's modules (once; again after a failure). */
function loadResults() {
  resultsLoading ??= Promise.all([import("./screens/results.js"), import("./channels/print.js")]).then(
    ([results, print]) => (resultsParts = { ...results, ...print }),
    (error) => {
      resultsLoading = null;
      throw error;
    },
  );
  return resultsLoading;
}

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
  // index.html holds an empty row where the tools go, so the page does not jump when they come.
  for (const old of bar.querySelectorAll("button, .masthead-tools")) old.remove();
  const tools = h("div", { class: "masthead-tools" });
  tools.append(elderToggle({ fromAddress: address.elder, kiosk: address.kiosk }));
  const clear = address.kiosk
    ? h("button", { type: "button", id: "clear", class: "clear-button end-button waiting", disabled: true }, "结束并清除")
    : h("button", { type: "button", id: "clear", class: "clear-button waiting", disabled: true }, "清除我的回答");
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
  // Saved answers on the results screen, or a shared link: its modules load beside the engine.
  const saved = store.loadChecked();
  const resultsFirst = /^#a=/.test(window.location.hash) || saved.state.screen.name === "results";
  try {
    // The wasm's download began with the page (index.html preloads it; this fetch takes that
    // response). The glue compiles it as it arrives where the browser can
    // (`instantiateStreaming`), else from the bytes (some Android WebViews).
    const [engine, response] = await Promise.all([
      import("./pkg/subsidy_estimator.js"),
      fetch(new URL("./pkg/subsidy_estimator_bg.wasm", import.meta.url)),
      resultsFirst ? loadResults() : null,
    ]);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    await engine.default({ module_or_path: response });
    est = new engine.Estimator();
  } catch (error) {
    console.info("estimator failed to load:", error);
    problem("测算没有加载成功", "请检查网络后刷新页面再试。如果一直打不开，请使用系统浏览器或升级微信后再试。");
    return;
  }
  presetRegion = checkedPreset(address.region);
  state = saved.state;
  if (saved.discarded) notice = "上次保存在本机的回答无法读取，已经清除。请从头开始测算。";
  if (!repairAnswers()) notice = "上次保存在本机的回答无法读取，已经清除。请从头开始测算。";
  openShared();
  withPreset();
  // Unseen but in its place until the engine is ready, so the masthead keeps its size.
  clearButton.disabled = false;
  clearButton.classList.remove("waiting");
  clearButton.addEventListener("click", clearAnswers);
  window.addEventListener("popstate", () => back());
  window.addEventListener("hashchange", () => {
    if (openShared()) render();
  });
  if (address.kiosk) {
    import("./channels/kiosk.js")
      .then(({ watchIdle }) => (idleWatch = watchIdle({ idle: address.idle, worthKeeping, wipe })))
      .catch((error) => console.info("kiosk:", error));
  }
  document.documentElement.dataset.ready = "true";
  render();
  // Once the start screen is usable: the service worker (which downloads the whole site for
  // offline use) and the results screen's modules, so neither competes with the engine.
  afterPaint(() => {
    registerServiceWorker({ kiosk: address.kiosk });
    loadResults().catch((error) => console.info("results screen not loaded yet:", error));
  });
  // 开始 tapped while the engine was still loading (boot.js showed 正在准备…): go on now.
  if (document.documentElement.hasAttribute("data-start-wanted")) {
    document.documentElement.removeAttribute("data-start-wanted");
    if (state.screen.name === "start") firstQuestion();
  }
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

// ─── After the frame ─────────────────────────────────────────────────────────────────────

/**
 * Work that changes nothing on screen (focus, history, saving to the device) runs once the
 * new screen has been painted, so a tap on 继续 shows the next question first. A hidden page
 * gets no frames, hence the timer; leaving the page (pagehide) runs whatever still waits.
 */
let waiting = [];
function afterPaint(task) {
  waiting.push(task);
  if (waiting.length > 1) return;
  requestAnimationFrame(() => setTimeout(runWaiting, 0));
  setTimeout(runWaiting, 250);
}
function runWaiting() {
  const tasks = waiting;
  waiting = [];
  for (const task of tasks) task();
}
window.addEventListener("pagehide", runWaiting);

let saveWanted = false;
/** The state written to the device after the frame (the latest state, once per frame). */
function saveSoon() {
  if (saveWanted) return;
  saveWanted = true;
  afterPaint(() => {
    if (!saveWanted) return; // 清除 came first
    saveWanted = false;
    store.save(state);
  });
}

// ─── Navigation ──────────────────────────────────────────────────────────────────────────

function go(screen) {
  state.history.push(state.screen);
  if (state.history.length > 50) state.history.splice(0, state.history.length - 50);
  state.screen = screen;
  // A new version of the page is ready (offline.js): save the answers and take it now.
  if (!address.kiosk && updateReady()) {
    store.save(state);
    window.location.reload();
    return;
  }
  render();
  // After the new screen is on show: pushState makes the browser read the old screen's layout
  // (to keep its scroll position), so it waits for the frame, as does writing to the device.
  const step = state.history.length;
  afterPaint(() => {
    try {
      window.history.pushState({ step }, "");
    } catch {
      // Some embedded browsers refuse; the back link still works.
    }
  });
  saveSoon();
}

function back() {
  if (!est) return;
  state.screen = state.history.pop() || { name: "start" };
  render();
  saveSoon();
}

function clearAnswers() {
  if (address.kiosk) {
    // 结束并清除: at a kiosk, at once, no question asked.
    wipe();
    idleWatch?.reset();
    return;
  }
  if (!window.confirm("确定要清除您的全部回答吗？清除后需要从头开始。")) return;
  saveWanted = false;
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

/** What the screens need from the page: its state, the engine, and its navigation. */
const app = {
  get state() {
    return state;
  },
  get est() {
    return est;
  },
  get today() {
    return est.today();
  },
  /** The engine's places (`est.regions()`), read once: they never change. */
  regions() {
    regionList ??= est.regions();
    return regionList;
  },
  questionsFor,
  question: questionFor,
  go,
  commit,
  backLink,
};

/**
 * The question for `fact` with the engine's choices for these answers: the groups and
 * training kinds narrowed to those that can still change a result. A question reopened to
 * change it is narrowed as if it were not answered yet.
 */
function questionFor(fact) {
  const without = store.withFact(state.answers, fact, undefined);
  try {
    const offered = questionsFor(without).next.find((q) => q.fact === fact);
    if (offered) return offered;
  } catch {
    // Answers the engine refuses are caught where they are given; ask the plain question.
  }
  return est.question(fact);
}

function render() {
  // The results screen's modules still on their way (a slow network): say so, and draw it
  // when they come; a failure says so too.
  if (state.screen.name === "results" && !resultsParts) {
    waitFor(loadResults(), render);
    return;
  }
  stopReading();
  const screen = state.screen;
  let view;
  let progress = null;
  let part = null;
  try {
    if (screen.name === "question") ({ view, progress, part } = questionScreen(screen, app));
    else if (screen.name === "check") view = checkScreen(app);
    else if (screen.name === "results") view = resultsScreen();
    else view = homeScreen();
  } catch (error) {
    // A saved screen the engine no longer knows (e.g. a retired question): carry on from
    // wherever the answers lead.
    console.info("screen:", error);
    state.screen = nextFact() ? { name: "question", fact: nextFact() } : { name: "check" };
    store.save(state);
    if (state.screen.name === "check") view = checkScreen(app);
    else ({ view, progress, part } = questionScreen(state.screen, app));
  }
  // The start screen already on the page (index.html) is kept as it is, not drawn again.
  if (!(view instanceof Node && view.parentNode === root)) afterPaint(swap(root, view));
  else for (const other of [...root.children]) if (other !== view) other.remove();
  // For tests and for styling: which screen this is, and a count that changes on every render.
  renders += 1;
  root.dataset.screen = state.screen.name;
  root.dataset.fact = state.screen.fact || "";
  root.dataset.part = part ? String(part) : "";
  root.dataset.render = String(renders);
  root.dataset.next = progress ? progress.facts.join(" ") : "";
  notice = state.screen.name === "start" ? notice : null;
  // The new screen's heading (the old screen may still be in the page, unseen, until the frame).
  const heading = [view].flat(Infinity).reduce((found, node) => found || (node instanceof Element ? (node.matches("h1") ? node : node.querySelector("h1")) : null), null);
  window.scrollTo(0, 0);
  // After the frame: the new question's heading takes the focus, so a screen reader reads it
  // out (focusing makes the browser lay out the new screen at once), and the tab's title
  // follows it (a new title costs the browser several milliseconds on a slow phone).
  const shown = renders;
  afterPaint(() => {
    if (renders !== shown) return;
    document.title = `${heading ? heading.textContent : ""} - 技能补贴测算`;
    if (heading && heading.isConnected) heading.focus({ preventScroll: true });
  });
  root.dataset.settled = "";
  afterPaint(() => {
    if (renders === shown) root.dataset.settled = String(shown);
  });
}

/** "正在准备……" under the current screen until `promise` settles, then `then()`. */
function waitFor(promise, then) {
  let status = document.getElementById("waiting");
  if (!status) {
    status = h("p", { class: "loading", id: "waiting", role: "status" });
    root.append(status);
  }
  status.textContent = "正在准备……";
  promise.then(
    () => {
      status.remove();
      then();
    },
    (error) => {
      console.info("not loaded:", error);
      // A module that failed to load is not fetched again by this page: a reload is the way.
      status.textContent = "没有加载成功，请检查网络后刷新页面再试。";
    },
  );
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

/** The first question: the region, unless the address preset it. */
function firstQuestion() {
  const region = store.getFact(state.answers, "region");
  go({ name: "question", fact: presetRegion && region === presetRegion ? "date" : "region" });
}

function homeScreen() {
  const preset = presetRegion ? { region: presetRegion } : {};
  const resuming = !address.kiosk && JSON.stringify(state.answers) !== JSON.stringify(preset) && Object.keys(state.answers).length > 0;
  const region = store.getFact(state.answers, "region");
  return startScreen({
    notice,
    kiosk: address.kiosk,
    resuming,
    onStart: firstQuestion,
    // A preset region is not asked again; this panel offers to change it.
    place:
      presetRegion && region === presetRegion
        ? {
            text: address.kiosk ? `这台测算机按${placeName(presetRegion)}的补贴文件测算。` : `按${placeName(presetRegion)}的补贴文件测算。`,
            change: () => go({ name: "question", fact: "region" }),
          }
        : null,
  });
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
  if (reply.when) state.when = reply.when;
  go(afterAnswer(screen));
}

// ─── Results ─────────────────────────────────────────────────────────────────────────────

function resultsScreen() {
  const { GROUPS, amountText, resultsView, answersForPrint, printButton } = resultsParts;
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
