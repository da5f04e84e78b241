// A tiny static file server for the built site: `node www/serve.mjs www/dist 8080`.
// Bound to 127.0.0.1 only; port 0 picks a free port. Tests import `serve()` and run it
// in-process. It is a development server: it serves only regular files inside the served
// folder (`..` is refused, a symbolic link is followed only while it stays inside, a name
// starting with a dot such as `.env` or `.git/` is never served).
// Every answer carries the page's Content-Security-Policy and the other locked-down headers
// a deployer should copy (README, "Deploying"); a file's precompressed `.br` or `.gz` twin
// (written by build-dist.mjs) is sent when the browser accepts it and the twin is at least as
// new as the file (a file edited after `make dist` is sent as it is now, not its old twin).
import { createServer } from "node:http";
import { readFile, realpath, stat } from "node:fs/promises";
import { extname, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const MIME = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".webmanifest": "application/manifest+json; charset=utf-8",
};

/**
 * The page's policy: its own scripts, styles and images only, WebAssembly compiled from its
 * own bytes ('wasm-unsafe-eval'), nothing inline, no framing by another site. index.html
 * carries the same policy in a <meta> tag (without frame-ancestors, which a meta tag cannot set).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "worker-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

export const SECURITY_HEADERS = {
  "Content-Security-Policy": CONTENT_SECURITY_POLICY,
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
};

/** The scripts the site runs as workers: the service worker and the studio's preview. */
export const WORKERS = ["sw.js", "studio-preview.js"];

/**
 * The headers an answer needs. A browser applies a Content-Security-Policy and a
 * Referrer-Policy to a document and to a worker, each from its own response, and to nothing
 * else: a script, style sheet or module a page loads runs under the page's policy. So the
 * policy goes with what is a document (HTML; plain text: the error answers, which a visitor
 * may open as a page; SVG, a document that may hold scripts when opened by its address, as
 * icons/icon.svg may be) or a worker (`WORKERS`), and every answer says `nosniff`. What a
 * phone downloads before the start screen works is 1.3 KB smaller for it (0.28 KB of policy
 * on each of five subresources; README, "Deploying").
 */
export function securityHeaders(type, path = "") {
  const name = path.split(/[\\/]/).pop();
  const document = ["text/html", "text/plain", "image/svg+xml"].some((t) => type.startsWith(t));
  const documentOrWorker = document || WORKERS.includes(name);
  return documentOrWorker ? SECURITY_HEADERS : { "X-Content-Type-Options": "nosniff" };
}

function send(res, status, body, type = "text/plain; charset=utf-8", head = false, extra = {}, path = "") {
  res.writeHead(status, {
    "Content-Type": type,
    "Content-Length": Buffer.byteLength(body),
    "Cache-Control": "no-cache",
    ...securityHeaders(type, path),
    ...extra,
  });
  res.end(head ? undefined : body);
}

/** Which precompressed twin to send: ".br", ".gz" or "" from an Accept-Encoding header. */
export function pickEncoding(acceptEncoding = "") {
  const accepted = new Map();
  for (const part of String(acceptEncoding).toLowerCase().split(",")) {
    const [name, ...params] = part.trim().split(";");
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)).find(Boolean);
    if (name) accepted.set(name, q ? Number.parseFloat(q[1]) : 1);
  }
  const ok = (name) => (accepted.get(name) ?? accepted.get("*") ?? 0) > 0;
  if (ok("br")) return ".br";
  if (ok("gzip")) return ".gz";
  return "";
}

/**
 * The real path of `file` when it is a regular file inside `realRoot` (after every symbolic
 * link is followed) with its stat, else null.
 */
async function regularInside(realRoot, file) {
  try {
    const real = await realpath(file);
    if (real !== realRoot && !real.startsWith(realRoot + sep)) return null;
    const info = await stat(real);
    return info.isFile() ? { real, info } : null;
  } catch {
    return null;
  }
}

