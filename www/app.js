// 技能补贴测算: the page's start-up, state and navigation. It asks what the engine says is
// worth asking, one question per screen, and shows what the engine answers. It holds no
// eligibility logic of its own: which question comes next, which choices are offered, every
// status, amount and reason come from the WebAssembly core. Each screen is a module under
// screens/, each input under fields/; the channels (kiosk, sharing, QR, printing, 长辈版,
// read-aloud, offline) each live in their own module under channels/.
//
// What the start screen and the questions need is imported here; the results screen and
// printing load once the start screen is usable (or when first needed), the kiosk's idle
// watch only in kiosk mode: a phone on a slow network fetches less before it can begin. The
// start screen and the region question need no engine (the places are in the build), so they
// work while the wasm is still downloading; the question an answer leads to is drawn as soon
// as it is ticked (prepare), so 继续 only has to show it.
import { h, problem, reveal, statusLine, swap } from "./dom.js";
import * as store from "./store.js";
import { startScreen } from "./screens/start.js";
import { questionScreen, showError } from "./screens/question.js";
import { engineErrorSentence, fieldOf } from "./wording.js";
import { readAddress } from "./channels/address.js";
import { resetElder } from "./channels/elder.js";
import { forgetSharedAddress, readShared } from "./channels/share.js";
import { readAloudButton, stopReading } from "./channels/speech.js";
import { registerServiceWorker, updateReady } from "./channels/offline.js";
import { afterPaint, nextTask } from "./frame.js";
import { forgetQuestions, loadEngine, questionsOf } from "./engine.js";
import { masthead } from "./masthead.js";
import { aheadKey, aheadOr, drawAhead, dropAhead, isAhead, keepPrepared, takeAhead, takePrepared } from "./ahead.js";
import { addBrowserEntry, stepBack, stepForward, stepTo } from "./screen-history.js";
import { REGION_QUESTION, REGIONS } from "build:start";
import { loadPlaces, nameOf, namedEngine, namedQuestions, noLocalDocuments, placePending, placesHeld, provinceCities } from "./places.js";

document.documentElement.dataset.started = "true";
const root = document.getElementById("screen");

const address = readAddress();
if (address.kiosk) store.useMemoryOnly();

/** The engine (`Estimator`) once loaded, and what the worker has told us. */
let est;
/** Settles once the engine is loaded (`est` set), or has failed to load. */
let engineReady = null;
let state = store.emptyState();
let renders = 0;
/** The page has scrolled since the last screen was drawn: the next one is drawn at the top. */
let scrolled = true;
window.addEventListener("scroll", () => (scrolled = true), { passive: true });
/** A plain sentence for the start screen (a damaged link, unreadable saved answers), shown once. */
let notice = null;
/** The kiosk's idle watch, once started. */
let idleWatch = null;
/** A plain sentence shown under every screen when a place's packs failed to load (places.js). */
let packProblem = null;
/** The region preset by the address, once the engine has confirmed it names a place. */
let presetRegion = null;
/** Kiosk: the places' files held once its own place was in (places.js, `placesHeld`). */
let kioskPlaces = 0;
/**
 * A shared link (#a=) on show: this phone's own state, kept aside untouched (and never saved
 * over) until the person chooses 用这些回答重新测算 and confirms; `state.shared` marks the view.
 */
let ownState = null;
/** `?region=` named another place than the kept answers: those answers, until the person says whether to keep the rest. */
let keptElsewhere = null;
/** The results screen with printing and sharing (`screens/results-page.js`) once loaded. */
let resultsParts = null;
/** The screens after the place (`screens/later.js`) once loaded: see loadLater. */
let laterScreens = null;

/**
 * A chunk's loader: `load()` once (again after a failure), settled once the chunk's style
 * sheet has (`styled`), when `keep` is given the chunk.
 */
function chunkLoader(load, keep) {
  let loading = null;
  return () =>
    (loading ??= load().then(
      (chunk) => chunk.styled.then(() => keep(chunk)),
      (error) => {
        loading = null;
        throw error;
      },
    ));
}

