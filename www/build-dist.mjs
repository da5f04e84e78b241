// Builds the static site into www/dist/ and checks the size budget.
//
//   node www/build-dist.mjs        (run by `make dist`, after `make wasm` filled www/pkg/)
//
// The page's modules (app.js and what it imports from channels/, screens/ and fields/) are
// bundled by esbuild into dist/app.js, which holds everything the start screen and the
// questions need, and dist/chunks/*.js for what app.js loads later with import() (the results
// screen and printing, the kiosk's idle watch and QR code). On a slow network each further
// level of imports costs a round trip, so the sources keep one module per screen and channel
// and only dist/ is bundled. index.html preloads the engine's glue and the wasm itself, so the
// engine downloads beside the page rather than after it. The region question and the list of
// places go into dist/app.js as the module `build:start`, read from the built wasm run here in
// Node, so the start screen and the region question work before the wasm has arrived.
//
// Also copied: index.html, style.css, results.css (the results screen's rules, loaded with
// its chunk) and later.css (the later screens' rules, loaded with theirs; the three without
// comments and spare white space), boot.js, the
// service worker, the manifest and icons, the QR library (vendored from node_modules/
// qrcode-generator into dist/vendor/, minified by terser with its licence) and the engine
// (pkg/subsidy_estimator.js + pkg/subsidy_estimator_bg.wasm, under those names, so that
// another page can `import init, { Estimator } from "./pkg/subsidy_estimator.js"` as api.md
// shows; app.js imports that same file), the snippets its glue imports bundled into it (bundleGlue).
//
// One build, one version: a hash of every file. The service worker's cache is named for it,
// and index.html's references and app.js's references to the engine carry it as a query
// (`app.js?v=…`), so a webview that keeps an old index.html never mixes it with new files.
//
// Beside every text file it writes `.gz` (zlib level 9) and `.br` (brotli quality 11) for
// servers that serve precompressed files (serve.mjs does; nginx: gzip_static/brotli_static).
// Then prints each file's size raw, gzip and brotli, and two totals: the critical path (what
// a phone fetches before every screen can be drawn: the page and the engine; the page alone
// already makes the start screen and the region question work) and
// everything the service worker keeps for offline use once the start screen is usable (it
// asks for each file under the page's own address with `no-cache`, so what the page already
// fetched comes back as a 304 without a body). The build fails (exit 1) when the critical
// path is over BUDGET_GZIP.
//
// BUDGET_GZIP: issue #9's target for the whole first load, 120 KB gzip. When it was set the
// critical path was 117.0 KB: the wasm 95.1 KB (nightly build-std, talc, see README "What the
// module is made of") and the page 21.9 KB. Raised to 121 KB on 2026-12-07, when one session
// added, all in the first load: the engine's rule for law that is reported but unverified and
// the 2026 notice it governs (national, so in the module), the kiosk's forgetting (est.forget,
// zeroed freed memory), the studio's run-time pack list (est.listPacks) and the page's shared
// results that never overwrite: 117.8 → 120.4 KB, while moving every local document into packs
// took the first load off its growth with each document. Brought back to 120 KB on 2026-12-07
// (issue #22's size work, README "What the module is made of"): the glue's snippets minified
// (121.0 → 119.8 KB), terser after esbuild on the page's bundles (→ 119.3 KB), wasm-opt's
// `--flatten --rereloop` (→ 118.5 KB) and no custom sections in the module (→ 118.3 KB gzip,
// 99.6 KB brotli). Brought down to 117 KB on 2026-12-07 (issue #22's size work, second round):
// the glue's snippets bundled into it (two responses fewer; 117.6 KB gzip, the wasm as it was),
// the screens after the place a chunk of their own (→ 115.8 KB) and the paper layout moved to
// results.css (→ 115.7 KB gzip) and the later screens' rules to later.css (→ 115.3 KB gzip,
// 96.9 KB brotli; 100.0 KB over the wire); 1.7 KB of room for the work under way beside it. Issue #22's target (≤ 100 KB over the wire) is still open;
// bring this down further, do not raise it again without saying why here.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

