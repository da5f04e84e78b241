// A tiny static file server for the built site: `node www/serve.mjs www/dist 8080`.
// Bound to 127.0.0.1 only; port 0 picks a free port. Tests import `serve()` and run it
// in-process. Nothing outside the served folder can be reached (`..` is refused).
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
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
};

function send(res, status, body, type = "text/plain; charset=utf-8", head = false) {
  res.writeHead(status, {
    "Content-Type": type,
    "Content-Length": Buffer.byteLength(body),
    "Cache-Control": "no-cache",
    "X-Content-Type-Options": "nosniff",
  });
  res.end(head ? undefined : body);
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
  // Refuse any `..` segment outright rather than normalising it away.
  if (path.split(/[\\/]/).includes("..")) return null;
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
  const server = createServer(async (req, res) => {
    const head = req.method === "HEAD";
    if (req.method !== "GET" && !head) return send(res, 405, "405 method not allowed\n");
    const file = resolveInside(root, req.url || "/");
    if (!file) return send(res, 404, "404 not found\n", undefined, head);
    try {
      const info = await stat(file);
      if (!info.isFile()) return send(res, 404, "404 not found\n", undefined, head);
      const body = await readFile(file);
      const type = MIME[extname(file).toLowerCase()] || "application/octet-stream";
      if (!quiet) console.log(`${req.method} ${req.url} 200`);
      send(res, 200, body, type, head);
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