/**
 * Loads the screens after the place, the later questions' fields and check-your-answers:
 * asked for once the start screen works with the engine ready, or when the worker starts
 * before that, so the first load does not carry them, and a screen that needs them waits
 * (render).
 */
const loadLater = chunkLoader(
  () => import("./screens/later.js"),
  (screens) => (laterScreens = screens),
);

/** Whether `screen` is drawn by `screens/later.js`: every one after the place's question but the results. */
const needsLater = (screen) => screen.name === "check" || (screen.name === "question" && screen.fact !== "region");

/** Loads the results screen's modules. */
const loadResults = chunkLoader(
  () => import("./screens/results-page.js"),
  (page) => (resultsParts = page),
);

/** `est.questions(answers)`, remembered (engine.js). */
const questionsFor = (answers) => namedQuestions(questionsOf(est, answers), answers);

/** The facts answered 不清楚 once `reply` to `fact` is taken. */
function unknownAfter(fact, reply) {
  const unknown = new Set(state.unknown);
  unknown[reply.unknown ? "add" : "delete"](fact);
  return [...unknown];
}

/**
 * The answers as they will be if the worker taps 继续 now (`reply` from the field on show):
 * run through the engine, and the question they lead to drawn, laid out and kept unseen
 * under this one, after the frame that shows the tick or the keystroke. The tap then only
 * reveals it. Answers the engine refuses are left for 继续 to report.
 */
function prepare(screen, reply) {
  if (!est || reply.error || state.screen !== screen) return;
  const answers = store.withFact(state.answers, screen.fact, reply.unknown ? undefined : reply.value);
  const unknown = unknownAfter(screen.fact, reply);
  const when = reply.when || state.when;
  const key = aheadKey(answers, unknown, when);
  try {
    if (!isAhead(screen, key)) questionsFor(answers);
  } catch {
    return dropAhead(); // said beside the question when 继续 is tapped
  }
  if (!isAhead(screen, key)) drawFor(screen, key, { ...state, answers, unknown, when }, () => afterAnswer(screen));
  keepPrepared(screen, reply, [state.answers, state.unknown, state.when], { answers, unknown, when, key });
}

/**
 * The second page of a question in two parts, drawn ahead while the first is ticked
 * (`next`, as question.js would go to it); `goTo(from, next)` then takes the drawn one.
 */
function prepareScreen(from, next) {
  const key = JSON.stringify(next);
  if (est && state.screen === from && !isAhead(from, key)) drawFor(from, key, state, () => next);
}
const goTo = (from, next) => go(aheadOr(from, JSON.stringify(next), next));

/** The screen `leadsTo()` names, drawn ahead (ahead.js) as the state `as` would draw it. */
function drawFor(from, key, as, leadsTo) {
  const shown = state;
  state = as;
  try {
    drawAhead(root, from, key, () => {
      const screen = leadsTo();
      if (needsLater(screen) && !laterScreens) {
        // Drawn ahead once they have come, if the worker is still on the same screen.
        loadLater().then(() => state.screen === from && !isAhead(from, key) && drawFor(from, key, as, leadsTo), () => {});
        return null;
      }
      if (screen.name === "question") return { screen, drawn: questionScreen(screen, app) };
      if (screen.name === "check") return { screen, drawn: { view: laterScreens.checkScreen(app), progress: null, part: null } };
      return null;
    });
  } catch (error) {
    console.info("not drawn ahead:", error);
  } finally {
    state = shown;
  }
}

// ─── Start-up ────────────────────────────────────────────────────────────────────────────

