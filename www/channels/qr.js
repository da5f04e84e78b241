// The QR code on a kiosk's results: the share link (answers only, in the fragment), drawn on
// the device with qrcode-generator (npm, MIT, vendored into dist/vendor by build-dist.mjs) as
// an SVG path. Nothing is sent anywhere: the phone that scans it recomputes the result itself.
import { h } from "../dom.js";
import qrcode from "../vendor/qrcode.mjs";

const SVG = "http://www.w3.org/2000/svg";

/**
 * An <svg> of `text` as a QR code (error correction M, 4-module quiet zone), drawn at a whole
 * number of pixels per module, up to `maxPixels` wide: uneven modules are harder to scan.
 */
export function qrSvg(text, maxPixels = 440) {
  const qr = qrcode(0, "M");
  qr.addData(text, "Byte");
  qr.make();
  const n = qr.getModuleCount();
  const quiet = 4;
  let path = "";
  for (let row = 0; row < n; row += 1) {
    for (let col = 0; col < n; col += 1) {
      if (qr.isDark(row, col)) path += `M${col + quiet} ${row + quiet}h1v1h-1z`;
    }
  }
  const size = n + 2 * quiet;
  const svg = document.createElementNS(SVG, "svg");
  const pixels = size * Math.max(2, Math.floor(maxPixels / size));
  svg.setAttribute("viewBox", `0 0 ${size} ${size}`);
  svg.setAttribute("width", String(pixels));
  svg.setAttribute("height", String(pixels));
  svg.setAttribute("class", "qr-code");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", "二维码：用手机扫一扫，在自己的手机上看这份结果");
  svg.setAttribute("shape-rendering", "crispEdges");
  const background = document.createElementNS(SVG, "rect");
  background.setAttribute("width", String(size));
  background.setAttribute("height", String(size));
  background.setAttribute("fill", "#fff");
  const dark = document.createElementNS(SVG, "path");
  dark.setAttribute("d", path);
  dark.setAttribute("fill", "#000");
  svg.append(background, dark);
  return svg;
}

/** The kiosk's panel: the code and what to do with it. */
export function qrPanel(link) {
  return h(
    "section",
    { class: "qr-panel", id: "qr-panel", "data-link": link },
    h("h2", {}, "用手机扫一扫，把结果带走"),
    qrSvg(link),
    h(
      "p",
      {},
      "用微信或手机相机扫这个二维码，就能在自己的手机上看到同样的结果。回答只在二维码里，不经过任何服务器。离开前请点“结束并清除”。",
    ),
  );
}