export const BUDGET_GZIP = 117 * 1024;

const www = dirname(fileURLToPath(import.meta.url));
const dist = join(www, "dist");
const require = createRequire(join(www, "package.json"));

/** Copied as they are (index.html and style.css are rewritten below). */
const STATIC = ["index.html", "style.css", "results.css", "later.css", "boot.js", "sw.js", "manifest.webmanifest"];
/** Installed-app icons: fetched by the browser only when the page is installed, so not precached. */
const ICONS = ["icons/icon-192.png", "icons/icon-512.png"];
/** The favicon: tiny, shown offline too. */
const FAVICON = "icons/icon.svg";
const ENGINE = ["pkg/subsidy_estimator.js", "pkg/subsidy_estimator_bg.wasm"];
/** The JS the engine's glue imports (src/tape.js), where wasm-bindgen puts it: pkg/snippets/…. */
function snippets(dir = "pkg/snippets") {
  let found = [];
  try {
    for (const name of readdirSync(join(www, dir)).sort()) {
      const file = `${dir}/${name}`;
      found = statSync(join(www, file)).isDirectory() ? found.concat(snippets(file)) : found.concat(file);
    }
  } catch {
    // No snippets in this build.
  }
  return found;
}
/** npm packages copied into dist/vendor/: [dist path, resolved source]. */
const VENDOR = [["vendor/qrcode.mjs", () => join(dirname(require.resolve("qrcode-generator")), "qrcode.mjs")]];

/** A library from node_modules, minified (terser) with its licence comment kept. */
async function vendor(source, target) {
  const { minify } = require("terser");
  const result = await minify(readFileSync(source, "utf8"), {
    module: true,
    compress: true,
    mangle: true,
    format: { comments: /Copyright|license|licence/i },
  });
  writeFileSync(target, result.code);
}

/**
 * `build:start`, the module the page imports for what its first screens need before the
 * WebAssembly has arrived: the region question and the list of places, each as the built
 * engine itself gives them (`question("region")`, `regions()`), read here by running that very
 * wasm in Node, so the page and the engine cannot disagree.
 */
let startProvinces = null;
async function startData() {
  const glue = await import(pathToFileURL(join(www, "pkg", "subsidy_estimator.js")).href);
  await glue.default({ module_or_path: readFileSync(join(www, "pkg", "subsidy_estimator_bg.wasm")) });
  const est = new glue.Estimator();
  const region = est.question("region");
  if (region.input !== "region") throw new Error(`build-dist: the engine's region question has input ${region.input}`);
  // The provinces only (code and name, as the engine names them); each province's cities and
  // counties are in regions/<code>.json (writeRegions), fetched when it is chosen.
  const provinces = est.regions().map((p) => ({ code: p.code, name: p.name, cities: null }));
  startProvinces = provinces;
  return `export const REGION_QUESTION = ${JSON.stringify(region)};\nexport const REGIONS = ${JSON.stringify(provinces)};\n`;
}

/**
 * Every prefecture-level city and county of GB/T 2260, one file per province
 * (dist/regions/<code>.json: `[{ code, name, districts: [{ code, name }] }]`), from the npm
 * package @vant/area-data (the Vant team's list, kept against the codes of 民政部 and 国家统计局;
 * version pinned in package.json, its date in the README). Its provinces must be the engine's,
 * code for code and name for name. A province's file is fetched when it is chosen (places.js),
 * never in the first load; the service worker precaches them once the start screen is usable.
 */
function writeRegions(provinces) {
  const { areaList } = require("@vant/area-data");
  const theirs = Object.entries(areaList.province_list).map(([code, name]) => ({ code, name }));
  const ours = provinces.map(({ code, name }) => ({ code, name }));
  if (JSON.stringify(theirs) !== JSON.stringify(ours)) throw new Error("build-dist: @vant/area-data's provinces are not the engine's (src/regions.rs)");
  mkdirSync(join(dist, "regions"), { recursive: true });
  const files = [];
  for (const { code } of ours) {
    const under = (list, prefix) => Object.entries(list).filter(([c]) => c.startsWith(prefix)).map(([c, name]) => ({ code: c, name }));
    const cities = under(areaList.city_list, code.slice(0, 2)).map((city) => ({ ...city, districts: under(areaList.county_list, city.code.slice(0, 4)) }));
    const file = `regions/${code}.json`;
    writeFileSync(join(dist, file), JSON.stringify(cities));
    files.push(file);
  }
  return files;
}