async function start() {
  const clearButton = masthead(address);
  // boot.js tried a module built as the engine is (data-unsupported when it failed).
  const unsupported = document.documentElement.hasAttribute("data-unsupported");
  if (unsupported || typeof WebAssembly !== "object" || typeof WebAssembly.instantiate !== "function") {
    problem(
      root,
      "这个浏览器打不开测算",
      unsupported ? "测算需要较新的浏览器，当前浏览器的版本太旧。" : "测算需要浏览器支持 WebAssembly，当前浏览器不支持。",
      "请使用系统浏览器或升级微信后再打开本页：在微信里点右上角“…”，选“在浏览器打开”；或者把微信、手机系统升级到最新版本。",
      "也可以直接咨询当地人社部门，或拨打12333。",
    );
    return;
  }
  // Saved answers on the results screen, or a shared link: its modules load beside the engine.
  const saved = store.loadChecked();
  const sharedLink = /^#a=/.test(window.location.hash);
  engineReady = loadEngine(sharedLink || saved.state.screen.name === "results" ? loadResults() : null);
  // The start screen and the region question need no engine (the places are written into the
  // build, build-dist.mjs): they work at once, while the wasm is still downloading, unless the
  // address or the saved answers lead somewhere only the engine can check (a shared link, a
  // screen further on, a preset place, whose first question is the date).
  const early = !sharedLink && saved.state.screen.name === "start" && !address.region;
  if (early) {
    state = saved.state;
    if (saved.discarded) notice = "上次保存在本机的回答无法读取，已经清除。请从头开始测算。";
    useTools(clearButton);
    document.documentElement.dataset.usable = "true";
    render();
    startIfWanted();
  }
  try {
    est = await engineReady;
  } catch (error) {
    console.info("estimator failed to load:", error);
    document.documentElement.removeAttribute("data-opening");
    problem(root, "测算没有加载成功", "请检查网络后刷新页面再试。如果一直打不开，请使用系统浏览器或升级微信后再试。");
    return;
  }
  // The places the address, the saved answers and a shared link name: their packs come first,
  // so nothing is drawn for a place without its documents (a failure leaves the national lines).
  const placesNamed = [address.region, store.getFact(saved.state.answers, "region"), readShared()?.answers?.region];
  [packProblem] = await Promise.all([loadPlaces(est, placesNamed), ...placesNamed.map(nameProvinceOf)]);
  // Opening on a later screen (a shared link, saved results): nothing of the page's own is on
  // show yet, so the checks of the answers, the shared estimate and the first drawing each run
  // in a task of their own, not as one long task after the packs (the first estimates are the
  // slowest: the engine's code is compiled as it is first run).
  if (!early) await nextTask();
  presetRegion = checkedPreset(address.region);
  kioskPlaces = placesHeld();
  // A kiosk's module zeroes what it frees, so a wipe (est.forget) leaves nothing of a visitor.
  if (address.kiosk) est.zeroFreedMemory?.();
  if (!early) {
    state = saved.state;
    if (saved.discarded) notice = "上次保存在本机的回答无法读取，已经清除。请从头开始测算。";
  }
  const repaired = repairAnswers();
  if (!repaired) notice = "上次保存在本机的回答无法读取，已经清除。请从头开始测算。";
  if (!early) await nextTask();
  const opened = openShared();
  presetWins(opened);
  withPreset();
  if (!early) useTools(clearButton);
  if (address.kiosk) {
    // The QR code's module too, now: once a newer build takes over (it reloads at the next
    // wipe), this page loads nothing more, so never a new build's chunk under the old app.
    import("./channels/qr.js").catch((error) => console.info("qr:", error));
    import("./channels/kiosk.js")
      .then(({ watchIdle }) => (idleWatch = watchIdle({ idle: address.idle, worthKeeping, wipe })))
      .catch((error) => console.info("kiosk:", error));
  }
  if (!early) await nextTask();
  document.documentElement.dataset.ready = "true";
  // Drawn now unless the worker is already under way (early): then only what changed.
  if (!early || opened || (!repaired && state.screen.name === "start")) render();
  // Once the start screen is usable: the service worker (which downloads the whole site for
  // offline use) and the results screen's modules, so neither competes with the engine.
  afterPaint(() => {
    registerServiceWorker({ kiosk: address.kiosk });
    loadResults().catch((error) => console.info("results screen not loaded yet:", error));
    loadLater().catch((error) => console.info("later screens not loaded yet:", error));
  });
  startIfWanted();
}

