// The development server (www/serve.mjs, what `make run` uses) serves only regular files
// inside its folder: a symbolic link out of the folder, a dotfile and a dot-folder are 404;
// a link that stays inside is followed; a .br/.gz twin is sent only while it is at least as
// new as its file. A folder of its own is built for each run; no browser is needed.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { request } from "node:http";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import { serve } from "../../www/serve.mjs";

function get(port, path, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, headers }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("serve.mjs serves only regular files inside its folder", () => {
  let base;
  let site;
  let server;
  before(async () => {
    base = mkdtempSync(join(tmpdir(), "serve-test-"));
    site = join(base, "site");
    mkdirSync(join(site, "sub"), { recursive: true });
    mkdirSync(join(site, ".git"));
    writeFileSync(join(base, "secret.txt"), "outside the folder\n");
    writeFileSync(join(site, "index.html"), "<!doctype html><title>ok</title>\n");
    writeFileSync(join(site, "inside.txt"), "inside\n");
    writeFileSync(join(site, ".env"), "TOKEN=do-not-serve\n");
    writeFileSync(join(site, ".git", "config"), "[core]\n");
    writeFileSync(join(site, "sub", ".hidden.js"), "hidden\n");
    symlinkSync(join(base, "secret.txt"), join(site, "out.txt"));
    symlinkSync(base, join(site, "up"));
    symlinkSync(join(site, "inside.txt"), join(site, "alias.txt"));
    // Fresh twins: written after their file.
    writeFileSync(join(site, "fresh.js"), "export const fresh = 1;\n");
    writeFileSync(join(site, "fresh.js.br"), brotliCompressSync("export const fresh = 1;\n"));
    writeFileSync(join(site, "fresh.js.gz"), gzipSync("export const fresh = 1;\n"));
    // Stale twins: the file was edited after they were written.
    writeFileSync(join(site, "stale.js.br"), brotliCompressSync("export const old = 1;\n"));
    writeFileSync(join(site, "stale.js.gz"), gzipSync("export const old = 1;\n"));
    writeFileSync(join(site, "stale.js"), "export const edited = 2;\n");
    const past = new Date(Date.now() - 60_000);
    utimesSync(join(site, "stale.js.br"), past, past);
    utimesSync(join(site, "stale.js.gz"), past, past);
    // A twin that is a link out of the folder is not sent either.
    writeFileSync(join(site, "linked.js"), "export const linked = 1;\n");
    writeFileSync(join(base, "linked.js.br"), brotliCompressSync("export const elsewhere = 1;\n"));
    symlinkSync(join(base, "linked.js.br"), join(site, "linked.js.br"));
    server = await serve(site, 0);
  });
  after(async () => {
    await server?.close();
    rmSync(base, { recursive: true, force: true });
  });

  test("a file inside, and a link that stays inside, are served", async () => {
    assert.equal((await get(server.port, "/")).status, 200);
    const inside = await get(server.port, "/inside.txt");
    assert.equal(inside.status, 200);
    assert.equal(inside.body.toString(), "inside\n");
    const alias = await get(server.port, "/alias.txt");
    assert.equal(alias.status, 200);
    assert.equal(alias.body.toString(), "inside\n");
  });

  for (const path of ["/out.txt", "/up/secret.txt"]) {
    test(`a symbolic link out of the folder is 404: ${path}`, async () => {
      const res = await get(server.port, path);
      assert.equal(res.status, 404);
      assert.doesNotMatch(res.body.toString(), /outside the folder/);
    });
  }

  for (const path of ["/.env", "/.git/config", "/sub/.hidden.js", "/%2eenv", "/./inside.txt"]) {
    test(`a name that starts with a dot is 404: ${path}`, async () => {
      const res = await get(server.port, path);
      assert.equal(res.status, 404);
      assert.doesNotMatch(res.body.toString(), /do-not-serve|core/);
    });
  }

  test("a fresh .br or .gz twin is sent to a browser that accepts it", async () => {
    const br = await get(server.port, "/fresh.js", { "Accept-Encoding": "br, gzip" });
    assert.equal(br.headers["content-encoding"], "br");
    const gz = await get(server.port, "/fresh.js", { "Accept-Encoding": "gzip" });
    assert.equal(gz.headers["content-encoding"], "gzip");
  });

  test("a twin older than its file is not sent: the file is, as it is now", async () => {
    for (const accept of ["br, gzip", "gzip"]) {
      const res = await get(server.port, "/stale.js", { "Accept-Encoding": accept });
      assert.equal(res.status, 200);
      assert.equal(res.headers["content-encoding"], undefined, accept);
      assert.equal(res.body.toString(), "export const edited = 2;\n");
    }
  });

  test("a twin that links out of the folder is not sent", async () => {
    const res = await get(server.port, "/linked.js", { "Accept-Encoding": "br" });
    assert.equal(res.status, 200);
    assert.equal(res.headers["content-encoding"], undefined);
    assert.equal(res.body.toString(), "export const linked = 1;\n");
  });
});

describe("the built site's packs travel compressed (build-studio.mjs writes their twins)", () => {
  const packs = join(fileURLToPath(new URL("../../www/dist/packs/", import.meta.url)));
  test("each pack's .br and .gz undo to the pack's own bytes, and serve.mjs sends the .br to a browser that takes it", async () => {
    const names = readdirSync(packs).filter((n) => n.endsWith(".pack"));
    assert.ok(names.length > 0, "make dist has built packs");
    for (const name of names) {
      const bytes = readFileSync(join(packs, name));
      assert.deepEqual(brotliDecompressSync(readFileSync(join(packs, `${name}.br`))), bytes, `${name}.br`);
      assert.deepEqual(gunzipSync(readFileSync(join(packs, `${name}.gz`))), bytes, `${name}.gz`);
    }
    const server = await serve(dirname(packs), 0);
    try {
      const res = await get(server.port, `/packs/${names[0]}`, { "Accept-Encoding": "gzip, deflate, br" });
      assert.equal(res.status, 200);
      assert.equal(res.headers["content-encoding"], "br");
      assert.deepEqual(brotliDecompressSync(res.body), readFileSync(join(packs, names[0])));
    } finally {
      await server.close();
    }
  });
});
