// Builds the static site into www/dist/ and checks the size budget.
//
//   node www/build-dist.mjs        (run by `make dist`, after `make wasm` filled www/pkg/)
//
// Copies the page (index.html, style.css, boot.js, every module beside app.js and under
// channels/, screens/ and fields/), the service worker, the manifest and icons, the QR library (vendored from
// node_modules/qrcode-generator into dist/vendor/, minified by terser) and the engine (pkg/subsidy_estimator.js +
// pkg/subsidy_estimator_bg.wasm, under those names, so that another page can
// `import init, { Estimator } from "./pkg/subsidy_estimator.js"` as api.md shows).
//
// One build, one version: a hash of every file. The service worker's cache is named for it,
// and the page's own references carry it as a query (`app.js?v=…`), so a webview that keeps an
// old index.html, or old modules, never mixes them with new ones.
//
// The page's modules are minified in dist/ (terser), and the style sheet loses its comments and
// spare white space; the readable sources stay in www/.
//
// Beside every text file it writes `.gz` (zlib level 9) and `.br` (brotli quality 11) for
// servers that serve precompressed files (serve.mjs does; nginx: gzip_static/brotli_static).
// Then prints each file's size raw, gzip and brotli and the whole first load on a phone
// (everything the service worker caches on the first visit), and fails (exit 1) when that is
// over BUDGET_GZIP. The kiosk's QR code (channels/qr.js and the vendored library) is not in
// it: only kiosk mode loads it, and asks the service worker to keep it (sw.js, "kiosk").
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

/** The site's own files: the page and its modules (not the build and server scripts). */
function siteFiles() {
  const skip = new Set(["build-dist.mjs", "serve.mjs"]);
  const top = readdirSync(www).filter((name) => /\.(html|css|js|webmanifest)$/.test(name) && !skip.has(name));
  const rooms = ["channels", "screens", "fields"].flatMap((dir) =>
    readdirSync(join(www, dir))
      .filter((name) => name.endsWith(".js"))
      .map((name) => `${dir}/${name}`),
  );
  return [...top, ...rooms].sort();
}

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
/** Loaded by kiosk mode only; cached by the service worker when first fetched. */
export const KIOSK_ONLY = ["channels/qr.js", "vendor/qrcode.mjs"];
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
  for (const dir of ["pkg", "channels", "screens", "fields", "icons", "vendor"]) mkdirSync(join(dist, dir), { recursive: true });
  const own = [...siteFiles(), FAVICON, ...ICONS, ...ENGINE, ...snippets()];
  for (const file of own) {
    mkdirSync(dirname(join(dist, file)), { recursive: true });
    copyFileSync(join(www, file), join(dist, file));
  }
  for (const [file, source] of VENDOR) await vendor(source(), join(dist, file));
  const files = [...own, ...VENDOR.map(([file]) => file)];
  const hash = createHash("sha256");
  for (const file of files.sort()) hash.update(file).update(readFileSync(join(dist, file)));
  const version = hash.digest("hex").slice(0, 12);
  stampVersion(files, version);
  await minifyPage(files);
  minifyCss(files);
  const precached = files.filter((f) => !ICONS.includes(f) && !KIOSK_ONLY.includes(f) && f !== "sw.js");
  writeServiceWorker(precached, version);
  compress(files);
  return { files: precached.concat("sw.js"), kioskOnly: KIOSK_ONLY, version };
}

/** The page's own scripts, minified in place (not the engine, not the service worker). */
async function minifyPage(files) {
  const { minify } = require("terser");
  for (const file of files.filter((f) => f.endsWith(".js") && !f.startsWith("pkg/") && !f.startsWith("vendor/") && f !== "sw.js")) {
    const path = join(dist, file);
    const result = await minify(readFileSync(path, "utf8"), { module: file !== "boot.js", compress: true, mangle: true });
    writeFileSync(path, result.code);
  }
}

/**
 * The style sheet without its comments and spare white space (the readable one stays in www/).
 * Only spaces that never carry meaning go: around braces, semicolons and commas, and after a
 * colon inside a declaration; a space before a colon (a descendant `:focus`) is kept.
 */
