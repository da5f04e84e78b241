// A place's policy packs in the page (api.md, "Policy packs"). The module carries the national
// documents only; a province's, city's or county's documents arrive in packs, fetched by the
// package's own `loadPlace` when the worker chooses the place (or the address, the saved
// answers or a shared link name it at start). Nothing is drawn for the place until all its
// packs are in: `loadPlace` fetches them all, then adds them. The service worker keeps every
// pack fetched in its versioned cache (sw.js), so a place chosen once works offline.
// A pack that cannot be fetched or checked leaves the national lines and a plain sentence.
import { forgetQuestions, placeLoader } from "./engine.js";
import { dropAhead } from "./ahead.js";

/** Shown under the screen when a place's documents could not be loaded. */
const PACK_PROBLEM =
  "这个地区的政策文件没有加载成功，下面先按全国的政策测算。请检查网络后刷新页面再试，也可以咨询当地人社部门或拨打12333。";

/** The pack paths added to the module (the module keeps them for the page's lifetime). */
const added = new Set();
/** The pack paths tried and failed: not waited for again by a later answer (a reload tries). */
const failed = new Set();

/**
 * The deployment's list of packs (packs/index.txt, one file name a line, written by `make dist`
 * and extended by hand: README, "Deployment"), handed to the module once so `packsFor` names a
 * pack added after the build. Read when a place is first loaded, never in the first load; tried
 * once per page (a list that cannot be read leaves this build's packs, as before it existed).
 */
let listing = null;
function listPacks(est) {
  listing ??= fetch(new URL("packs/index.txt", document.baseURI).href, { cache: "no-cache" })
    .then((response) => {
      if (!response.ok) throw new Error(`packs/index.txt: HTTP ${response.status}`);
      return response.text();
    })
    .then((text) => est.listPacks(text))
    .catch((error) => {
      console.info("pack:", String(error && error.message));
    });
  return listing;
}
/** Whether packs/index.txt has been tried. */
let listed = false;

/** The packs `region` needs that are not in yet (none for a region the module refuses). */
function wanted(est, region) {
  if (typeof region !== "string") return [];
  try {
    return est.packsFor(region).filter((path) => !added.has(path));
  } catch {
    return [];
  }
}

/** True when `region`'s documents still have to be fetched (and have not failed already). */
export function placePending(est, region) {
  if (!listed && typeof region === "string" && /^\d{6}$/.test(region) && region !== "000000") return true;
  return wanted(est, region).some((path) => !failed.has(path));
}

/**
 * Loads the packs of every region in `regions` not loaded yet. Settles with null when all are
 * in, or with PACK_PROBLEM (the reason on the console) when one failed; never rejects.
 */
export async function loadPlaces(est, regions) {
  let problem = null;
  if (!listed && regions.some((r) => typeof r === "string" && r !== "000000")) {
    await listPacks(est);
    listed = true;
  }
  for (const region of new Set(regions)) {
    const paths = wanted(est, region);
    if (!paths.length) continue;
    try {
      await placeLoader()(est, region, new URL("./", document.baseURI).href);
      for (const path of paths) added.add(path);
      keepOffline(paths);
    } catch (error) {
      console.info("pack:", String(error && error.message));
      for (const path of paths) failed.add(path);
      problem = PACK_PROBLEM;
    }
    // What was worked out before these documents came is not kept.
    forgetQuestions();
    dropAhead();
  }
  return problem;
}

/**
 * Asks the service worker to keep `paths` (it keeps whatever it fetches itself, but these may
 * have come before it controlled the page: the first visit, a kiosk's preset place).
 */
function keepOffline(paths) {
  navigator.serviceWorker?.ready.then((registration) => registration.active?.postMessage({ packs: paths })).catch(() => {});
}

/** Each province's cities and counties (regions/<code>.json, build-dist.mjs), fetched once. */
const provinceFiles = new Map();
/** Full names ("浙江省杭州市西湖区") of the places in the province files fetched so far. */
const names = new Map();

/**
 * A province's cities and counties, `[{ code, name, districts: [{ code, name }] }]`: fetched
 * when the province is chosen (never in the first load); a failure may be tried again.
 */
export function provinceCities(province) {
  let loading = provinceFiles.get(province.code);
  if (!loading) {
    loading = fetch(new URL(`regions/${province.code}.json`, document.baseURI).href)
      .then((response) => {
        if (!response.ok) throw new Error(`regions/${province.code}.json: HTTP ${response.status}`);
        return response.json();
      })
      .then((cities) => {
        names.set(province.code, province.name);
        for (const city of cities) {
          names.set(city.code, province.name + city.name);
          for (const d of city.districts) names.set(d.code, province.name + city.name + d.name);
        }
        return cities;
      });
    loading.catch(() => provinceFiles.delete(province.code));
    provinceFiles.set(province.code, loading);
  }
  return loading;
}

/**
 * How many places' files this page holds (packs added, province files fetched). A kiosk notes
 * it once its own place is in and, at a wipe, reloads if it grew: a pack or a province's names
 * stay in the page and the module for as long as they live, and would tell the next visitor
 * where the last one looked.
 */
export const placesHeld = () => added.size + provinceFiles.size;

/** The name of `code` from the province files fetched, or null: a place is named, never a code. */
export const nameOf = (code) => names.get(code) ?? null;

/**
 * For a place without documents of its own (no pack for it, its city or its province): a
 * plain sentence saying so and where to ask. Null where we have its documents, or none chosen.
 */
export function noLocalDocuments(est, region, name) {
  if (typeof region !== "string" || region === "000000") return null;
  try {
    if (est.packsFor(region).length > 0) return null;
  } catch {
    return null;
  }
  return `我们还没有收录${name || "您所在地区"}自己的补贴文件，下面是全国的政策。当地的补贴请咨询当地人社部门，或拨打12333。`;
}

const views = new WeakMap();
/**
 * `est` as the screens use it: its estimates name the place from the province files
 * ("浙江省杭州市西湖区") where the engine, which knows by name only the places it has documents
 * for, would give a code ("浙江省（地区代码330106）"). Everything else is the engine's own.
 */
export function namedEngine(est) {
  let view = views.get(est);
  if (!view) {
    view = new Proxy(est, {
      get(target, key) {
        if (key === "estimate") {
          return (answers) => {
            const estimate = target.estimate(answers);
            const name = typeof estimate?.region === "string" ? nameOf(estimate.region) : null;
            if (name) estimate.region_name = name;
            return estimate;
          };
        }
        const value = Reflect.get(target, key, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    views.set(est, view);
  }
  return view;
}

/** `est.questions(answers)` with the place in `answered` named from the province files too. */
export function namedQuestions(result, answers) {
  const name = typeof answers?.region === "string" ? nameOf(answers.region) : null;
  if (name) for (const row of result?.answered || []) if (row.fact === "region") row.answer = name;
  return result;
}
