// Builds the static site into www/dist/ and checks the size budget.
//
//   node www/build-dist.mjs        (run by `make dist`, after `make wasm` filled www/pkg/)
//
// The page's modules (app.js and what it imports from channels/, screens/ and fields/) are
// bundled by esbuild into dist/app.js, which holds everything the start screen and the
// questions need, and dist/chunks/*.js for what app.js loads later with import() (the results
// screen and printing, the kiosk's idle watch and QR code). On a slow network each further
// level of imports costs a round trip, so the sources keep one module per screen and channel
// and only dist/ is bundled; chunk names carry a hash of their content. index.html gets a
// <link rel="modulepreload"> for each chunk app.js imports at once; it preloads the wasm
// itself, so the engine downloads beside the page rather than after it.
//
// Also copied: index.html, style.css (without comments and spare white space), boot.js, the
// service worker, the manifest and icons, the QR library (vendored from node_modules/
// qrcode-generator into dist/vendor/, minified by terser with its licence) and the engine
// (pkg/subsidy_estimator.js + pkg/subsidy_estimator_bg.wasm, under those names, so that
// another page can `import init, { Estimator } from "./pkg/subsidy_estimator.js"` as api.md
// shows; app.js imports that same file).
//
// One build, one version: a hash of every file. The service worker's cache is named for it,
// and index.html's references and app.js's references to the engine carry it as a query
// (`app.js?v=…`), so a webview that keeps an old index.html never mixes it with new files.
//
// Beside every text file it writes `.gz` (zlib level 9) and `.br` (brotli quality 11) for
// servers that serve precompressed files (serve.mjs does; nginx: gzip_static/brotli_static).
// Then prints each file's size raw, gzip and brotli, and two totals: the critical path (what
// a phone fetches before the start screen is usable and the first question can show) and
// everything the service worker keeps for offline use once the start screen is usable. The
// build fails (exit 1) when the critical path is over BUDGET_GZIP.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

export const BUDGET_GZIP = 200 * 1024;

const www = dirname(fileURLToPath(import.meta.url));
const dist = join(www, "dist");
const require = createRequire(join(www, "package.json"));

/** Copied as they are (index.html and style.css are rewritten below). */
const STATIC = ["index.html", "style.css", "boot.js", "sw.js", "manifest.webmanifest"];
/** Installed-app icons: fetched by the browser only when the page is installed, so not precached. */
const ICONS = ["icons/icon-192.png", "icons/icon-512.png"];
/** The favicon: tiny, shown offline too. */
const FAVICON = "icons/icon.svg";
const ENGINE = ["pkg/subsidy_estimator.js", "pkg/subsidy_estimator_bg.wasm"];
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
 * The page's modules bundled: dist/app.js and dist/chunks/*.js. The engine's glue and the
 * vendored QR library stay files of their own (external): the glue is the public
 * pkg/subsidy_estimator.js, and the library keeps its licence in dist/vendor/.
 * Returns `{ critical, kioskOnly }`: the chunks app.js imports at once, and those only the
 * kiosk's QR code needs.
 */
async function bundle() {
  const esbuild = require("esbuild");
  const external = {
    name: "external",
    setup(build) {
      build.onResolve({ filter: /\/pkg\/subsidy_estimator\.js$/ }, () => ({ path: "./pkg/subsidy_estimator.js", external: true }));
      // Imported from channels/qr.js, which lands in chunks/: one folder down, as in www/.
      build.onResolve({ filter: /\/vendor\/qrcode\.mjs$/ }, () => ({ path: "../vendor/qrcode.mjs", external: true }));
    },
  };
  const result = await esbuild.build({
    entryPoints: [join(www, "app.js")],
    bundle: true,
    splitting: true,
    format: "esm",
    minify: true,
    legalComments: "none",
    outdir: dist,
    entryNames: "[name]",
    chunkNames: "chunks/[name]-[hash]",
    metafile: true,
    plugins: [external],
    logLevel: "warning",
  });
  const outputs = Object.fromEntries(Object.entries(result.metafile.outputs).map(([path, info]) => [relative(dist, path), info]));
  for (const file of Object.keys(outputs)) {
    if (file.includes("/") && !file.startsWith("chunks/")) throw new Error(`build-dist: esbuild wrote ${file} outside chunks/`);
  }
  const staticImports = (file) => outputs[file].imports.filter((i) => i.kind === "import-statement" && !i.external).map((i) => relative(dist, i.path));
  const critical = new Set();
  const visit = (file) => {
    for (const dep of staticImports(file)) if (!critical.has(dep)) critical.add(dep) && visit(dep);
  };
  visit("app.js");
  const kioskOnly = Object.keys(outputs).filter((file) => Object.keys(outputs[file].inputs).some((input) => input.endsWith("channels/qr.js")));
  return { files: Object.keys(outputs).sort(), critical: [...critical].sort(), kioskOnly };
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
  const own = [...STATIC, FAVICON, ...ICONS, ...ENGINE];
  for (const file of own) copyFileSync(join(www, file), join(dist, file));
  for (const [file, source] of VENDOR) await vendor(source(), join(dist, file));
  const bundled = await bundle();
  await minifyBoot();
  minifyCss();
  preloadChunks(bundled.critical);
  const files = [...own, ...VENDOR.map(([file]) => file), ...bundled.files];
  const hash = createHash("sha256");
  for (const file of [...files].sort()) hash.update(file).update(readFileSync(join(dist, file)));
  const version = hash.digest("hex").slice(0, 12);
  stampVersion(version);
  const kioskOnly = [...bundled.kioskOnly, ...VENDOR.map(([file]) => file)];
  const precached = files.filter((f) => !ICONS.includes(f) && !kioskOnly.includes(f) && f !== "sw.js");
  writeServiceWorker(precached, kioskOnly, version);
  compress(files);
  const critical = ["index.html", "style.css", "boot.js", "app.js", ...bundled.critical, ...ENGINE, FAVICON];
  return { files: files.filter((f) => !ICONS.includes(f)).sort(), critical, precached: [...precached, "sw.js"], kioskOnly, version };
}