/** 清除 and the browser's back button, once the screens they lead to can be drawn. */
function useTools(clearButton) {
  // Unseen but in its place until then, so the masthead keeps its size.
  clearButton.disabled = false;
  clearButton.classList.remove("waiting");
  clearButton.addEventListener("click", clearAnswers);
  window.addEventListener("popstate", backOrForward);
  window.addEventListener("hashchange", () => {
    if (!est) return;
    // A shared link's place: its packs first (loadPlaces never rejects).
    loadPlaces(est, [readShared()?.answers?.region]).then((failed) => {
      packProblem = failed || packProblem;
      if (openShared()) render();
    });
  });
}

/** 开始 tapped before this script could take it (boot.js showed 正在准备…): go on now. */
function startIfWanted() {
  if (!document.documentElement.hasAttribute("data-start-wanted")) return;
  document.documentElement.removeAttribute("data-start-wanted");
  if (state.screen.name === "start") firstQuestion();
}

/** Screens drawn without the engine: the start screen (no preset place) and the region question. */
function needsEngine(screen) {
  if (screen.name === "start") return Boolean(address.region);
  return !(screen.name === "question" && screen.fact === "region");
}

/**
 * `task` once the engine is ready, with 正在准备…… under the screen until then; only the
 * latest task waiting runs (a second tap replaces the first).
 */
let afterEngine = null;
function whenEngine(task) {
  const first = !afterEngine;
  afterEngine = task;
  if (!first) return void waitingLine(); // a later tap (after 返回上一步 and 开始) is answered too
  waitFor(engineReady, () => {
    const next = afterEngine;
    afterEngine = null;
    next();
  });
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
    if (shared.refused) throw shared.refused;
    est.estimate(shared.answers);
  } catch (error) {
    notice = `${engineErrorSentence(est, error, "这个分享链接里")}请从头开始测算。`;
    state.screen = { name: "start" };
    return true;
  }
  // Looked at, not taken over: nothing is stored and this phone's own answers stay as they are.
  if (!state.shared) ownState = state;
  state = { answers: shared.answers, unknown: [], screen: { name: "results" }, history: [], shared: true };
  return true;
}

/** Someone else's answers on show (a shared link or a kiosk's QR code). */
const viewingShared = () => Boolean(state.shared);

/** The state written to the device, unless it is someone else's shared answers. */
function keep() {
  if (!viewingShared()) store.save(state);
}

/**
 * 用这些回答重新测算: the shared answers become this phone's own, after the person confirms
 * where the phone keeps answers of its own. False when they decline.
 */
function adoptShared() {
  if (!viewingShared()) return true;
  const own = ownState && (Object.keys(ownState.answers).length > 0 || ownState.screen.name !== "start");
  if (own && !window.confirm("用这些回答重新测算，会替换本机保存的您自己的回答。确定吗？")) return false;
  delete state.shared;
  ownState = null;
  store.save(state);
  return true;
}

/** Back from someone else's results to this phone's own, as they were. */
function leaveShared() {
  state = ownState || store.emptyState();
  ownState = null;
  forgetQuestions();
  render();
}

/**
 * A `?region=` preset wins over answers kept from an earlier visit for another place: the
 * region is the preset's and the start screen asks whether to keep the rest (api.md).
 */
function presetWins(opened) {
  const kept = store.getFact(state.answers, "region");
  if (!presetRegion || opened || address.kiosk || kept === undefined || kept === presetRegion) return;
  keptElsewhere = { answers: state.answers, unknown: state.unknown, region: kept };
  state = { ...store.emptyState(), answers: { region: presetRegion } };
}

