// Builds the static site into www/dist/ and checks the size budget.
//
//   node www/build-dist.mjs        (run by `make dist`, after `make wasm` filled www/pkg/)
//
// Copies the page (index.html, style.css, every .js module next to it) and the engine
// (pkg/subsidy_estimator.js + pkg/subsidy_estimator_bg.wasm), so that another page can
// `import init, { Estimator } from "./pkg/subsidy_estimator.js"` from dist/ as api.md shows.
// Then prints each file's size raw and gzip (zlib level 9) and the whole first load, and
// fails (exit 1) when the first load is over BUDGET_GZIP.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

export const BUDGET_GZIP = 200 * 1024;

const www = dirname(fileURLToPath(import.meta.url));
const dist = join(www, "dist");

/** The site's own files: the page and its modules (not the build and server scripts). */
function siteFiles() {
  const skip = new Set(["build-dist.mjs", "serve.mjs"]);
  return readdirSync(www)
    .filter((name) => /\.(html|css|js)$/.test(name) && !skip.has(name))
    .sort();
}

const ENGINE = ["pkg/subsidy_estimator.js", "pkg/subsidy_estimator_bg.wasm"];

function build() {
  for (const file of ENGINE) {
    try {
      statSync(join(www, file));
    } catch {
      console.error(`build-dist: www/${file} is missing; run \`make wasm\` first`);
      process.exit(1);
    }
  }
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(join(dist, "pkg"), { recursive: true });
  const files = [...siteFiles(), ...ENGINE];
  for (const file of files) copyFileSync(join(www, file), join(dist, file));
  return files;
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const pad = (s, n) => String(s).padStart(n);

function report(files) {
  const rows = files.map((file) => {
    const bytes = readFileSync(join(dist, file));
    return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
  const width = Math.max(...rows.map((r) => r.file.length), 24);
  console.log(`\nwww/dist: ${relative(process.cwd(), dist) || "."}`);
  console.log(`${"file".padEnd(width)}  ${pad("raw bytes", 10)}  ${pad("gzip -9", 10)}`);
  for (const r of rows) console.log(`${r.file.padEnd(width)}  ${pad(r.raw, 10)}  ${pad(r.gzip, 10)}`);
  const wasm = rows.find((r) => r.file.endsWith(".wasm"));
  const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip }), { raw: 0, gzip: 0 });
  const page = { raw: total.raw - wasm.raw, gzip: total.gzip - wasm.gzip };
  console.log("");
  console.log(`${"wasm".padEnd(width)}  ${pad(wasm.raw, 10)}  ${pad(wasm.gzip, 10)}   (${kb(wasm.raw)} raw, ${kb(wasm.gzip)} gzip)`);
  console.log(`${"everything but the wasm".padEnd(width)}  ${pad(page.raw, 10)}  ${pad(page.gzip, 10)}   (${kb(page.raw)} raw, ${kb(page.gzip)} gzip)`);
  console.log(`${"whole first load".padEnd(width)}  ${pad(total.raw, 10)}  ${pad(total.gzip, 10)}   (${kb(total.raw)} raw, ${kb(total.gzip)} gzip)`);
  const over = total.gzip > BUDGET_GZIP;
  console.log(
    `budget: whole first load ≤ ${kb(BUDGET_GZIP)} gzip: ${over ? "OVER" : "PASS"} ` +
      `(${kb(total.gzip)}, ${over ? "over by " + kb(total.gzip - BUDGET_GZIP) : kb(BUDGET_GZIP - total.gzip) + " to spare"})`,
  );
  return over;
}

const over = report(build());
if (over) process.exit(1);