/** boot.js, a classic script, minified in place. */
async function minifyBoot() {
  const { minify } = require("terser");
  const path = join(dist, "boot.js");
  const result = await minify(readFileSync(path, "utf8"), { module: false, compress: true, mangle: true });
  writeFileSync(path, result.code);
}

/**
 * The style sheet without its comments and spare white space (the readable one stays in www/).
 * Only spaces that never carry meaning go: around braces, semicolons and commas, and after a
 * colon inside a declaration; a space before a colon (a descendant `:focus`) is kept.
 */
function minifyCss() {
  const path = join(dist, "style.css");
  const css = readFileSync(path, "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/\s+/g, " ")
    .replace(/\s*([{};,])\s*/g, "$1")
    .replace(/([{;][\w-]+):\s+/g, "$1:")
    .replace(/;}/g, "}")
    .trim();
  writeFileSync(path, css);
}

/** A <link rel="modulepreload"> in index.html for each chunk app.js imports at once. */
function preloadChunks(chunks) {
  const index = join(dist, "index.html");
  const html = readFileSync(index, "utf8");
  const anchor = '<script type="module" src="app.js"></script>';
  if (!html.includes(anchor)) throw new Error("build-dist: index.html has no app.js script tag");
  const links = chunks.map((chunk) => `<link rel="modulepreload" href="${chunk}">\n`).join("");
  writeFileSync(index, html.replace(anchor, links + anchor));
}

/**
 * The build's version as a query on what index.html names (`app.js?v=…`, the style sheet, the
 * engine) and on app.js's references to the engine. Chunks are named for their content.
 */
function stampVersion(version) {
  const app = join(dist, "app.js");
  writeFileSync(app, readFileSync(app, "utf8").replace(/(["'])(\.\/pkg\/[\w.-]+\.(?:js|wasm))\1/g, (_, q, spec) => `${q}${spec}?v=${version}${q}`));
  if (!readFileSync(app, "utf8").includes(`subsidy_estimator_bg.wasm?v=${version}`)) throw new Error("build-dist: app.js names no wasm to stamp");
  const index = join(dist, "index.html");
  writeFileSync(
    index,
    readFileSync(index, "utf8").replace(/(src|href)="((?:[\w-]+\/)*[\w-]+\.(?:js|css|wasm))"/g, (_, attr, file) =>
      file.startsWith("chunks/") ? `${attr}="${file}"` : `${attr}="${file}?v=${version}"`,
    ),
  );
}

function writeServiceWorker(precached, kioskOnly, version) {
  const path = join(dist, "sw.js");
  const source = readFileSync(path, "utf8")
    .replace('const BUILD = "dev";', `const BUILD = ${JSON.stringify(version)};`)
    .replace(/const FILES = \[[^\]]*\];/, `const FILES = ${JSON.stringify(["./", ...precached])};`)
    .replace("const KIOSK_FILES = [];", `const KIOSK_FILES = ${JSON.stringify(kioskOnly)};`);
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

function report({ files, critical, precached, kioskOnly, version }) {
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
  line("critical path (first load)", first, `${both(first)}: before the start screen is usable`);
  line("later: the rest of the site", minus(offline, of(critical).reduce((t, r) => (precached.includes(r.file) ? sum([t, r]) : t), sum([]))), "   (the results screen, printing…)");
  line("service worker precache", offline, `${both(offline)}: the whole site, downloaded again once the start screen is usable`);
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