/** The answer to "keep the rest?": the kept answers under the preset place, or none. */
function keepRest(yes) {
  if (yes && keptElsewhere) {
    state.answers = store.withFact(keptElsewhere.answers, "region", presetRegion);
    state.unknown = keptElsewhere.unknown;
  }
  keptElsewhere = null;
  keep();
  render();
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
      const field = fieldOf(error);
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
  ownState = null;
  forgetQuestions();
  forgetVisitor();
  notice = null;
  forgetSharedAddress();
  resetElder();
  // A new build takes over here, before anyone else touches the page; and a visitor who chose
  // another place leaves its pack and names in the page and the module: a fresh page forgets
  // them (the service worker serves it from the device).
  if (updateReady() || placesHeld() > kioskPlaces) {
    window.location.reload();
    return;
  }
  withPreset();
  render();
}

/**
 * Nothing of the last person left in the page or the module: the live region that said
 * "已回答 8 题" goes quiet, and the engine drops its last answers and estimate (and zeroes them).
 */
function forgetVisitor() {
  const live = document.getElementById("progress-live");
  if (live) live.textContent = "";
  try {
    est?.forget?.();
  } catch (error) {
    console.info("forget:", error);
  }
}

// ─── After the frame ─────────────────────────────────────────────────────────────────────

let saveWanted = false;
/** The state written to the device after the frame (the latest state, once per frame). */
function saveSoon() {
  if (saveWanted) return;
  saveWanted = true;
  afterPaint(() => {
    if (!saveWanted) return; // 清除 came first
    saveWanted = false;
    keep();
  });
}

// ─── Navigation ──────────────────────────────────────────────────────────────────────────

function go(screen) {
  // Away from someone else's results into questions: only with their answers taken over.
  if (viewingShared() && screen.name !== "results" && !adoptShared()) return;
  stepTo(state, screen);
  // A new version of the page is ready (offline.js): save the answers and take it now.
  if (!address.kiosk && updateReady()) {
    keep();
    window.location.reload();
    return;
  }
  render();
  // After the new screen is on show: pushState makes the browser read the old screen's layout
  // (to keep its scroll position), so it waits for the frame, as does writing to the device.
  const step = state.history.length;
  afterPaint(() => addBrowserEntry(step));
  saveSoon();
}

function back() {
  if (viewingShared()) return leaveShared();
  stepBack(state);
  render();
  saveSoon();
}