/** Modules without state of their own: a lazily loaded chunk may carry its own copy. */
const COPYABLE = ["dom.js", "days.js", "sheet.js", "wording.js", "channels/share.js", "fields/parts.js", "fields/month.js"];

/**
 * The page's modules bundled by esbuild: dist/app.js holds app.js and everything it imports
 * statically, so the start screen and the questions need one request; each module app.js
 * loads with import() becomes dist/chunks/<name>.js, a bundle of its own (loaded later, so a
 * few hundred bytes of shared helpers copied into it cost less than one more request on the
 * critical path; only the stateless COPYABLE modules may be copied). The engine's glue and
 * the vendored QR library stay files of their own: the glue is the public
 * pkg/subsidy_estimator.js, and the library keeps its licence in dist/vendor/.
 * Returns `{ files, kioskOnly }`.
 */
async function bundle() {
  const esbuild = require("esbuild");
  const startModule = await startData();
  const lazy = new Map(); // source path → chunk name
  const plugin = (inChunks) => ({
    name: "dist",
    setup(build) {
      const up = inChunks ? "../" : "./";
      build.onResolve({ filter: /\/pkg\/subsidy_estimator\.js$/ }, () => ({ path: `${up}pkg/subsidy_estimator.js`, external: true }));
      build.onResolve({ filter: /\/vendor\/qrcode\.mjs$/ }, () => ({ path: `${up}vendor/qrcode.mjs`, external: true }));
      build.onResolve({ filter: /^build:start$/ }, () => ({ path: "start", namespace: "build" }));
      build.onLoad({ filter: /^start$/, namespace: "build" }, () => ({ contents: startModule, loader: "js" }));
      build.onResolve({ filter: /^\./ }, (args) => {
        if (args.kind !== "dynamic-import") return undefined;
        const source = resolve(args.resolveDir, args.path);
        const name = basename(source, ".js");
        if ([...lazy].some(([other, n]) => n === name && other !== source)) throw new Error(`build-dist: two lazily loaded modules named ${name}`);
        lazy.set(source, name);
        return { path: `${inChunks ? "./" : "./chunks/"}${name}.js`, external: true };
      });
    },
  });
  const pack = async (entry, outfile, inChunks) => {
    const result = await esbuild.build({
      entryPoints: [entry],
      outfile,
      bundle: true,
      format: "esm",
      minify: true,
      legalComments: "none",
      metafile: true,
      plugins: [plugin(inChunks)],
      logLevel: "warning",
    });
    // terser after esbuild: its compressor goes further than esbuild's minifier (app.js
    // 15.3 → 14.9 KB gzip, 13.8 → 12.9 KB brotli).
    await minifyInPlace(relative(dist, outfile), { module: true });
    // What the bundle carries (an import whose code is all shaken out carries nothing).
    const [output] = Object.values(result.metafile.outputs);
    return Object.entries(output.inputs)
      .filter(([, { bytesInOutput }]) => bytesInOutput > 0)
      .map(([input]) => relative(www, resolve(process.cwd(), input)));
  };
  const inApp = await pack(join(www, "app.js"), join(dist, "app.js"), false);
  const files = ["app.js"];
  const kioskOnly = [];
  for (const [source, name] of lazy) {
    const file = `chunks/${name}.js`;
    const inputs = await pack(source, join(dist, file), true);
    const copied = inputs.filter((input) => inApp.includes(input) && !COPYABLE.includes(input));
    if (copied.length) throw new Error(`build-dist: ${file} would carry its own copy of ${copied.join(", ")}, which keeps state`);
    files.push(file);
    if (inputs.includes("channels/qr.js")) kioskOnly.push(file);
  }
  return { files, kioskOnly };
}