function minifyCss(files) {
  for (const file of files.filter((f) => f.endsWith(".css"))) {
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
}

/** `"./dom.js"` → `"./dom.js?v=…"` in the page's own modules and index.html. */
function stampVersion(files, version) {
  const pageModules = files.filter((f) => f.endsWith(".js") && !f.startsWith("pkg/") && !f.startsWith("vendor/") && f !== "sw.js");
  for (const file of pageModules) {
    const path = join(dist, file);
    const source = readFileSync(path, "utf8");
    writeFileSync(path, source.replace(/(["'])(\.\.?\/[\w./-]+\.(?:js|mjs|wasm))\1/g, (_, q, spec) => (spec.endsWith("/sw.js") ? `${q}${spec}${q}` : `${q}${spec}?v=${version}${q}`)));
  }
  const index = join(dist, "index.html");
  writeFileSync(
    index,
    readFileSync(index, "utf8").replace(/(src|href)="((?:[\w-]+\/)*[\w-]+\.(?:js|css))"/g, (_, attr, file) => `${attr}="${file}?v=${version}"`),
  );
}

function writeServiceWorker(precached, version) {
  const path = join(dist, "sw.js");
  const source = readFileSync(path, "utf8")
    .replace('const BUILD = "dev";', `const BUILD = ${JSON.stringify(version)};`)
    .replace(/const FILES = \[[^\]]*\];/, `const FILES = ${JSON.stringify(["./", ...precached])};`)
    .replace("const KIOSK_FILES = [];", `const KIOSK_FILES = ${JSON.stringify(KIOSK_ONLY)};`);
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

function report({ files, kioskOnly, version }) {
  const measureFile = (file) => {
    const bytes = readFileSync(join(dist, file));
    return { file, raw: bytes.length, gzip: gzip(bytes).length, br: brotli(bytes).length };
  };
  const rows = files.map(measureFile);
  const kioskRows = kioskOnly.map(measureFile);
  const width = Math.max(...rows.map((r) => r.file.length), 24);
  const line = (name, r, note = "") =>
    console.log(`${name.padEnd(width)}  ${pad(r.raw, 10)}  ${pad(r.gzip, 10)}  ${pad(r.br, 10)}${note}`);
  console.log(`\nwww/dist: ${relative(process.cwd(), dist) || "."}  (build ${version})`);
  console.log(`${"file".padEnd(width)}  ${pad("raw bytes", 10)}  ${pad("gzip -9", 10)}  ${pad("brotli 11", 10)}`);
  for (const r of rows) line(r.file, r);
  for (const r of kioskRows) line(r.file, r, "   (kiosk mode only)");
  const sum = (list) => list.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, br: t.br + r.br }), { raw: 0, gzip: 0, br: 0 });
  const wasm = sum(rows.filter((r) => r.file.endsWith(".wasm")));
  const vendor = sum(kioskRows.filter((r) => r.file.startsWith("vendor/")));
  const kiosk = sum(kioskRows);
  const total = sum(rows);
  const page = { raw: total.raw - wasm.raw, gzip: total.gzip - wasm.gzip, br: total.br - wasm.br };
  console.log("");
  line("wasm", wasm, `   (${kb(wasm.gzip)} gzip, ${kb(wasm.br)} brotli)`);
  line("vendor (qrcode-generator)", vendor, `   (${kb(vendor.gzip)} gzip, ${kb(vendor.br)} brotli)`);
  line("everything but the wasm", page, `   (${kb(page.gzip)} gzip, ${kb(page.br)} brotli)`);
  line("whole first load", total, `   (${kb(total.raw)} raw, ${kb(total.gzip)} gzip, ${kb(total.br)} brotli)`);
  const withKiosk = sum([total, kiosk]);
  line("kiosk mode adds (QR code)", kiosk, `   (${kb(kiosk.gzip)} gzip, ${kb(kiosk.br)} brotli)`);
  line("kiosk first load", withKiosk, `   (${kb(withKiosk.gzip)} gzip, ${kb(withKiosk.br)} brotli)`);
  const over = total.gzip > BUDGET_GZIP;
  console.log(
    `budget: whole first load ≤ ${kb(BUDGET_GZIP)} gzip: ${over ? "OVER" : "PASS"} ` +
      `(${kb(total.gzip)}, ${over ? "over by " + kb(total.gzip - BUDGET_GZIP) : kb(BUDGET_GZIP - total.gzip) + " to spare"})`,
  );
  return over;
}

const over = report(await build());
if (over) process.exit(1);