/** The browser's back and forward buttons (screen-history.js tells which). */
function backOrForward(event) {
  // A shared link opened in this tab (its fragment arriving) is not a step back: hashchange opens it.
  if (/^#a=/.test(window.location.hash)) return;
  if (!stepForward(state, event)) return back();
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
  ownState = null;
  keptElsewhere = null;
  forgetQuestions();
  forgetVisitor();
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
  /** The engine, its estimates naming the place from the province files (places.js). */
  get est() {
    return est && namedEngine(est);
  },
  get today() {
    return est.today();
  },
  /** The engine's places (`est.regions()`), as the build read them from the engine. */
  regions() {
    return REGIONS;
  },
  kiosk: address.kiosk,
  /** The screens after the place (`screens/later.js`), null until loaded (question.js). */
  get later() {
    return laterScreens;
  },
  /** The worker's answer to `fact` (a dotted name), or undefined (check-answers.js). */
  answerOf: (fact) => store.getFact(state.answers, fact),
  questionsFor,
  prepare,
  prepareScreen,
  goTo,
  question: questionFor,
  readAloudButton,
  viewingShared,
  adoptShared: () => adoptShared() && go({ name: "check" }),
  leaveShared,
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
  // As the build read it from the engine (`est.question("region")`): asked before the engine is here.
  if (fact === "region") return REGION_QUESTION;
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
  if (!est && needsEngine(state.screen)) {
    whenEngine(render);
    return;
  }
  // The results screen's modules still on their way (a slow network): say so, and draw it
  // when they come; a failure says so too.
  if (state.screen.name === "results" && !resultsParts) {
    waitFor(loadResults(), render);
    return;
  }
  // The same for a screen after the place's question, before its module has come.
  if (needsLater(state.screen) && !laterScreens) {
    waitFor(loadLater(), render);
    return;
  }
  stopReading();
  const screen = state.screen;
  // The screen drawn ahead of 继续 (prepare), when it is this one; any other is dropped.
  const drawn = takeAhead(screen);
  let view;
  let progress = null;
  let part = null;
  let shownPrepare = null;
  /** The results beneath their top (results-page.js), drawn after the frame that shows the top. */
  let rest = null;
  try {
    if (drawn) ({ view, progress, part, prepare: shownPrepare } = drawn);
    else if (screen.name === "question") ({ view, progress, part, prepare: shownPrepare } = questionScreen(screen, app));
    else if (screen.name === "check") view = laterScreens.checkScreen(app);
    else if (screen.name === "results") ({ view, rest } = resultsParts.resultsScreen(app));
    else view = homeScreen();
  } catch (error) {
    // A saved screen the engine no longer knows (e.g. a retired question): carry on from
    // wherever the answers lead.
    console.info("screen:", error);
    state.screen = nextFact() ? { name: "question", fact: nextFact() } : { name: "check" };
    keep();
    if (needsLater(state.screen) && !laterScreens) {
      waitFor(loadLater(), render);
      return;
    }
    if (state.screen.name === "check") view = laterScreens.checkScreen(app);
    else ({ view, progress, part } = questionScreen(state.screen, app));
  }
  // A place without documents of its own: say so, and where to ask, right under what the worker
  // can get (the top of the results stays the money), in the screen itself so nothing shifts.
  if (state.screen.name === "results") {
    const region = store.getFact(state.answers, "region");
    const placeNote = noLocalDocuments(est, region, placeName(region));
    const nodes = [view].flat(Infinity).filter((node) => node instanceof Element);
    const find = (selector) => nodes.map((node) => (node.matches(selector) ? node : node.querySelector(selector))).find(Boolean);
    find("#place-note")?.remove();
    if (placeNote) {
      const note = h("p", { class: "place-note", id: "place-note", role: "note" }, placeNote);
      const total = find("#total");
      if (total) total.after(note);
      else if (Array.isArray(view)) view.push(note);
      else if (view instanceof Element) view.append(note);
    }
  }
  // The start screen already on the page (index.html) is kept as it is, not drawn again.
  if (drawn) afterPaint(reveal(root, drawn.node));
  else if (!(view instanceof Node && view.parentNode === root)) afterPaint(swap(root, view));
  else for (const other of [...root.children]) if (other !== view) other.remove();
  // For tests and for styling: which screen, and a count that changes on every render (each only written when changed).
  renders += 1;
  const data = { screen: state.screen.name, fact: state.screen.fact || "", part: part ? String(part) : "", render: String(renders), next: progress ? progress.facts.join(" ") : "" };
  for (const [name, value] of Object.entries(data)) if (root.dataset[name] !== value) root.dataset[name] = value;
  notice = state.screen.name === "start" ? notice : null;
  if (scrolled) window.scrollTo(0, 0);
  scrolled = false;
  // After the frame: the new question's heading takes the focus, so a screen reader reads it
  // out (focusing makes the browser lay out the new screen at once), and the tab's title
  // follows it (a new title costs the browser several milliseconds on a slow phone).
  const shown = renders;
  afterPaint(() => {
    if (renders !== shown) return;
    const heading = [view].flat(Infinity).reduce((found, node) => found || (node instanceof Element ? (node.matches("h1") ? node : node.querySelector("h1")) : null), null);
    // Announced from a live region that outlives the screen (index.html).
    const live = document.getElementById("progress-live");
    if (progress && live) live.textContent = progress.text;
    document.title = `${heading ? heading.textContent : ""} - 技能补贴测算`;
    if (heading && heading.isConnected) heading.focus({ preventScroll: true });
    // An answer already on the screen (reopened, or ticked for the worker): drawn ahead too.
    shownPrepare?.();
  });
  // After the focus (which lays out only the top, already on show), so the rest is laid out in
  // the next frame rather than at once in this task; before `settled`, so a screen marked
  // settled is whole.
  // The rest may come in parts, each after a frame (`later`); the screen is settled once all
  // of it is in.
  const later = (fn) => new Promise((resolve) => afterPaint(() => resolve(renders === shown && (fn(), true))));
  const whole = rest ? new Promise((resolve) => afterPaint(() => resolve(renders === shown && rest(later)))) : null;
  if (packProblem) afterPaint(() => statusLine(root, "pack-problem", packProblem));
  root.dataset.settled = "";
  const settle = () => {
    if (renders === shown) root.dataset.settled = String(shown);
  };
  if (whole) whole.finally(() => afterPaint(settle));
  else afterPaint(settle);
}

/** "正在准备……" under the current screen until `promise` settles, then `then()`. */
const waitingLine = () => statusLine(root, "waiting", "正在准备……");
function waitFor(promise, then) {
  waitingLine();
  promise.then(
    () => {
      document.getElementById("waiting")?.remove();
      then();
    },
    (error) => {
      console.info("not loaded:", error);
      // A module that failed to load is not fetched again by this page: a reload is the way.
      document.getElementById("waiting")?.replaceChildren("没有加载成功，请检查网络后刷新页面再试。");
    },
  );
}

function backLink() {
  return h("button", { type: "button", class: "back-link", onclick: () => back() }, "返回上一步");
}

/** Fetches the province file that names `region` (places.js); never rejects. */
function nameProvinceOf(region) {
  const province = typeof region === "string" && REGIONS.find((p) => p.code.slice(0, 2) === region.slice(0, 2));
  return province ? provinceCities(province).catch(() => null) : null;
}

/** A place's name: from its province's file (every place of GB/T 2260), else the engine's. */
function placeName(region) {
  if (nameOf(region)) return nameOf(region);
  try {
    return est.estimate({ region }).region_name || region;
  } catch {
    return region;
  }
}

/** The first question: the region, unless the address preset it. */
function firstQuestion() {
  // The screens after the place's question: on their way now if not yet.
  loadLater().catch((error) => console.info("later screens not loaded yet:", error));
  const region = store.getFact(state.answers, "region");
  go({ name: "question", fact: presetRegion && region === presetRegion ? "date" : "region" });
}

function homeScreen() {
  document.documentElement.removeAttribute("data-opening"); // boot.js: a shared link that could not open
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
            keepRest: keptElsewhere ? { text: `本机还保存着您上次按${placeName(keptElsewhere.region)}回答的其他问题。要继续用这些回答吗？`, yes: () => keepRest(true), no: () => keepRest(false) } : null,
          }
        : null,
  });
}