/** The `.br`/`.gz` twin's bytes, only when it is a regular file inside and not older than its file. */
async function readTwin(realRoot, file, info, encoding) {
  if (!encoding) return null;
  const twin = await regularInside(realRoot, file + encoding);
  if (!twin || twin.info.mtimeMs < info.mtimeMs) return null;
  try {
    return await readFile(twin.real);
  } catch {
    return null;
  }
}

/** The file under `root` that `urlPath` names, or null when it would leave `root`. */
export function resolveInside(root, urlPath) {
  let path;
  try {
    path = decodeURIComponent(urlPath.split("?")[0].split("#")[0]);
  } catch {
    return null;
  }
  if (path.includes("\0")) return null;
  // Refuse any `..` segment outright rather than normalising it away, and any hidden name
  // (`.env`, `.git/config`): nothing the site needs starts with a dot.
  if (path.split(/[\\/]/).some((segment) => segment.startsWith("."))) return null;
  if (path.endsWith("/")) path += "index.html";
  const full = resolve(root, "." + path);
  if (full !== root && !full.startsWith(root + sep)) return null;
  return full;
}

/**
 * Starts serving `dir` on 127.0.0.1:`port` (0 = any free port).
 * Resolves to `{ server, port, url, close() }`.
 */
export async function serve(dir, port = 0, { quiet = true } = {}) {
  const root = resolve(dir);
  const realRoot = await realpath(root);
  const server = createServer(async (req, res) => {
    const head = req.method === "HEAD";
    if (req.method !== "GET" && !head) return send(res, 405, "405 method not allowed\n");
    const file = resolveInside(root, req.url || "/");
    if (!file) return send(res, 404, "404 not found\n", undefined, head);
    try {
      const found = await regularInside(realRoot, file);
      if (!found) return send(res, 404, "404 not found\n", undefined, head);
      const { info } = found;
      const type = MIME[extname(file).toLowerCase()] || "application/octet-stream";
      const encoding = pickEncoding(req.headers["accept-encoding"]);
      const twin = await readTwin(realRoot, file, info, encoding);
      // A validator, so that a file the browser already holds is confirmed with a 304 and no
      // body (the service worker's first fill asks again for what the page just downloaded).
      const etag = `"${info.size.toString(36)}-${Math.round(info.mtimeMs).toString(36)}${twin ? encoding : ""}"`;
      const extra = { Vary: "Accept-Encoding", ETag: etag };
      if ((req.headers["if-none-match"] || "").split(/\s*,\s*/).some((tag) => tag.replace(/^W\//, "") === etag)) {
        res.writeHead(304, { "Cache-Control": "no-cache", ...securityHeaders(type, file), ...extra });
        return res.end();
      }
      const body = twin || (await readFile(found.real));
      if (twin) extra["Content-Encoding"] = encoding === ".br" ? "br" : "gzip";
      if (!quiet) console.log(`${req.method} ${req.url} 200${twin ? ` ${extra["Content-Encoding"]}` : ""}`);
      send(res, 200, body, type, head, extra, file);
    } catch {
      if (!quiet) console.log(`${req.method} ${req.url} 404`);
      send(res, 404, "404 not found\n", undefined, head);
    }
  });
  await new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(port, "127.0.0.1", ok);
  });
  const actual = server.address().port;
  return {
    server,
    port: actual,
    url: `http://127.0.0.1:${actual}/`,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] || "www/dist";
  const port = Number.parseInt(process.argv[3] ?? "8080", 10);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`usage: node serve.mjs DIR [PORT]   (PORT 0 picks a free one), got port "${process.argv[3]}"`);
    process.exit(2);
  }
  try {
    const info = await stat(dir);
    if (!info.isDirectory()) throw new Error("not a directory");
  } catch {
    console.error(`serve.mjs: ${dir} is not a directory (run \`make dist\` first)`);
    process.exit(2);
  }
  const { url } = await serve(dir, port, { quiet: false });
  console.log(`Serving ${resolve(dir)} at ${url}`);
}