async function build() {
  for (const file of ENGINE) {
    try {
      statSync(join(www, file));
    } catch {
      console.error(`build-dist: www/${file} is missing; run \`make wasm\` first`);
      process.exit(1);
    }
  }
  rmSync(dist, { recursive: true, force: true });
  for (const dir of ["pkg", "chunks", "icons", "vendor"]) mkdirSync(join(dist, dir), { recursive: true });
  const engine = ENGINE;
  const own = [...STATIC, FAVICON, ...ICONS, ...engine];
  for (const file of own) {
    mkdirSync(dirname(join(dist, file)), { recursive: true });
    copyFileSync(join(www, file), join(dist, file));
  }
  await bundleGlue(snippets());
  for (const [file, source] of VENDOR) await vendor(source(), join(dist, file));
  const bundled = await bundle();
  const regions = writeRegions(startProvinces);
  await minifyInPlace("boot.js", { module: false });
  // The glue, with its snippets bundled into it (bundleGlue), is on the critical path: minified,
  // exports kept (the snippets minified: 121.0 → 119.8 KB gzip on the critical path).
  await minifyInPlace("pkg/subsidy_estimator.js", { module: true });
  minifyCss("style.css");
  minifyCss("results.css");
  minifyCss("later.css");
  // The province files are fetched when a province is chosen, never in the first load; the
  // service worker precaches them with the rest of the site once the start screen is usable,
  // so any place can be chosen offline after one visit (37.7 KB gzip for all 34).
  const files = [...own, ...VENDOR.map(([file]) => file), ...bundled.files, ...regions];
  const hash = createHash("sha256");
  for (const file of [...files].sort()) hash.update(file).update(readFileSync(join(dist, file)));
  const version = hash.digest("hex").slice(0, 12);
  stampVersion([...bundled.files, "pkg/subsidy_estimator.js"], version);
  const kioskOnly = [...bundled.kioskOnly, ...VENDOR.map(([file]) => file)];
  const precached = files.filter((f) => !ICONS.includes(f) && !kioskOnly.includes(f) && f !== "sw.js");
  writeServiceWorker(precached, kioskOnly, version);
  compress(files);
  writePackage();
  // The start screen and the region question need only the page itself (no engine).
  const usable = ["index.html", "style.css", "boot.js", "app.js", FAVICON];
  const critical = [...usable, ...engine];
  return { files: files.filter((f) => !ICONS.includes(f)).sort(), critical, usable, precached: [...precached, "sw.js"], kioskOnly, version };
}

/**
 * dist/pkg/ as a package an embedder installs (`npm install dist/pkg`): the engine's typed
 * declarations, which the build wrote from the Rust types (docs/contract.d.ts, in the .d.ts by
 * src/declarations.rs), and a package.json naming them, with the crate's name, version and
 * licence. Neither is fetched by the page, precached or counted in the first load.
 */
function writePackage() {
  copyFileSync(join(www, "pkg", "subsidy_estimator.d.ts"), join(dist, "pkg", "subsidy_estimator.d.ts"));
  const cargo = readFileSync(join(www, "..", "Cargo.toml"), "utf8");
  const field = (key) => cargo.match(new RegExp(`^${key} = "([^"]*)"`, "m"))[1];
  const pkg = {
    name: field("name"),
    version: field("version"),
    description: field("description"),
    license: field("license"),
    type: "module",
    main: "subsidy_estimator.js",
    types: "subsidy_estimator.d.ts",
    exports: {
      ".": { types: "./subsidy_estimator.d.ts", default: "./subsidy_estimator.js" },
      "./subsidy_estimator_bg.wasm": "./subsidy_estimator_bg.wasm",
    },
    files: ["subsidy_estimator.js", "subsidy_estimator.d.ts", "subsidy_estimator_bg.wasm"],
  };
  writeFileSync(join(dist, "pkg", "package.json"), `${JSON.stringify(pkg, null, 2)}\n`);
}

/** boot.js (a classic script) and the engine's glue (its exports kept), minified in place. */
async function minifyInPlace(file, { module }) {
  const { minify } = require("terser");
  const path = join(dist, file);
  const result = await minify(readFileSync(path, "utf8"), { module, compress: true, mangle: true });
  writeFileSync(path, result.code);
}

