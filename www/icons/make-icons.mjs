// Draws the app icons (a white certificate with a green tick on the brand blue) into PNGs
// for the web app manifest: `node www/icons/make-icons.mjs`. Run once; the PNGs are committed.
// The same drawing as icon.svg, computed per pixel with 4×4 supersampling.
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const { PNG } = createRequire(join(here, "..", "package.json"))("pngjs");

const BLUE = [0x0b, 0x4f, 0x8a];
const WHITE = [0xff, 0xff, 0xff];
const GREEN = [0x00, 0x70, 0x3c];
const LINE = [0x0b, 0x4f, 0x8a];

function segmentDistance(px, py, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Colour at (x, y) in a 100×100 drawing (the same shapes as icon.svg). */
function colour(x, y) {
  const tick = [[56, 66], [64, 74], [80, 56]];
  if (Math.hypot(x - 68, y - 65) <= 17) {
    if (segmentDistance(x, y, tick[0], tick[1]) <= 3.2 || segmentDistance(x, y, tick[1], tick[2]) <= 3.2) return WHITE;
    return GREEN;
  }
  if (x >= 20 && x <= 80 && y >= 22 && y <= 78) {
    for (const [ly, lx] of [[34, 66], [44, 66], [54, 46]]) if (y >= ly - 2 && y <= ly + 2 && x >= 30 && x <= lx) return LINE;
    return WHITE;
  }
  return BLUE;
}

for (const size of [192, 512]) {
  const png = new PNG({ width: size, height: size });
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      const sum = [0, 0, 0];
      for (let sy = 0; sy < 4; sy += 1) {
        for (let sx = 0; sx < 4; sx += 1) {
          const c = colour(((px + (sx + 0.5) / 4) * 100) / size, ((py + (sy + 0.5) / 4) * 100) / size);
          for (let i = 0; i < 3; i += 1) sum[i] += c[i];
        }
      }
      const at = (py * size + px) * 4;
      for (let i = 0; i < 3; i += 1) png.data[at + i] = Math.round(sum[i] / 16);
      png.data[at + 3] = 255;
    }
  }
  writeFileSync(join(here, `icon-${size}.png`), PNG.sync.write(png, { colorType: 2, deflateLevel: 9 }));
}
