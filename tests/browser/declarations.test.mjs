// The typed declarations for embedders (issue #22.5): dist/pkg/ installs as a package
// (`npm install dist/pkg`, its package.json), and an embedder's TypeScript that calls every
// method with the contract's types (tests/embedder/embedder.ts) compiles under `tsc --noEmit`
// (strict; typescript from www/'s devDependencies), its `@ts-expect-error` lines included, so
// no method takes or gives `any`. Runs in Node, no browser; `make dist` first.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DIST, ROOT } from "./helpers.mjs";

const PKG = join(DIST, "pkg");
const TSC = join(ROOT, "www", "node_modules", "typescript", "bin", "tsc");

test("dist/pkg has a package.json naming the module, its glue and its declarations", () => {
  const pkg = JSON.parse(readFileSync(join(PKG, "package.json"), "utf8"));
  assert.equal(pkg.name, "subsidy-estimator");
  assert.equal(pkg.type, "module");
  assert.match(pkg.version, /^\d+\.\d+\.\d+/);
  for (const file of [pkg.main, pkg.types, pkg.exports["."].types, pkg.exports["."].default, "subsidy_estimator_bg.wasm"]) {
    assert.ok(existsSync(join(PKG, file)), `${file} is named by package.json but not in dist/pkg`);
  }
  const declarations = readFileSync(join(PKG, pkg.types), "utf8");
  const contract = readFileSync(join(ROOT, "docs", "contract.d.ts"), "utf8");
  // The contract's types, as the Rust types wrote them, are in the package's declarations
  // (wasm-bindgen indents them; compare the lines without their leading space).
  const lines = (text) => text.split("\n").map((l) => l.trim()).filter(Boolean).join("\n");
  assert.ok(lines(declarations).includes(lines(contract)), "docs/contract.d.ts is not in the package's .d.ts");
  assert.match(declarations, /estimate\(answers: Answers\): Estimate;/);
});

test("an embedder's TypeScript that installs dist/pkg and calls every method compiles (tsc --noEmit)", () => {
  const dir = mkdtempSync(join(tmpdir(), "embedder-"));
  try {
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "embedder", private: true }));
    for (const file of ["embedder.ts", "tsconfig.json"]) copyFileSync(join(ROOT, "tests", "embedder", file), join(dir, file));
    // A folder install: a link to dist/pkg in node_modules/, nothing fetched.
    execFileSync("npm", ["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts", "--no-package-lock", PKG], {
      cwd: dir,
      stdio: "pipe",
    });
    assert.ok(existsSync(join(dir, "node_modules", "subsidy-estimator", "package.json")));
    const run = spawnSync(process.execPath, [TSC, "-p", join(dir, "tsconfig.json")], { cwd: dir, encoding: "utf8" });
    assert.equal(run.status, 0, `tsc --noEmit failed:\n${run.stdout}${run.stderr}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