/**
 * The style sheet without its comments and spare white space (the readable one stays in www/).
 * Only spaces that never carry meaning go: around braces, semicolons and commas, and after a
 * colon inside a declaration; a space before a colon (a descendant `:focus`) is kept.
 */
function minifyCss(file) {
  const path = join(dist, file);
  const css = readFileSync(path, "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/\s+/g, " ")
    .replace(/\s*([{};,])\s*/g, "$1")
    .replace(/([{;][\w-]+):\s+/g, "$1:")
    .replace(/;}/g, "}")
    .trim();
  writeFileSync(path, css);
}

/**
 * dist/pkg/subsidy_estimator.js: the engine's glue with the snippets it imports (src/tape.js,
 * src/packs.js, which wasm-bindgen leaves in pkg/snippets/) bundled into it by esbuild, so the
 * engine is two downloads (the glue and the wasm), not four: each response costs its headers
 * (about 0.55 KB as serve.mjs answers) and was a request of its own. Its exports are the
 * glue's, unchanged, so an embedder imports dist/pkg/subsidy_estimator.js as before; dist/pkg/
 * has no snippets/ folder.
 */
async function bundleGlue(snippetFiles) {
  const esbuild = require("esbuild");
  const glue = join(dist, "pkg", "subsidy_estimator.js");
  await esbuild.build({
    entryPoints: [join(www, "pkg", "subsidy_estimator.js")],
    outfile: glue,
    allowOverwrite: true,
    bundle: true,
    format: "esm",
    legalComments: "none",
    logLevel: "warning",
  });
  const text = readFileSync(glue, "utf8");
  if (/\bfrom\s*["']\.\/snippets\//.test(text)) throw new Error("build-dist: the glue still imports a snippet");
  const missed = snippetFiles.filter((file) => !text.includes(relative(join("pkg", "snippets"), file).split("/").slice(1).join("/")));
  if (missed.length) throw new Error(`build-dist: esbuild did not bundle ${missed.join(", ")} into the glue`);
}

/**
 * The build's version as a query on what index.html names (`app.js?v=…`, the style sheet, the
 * engine) and on every reference between the bundled modules, the engine (its glue and
 * snippets) and the vendored library, so each module has one address (one instance) per build.
 */
function stampVersion(bundled, version) {
  for (const file of bundled) {
    const path = join(dist, file);
    const source = readFileSync(path, "utf8");
    // Only where a string names a file to load (an import, import(), new URL(…)): the glue also
    // has a key "./subsidy_estimator_bg.js" that names the wasm's imports and must stay as it is.
    const named = /(\bfrom\s*|\bimport\s*\(?\s*|\bnew URL\(\s*)(["'])(\.\.?\/[\w./-]+\.(?:js|mjs|wasm|css))\2/g;
    writeFileSync(path, source.replace(named, (_, before, q, spec) => `${before}${q}${spec}?v=${version}${q}`));
  }
  if (!readFileSync(join(dist, "app.js"), "utf8").includes(`subsidy_estimator_bg.wasm?v=${version}`)) throw new Error("build-dist: app.js names no wasm to stamp");
  const index = join(dist, "index.html");
  writeFileSync(
    index,
    readFileSync(index, "utf8").replace(/(src|href)="((?:[\w-]+\/)*[\w-]+\.(?:js|css|wasm))"/g, (_, attr, file) => `${attr}="${file}?v=${version}"`),
  );
}

function writeServiceWorker(precached, kioskOnly, version) {
  // The scripts, the style sheet and the wasm under the very address the page used (with the
  // build's query), so that the browser can answer the worker from what it has just fetched.
  const asNamed = (file) => (/\.(js|mjs|css|wasm)$/.test(file) ? `${file}?v=${version}` : file);
  const path = join(dist, "sw.js");
  const source = readFileSync(path, "utf8")
    .replace('const BUILD = "dev";', `const BUILD = ${JSON.stringify(version)};`)
    .replace(/const FILES = \[[^\]]*\];/, `const FILES = ${JSON.stringify(["./", ...precached.map(asNamed)])};`)
    .replace("const KIOSK_FILES = [];", `const KIOSK_FILES = ${JSON.stringify(kioskOnly.map(asNamed))};`);
  if (!source.includes(version)) throw new Error("build-dist: sw.js has no BUILD line to stamp");
  writeFileSync(path, source);
}

const gzip = (bytes) => gzipSync(bytes, { level: 9 });
const brotli = (bytes) =>
  brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  });

/** `.gz` and `.br` beside each file that they make smaller (not the PNGs, already compressed). */
function compress(files) {
  for (const file of files) {
    if (file.endsWith(".png")) continue;
    const bytes = readFileSync(join(dist, file));
    for (const [ext, squeeze] of [[".gz", gzip], [".br", brotli]]) {
      const packed = squeeze(bytes);
      if (packed.length < bytes.length) writeFileSync(join(dist, file + ext), packed);
    }
  }
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const pad = (s, n) => String(s).padStart(n);

function report({ files, critical, usable, precached, kioskOnly, version }) {
  const rows = files.map((file) => {
    const bytes = readFileSync(join(dist, file));
    return { file, raw: bytes.length, gzip: gzip(bytes).length, br: brotli(bytes).length };
  });
  const of = (list) => rows.filter((r) => list.includes(r.file));
  const width = Math.max(...rows.map((r) => r.file.length), 34);
  const line = (name, r, note = "") =>
    console.log(`${name.padEnd(width)}  ${pad(r.raw, 10)}  ${pad(r.gzip, 10)}  ${pad(r.br, 10)}${note}`);
  const when = (file) =>
    critical.includes(file) ? "   critical path" : kioskOnly.includes(file) ? "   kiosk mode only" : precached.includes(file) ? "   later (service worker)" : "";
  console.log(`\nwww/dist: ${relative(process.cwd(), dist) || "."}  (build ${version})`);
  console.log(`${"file".padEnd(width)}  ${pad("raw bytes", 10)}  ${pad("gzip -9", 10)}  ${pad("brotli 11", 10)}   fetched`);
  for (const r of rows) line(r.file, r, when(r.file));
  const sum = (list) => list.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, br: t.br + r.br }), { raw: 0, gzip: 0, br: 0 });
  const minus = (a, b) => ({ raw: a.raw - b.raw, gzip: a.gzip - b.gzip, br: a.br - b.br });
  const both = (r) => `   (${kb(r.gzip)} gzip, ${kb(r.br)} brotli)`;
  const wasm = sum(rows.filter((r) => r.file.endsWith(".wasm")));
  const first = sum(of(critical));
  const offline = sum(of(precached));
  const kiosk = sum(of(kioskOnly));
  console.log("");
  line("wasm", wasm, both(wasm));
  line("critical path but the wasm", minus(first, wasm), both(minus(first, wasm)));
  line("critical path (first load)", first, `${both(first)}: before every screen can be drawn (the engine ready)`);
  line("  of which the page alone", sum(of(usable)), `${both(sum(of(usable)))}: the start screen and the region question work (no engine)`);
  line("later: the rest of the site", minus(offline, of(critical).reduce((t, r) => (precached.includes(r.file) ? sum([t, r]) : t), sum([]))), "   (the results screen, printing…)");
  line("service worker precache", offline, `${both(offline)}: the whole site for offline use, filled once the start screen is usable`);
  console.log(`${" ".repeat(width)}  (what the page already fetched, the server confirms with a 304 and no body: the first visit's other downloads are "later")`);
  line("kiosk mode adds (QR code)", kiosk, both(kiosk));
  const over = first.gzip > BUDGET_GZIP;
  console.log(
    `budget: critical path ≤ ${kb(BUDGET_GZIP)} gzip: ${over ? "OVER" : "PASS"} ` +
      `(${kb(first.gzip)}, ${over ? "over by " + kb(first.gzip - BUDGET_GZIP) : kb(BUDGET_GZIP - first.gzip) + " to spare"})`,
  );
  return over;
}

const over = report(await build());
if (over) process.exit(1);