function commit(screen, reply, form, error) {
  if (!est) {
    // The region answered before the engine has arrived: on as soon as it is here.
    whenEngine(() => state.screen === screen && commit(screen, reply, form, error));
    return;
  }
  // A place chosen whose documents are not here yet: 正在准备…… until its packs are in.
  if (screen.fact === "region" && !reply.unknown && placePending(est, reply.value)) {
    const loading = loadPlaces(est, [reply.value]).then((failed) => (packProblem = failed));
    waitFor(loading, () => state.screen === screen && commit(screen, reply, form, error));
    return;
  }
  // As prepare() worked them out (and the engine accepted them) when nothing changed since.
  const ready = takePrepared(screen, reply, [state.answers, state.unknown, state.when]);
  if (ready) ({ answers: state.answers, unknown: state.unknown, when: state.when } = ready);
  if (ready) return go(aheadOr(screen, ready.key, null) || afterAnswer(screen));
  const answers = store.withFact(state.answers, screen.fact, reply.unknown ? undefined : reply.value);
  try {
    questionsFor(answers); // runs the estimate: the engine's word on whether the answer is valid
  } catch (e) {
    // The worker reads a sentence naming the question; the engine's field-naming message
    // goes to the console (wording.js).
    showError(form, error, engineErrorSentence(est, e));
    return;
  }
  state.answers = answers;
  state.unknown = unknownAfter(screen.fact, reply);
  if (reply.when) state.when = reply.when;
  go(aheadOr(screen, aheadKey(state.answers, state.unknown, state.when), null) || afterAnswer(screen));
}

start();
