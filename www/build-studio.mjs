// The studio and the deployment's list of packs, after build-dist.mjs and `subsidy packs`
// (`make dist`):
//
//   dist/studio.html, studio.js, studio-words.js, studio-preview.js, studio.css
//   dist/studio/studio.js + studio_bg.wasm   the studio's own module (www/studio-pkg/, built
//                                            with `--features studio`: src/wasm_studio.rs)
//   dist/packs/*.pack.br, .gz                each pack's compressed twins (so is the studio module)
//   dist/packs/index.txt                     every pack this deployment serves, one file name
//                                            a line; the page reads it (places.js) so a pack
//                                            saved by the studio is added without a rebuild
//
// None of these is in the worker's first load or the service worker's list: build-dist.mjs
// wrote both before this runs, and this script checks that neither names a studio file.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const www = dirname(fileURLToPath(import.meta.url));
const dist = join(www, "dist");

for (const file of ["studio.html", "studio.js", "studio-words.js", "studio-preview.js", "studio.css"]) {
  copyFileSync(join(www, file), join(dist, file));
}
mkdirSync(join(dist, "studio"), { recursive: true });
for (const file of ["studio.js", "studio_bg.wasm"]) {
  const from = join(www, "studio-pkg", file);
  if (!existsSync(from)) throw new Error(`build-studio: ${from} is missing: run \`make studio-wasm\` first`);
  copyFileSync(from, join(dist, "studio", file));
}

const packs = readdirSync(join(dist, "packs"))
  .filter((name) => /^\d{6}\.[0-9a-f]{8}\.pack$/.test(name))
  .sort();
writeFileSync(
  join(dist, "packs", "index.txt"),
  [
    "# The policy packs this deployment serves, one file name a line (README, \"Deployment\").",
    "# A pack saved by the studio is added by copying it into this folder and adding its name here.",
    ...packs,
    "",
  ].join("\n"),
);

// Each pack's and the studio module's `.br` and `.gz` twins, as build-dist.mjs writes them for
// the page (serve.mjs, nginx's brotli_static/gzip_static send them): a pack is about a third
// over the wire (140502's 13 KB travels as 3.5 KB), which a city's first load on a slow
// network feels most. The browser undoes them; the bytes addPack checks are the same.
const twins = (file) => {
  const bytes = readFileSync(join(dist, file));
  const squeezed = {
    ".gz": gzipSync(bytes, { level: 9 }),
    ".br": brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }),
  };
  for (const [ext, packed] of Object.entries(squeezed)) if (packed.length < bytes.length) writeFileSync(join(dist, file + ext), packed);
};
for (const pack of packs) twins(join("packs", pack));
for (const file of ["studio/studio.js", "studio/studio_bg.wasm"]) twins(file);

for (const file of ["index.html", "sw.js", "app.js"]) {
  if (/studio/.test(readFileSync(join(dist, file), "utf8"))) throw new Error(`build-studio: dist/${file} names the studio`);
}
const size = (file) => readFileSync(join(dist, file)).length;
console.log(`studio: dist/studio/studio_bg.wasm ${size("studio/studio_bg.wasm")} bytes; packs/index.txt lists ${packs.length} packs`);
