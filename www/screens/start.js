// The start screen. Its words and its 开始 button are in index.html itself, so they paint
// before any script or the WebAssembly arrives; this module only adds what depends on the
// worker (a notice, a preset place, kiosk wording, saved answers) and wires 开始.
import { h } from "../dom.js";

/** The start screen as the HTML has it, kept to draw it again after 清除 or 返回. */
const template = document.getElementById("start-screen")?.cloneNode(true);

/**
 * The start screen: the one already on the page when there is one, else a copy of it.
 * `opts`: notice, place ({ text, change, keepRest: { text, yes, no } }), kiosk, resuming, onStart.
 */
export function startScreen({ notice, place, kiosk, resuming, onStart }) {
  let view = document.getElementById("start-screen");
  if (!view || view.dataset.bound) view = template.cloneNode(true);
  view.dataset.bound = "true";
  for (const old of view.querySelectorAll(".added")) old.remove();
  const heading = view.querySelector("h1");
  if (notice) heading.before(h("div", { class: "notice-panel added", role: "alert", id: "notice" }, h("p", {}, notice)));
  if (place) {
    heading.after(
      h(
        "div",
        { class: "place-panel added", id: "place" },
        h("p", {}, place.text),
        h("p", { class: "small" }, "如果您不在这里居住和参保，可以更改地区。"),
        h("button", { type: "button", class: "button secondary", onclick: place.change }, "更改地区"),
        // The address named this place, and answers for another were kept: keep the rest?
        place.keepRest
          ? h(
              "div",
              { class: "keep-rest", id: "keep-rest" },
              h("p", {}, place.keepRest.text),
              h("button", { type: "button", class: "button secondary", onclick: place.keepRest.yes }, "继续用其他回答"),
              h("button", { type: "button", class: "button secondary", onclick: place.keepRest.no }, "不用，从头回答"),
            )
          : null,
      ),
    );
  }
  if (kiosk) view.querySelector("#privacy-line").textContent = "回答不会保存，也不会发送到任何地方；离开前请点“结束并清除”。";
  const button = view.querySelector("#start");
  button.addEventListener("click", onStart);
  if (resuming) button.after(h("p", { class: "hint added" }, "您上次的回答还保存在本机，会自动填好。"));
  view.querySelector("#preparing").hidden = true;
  return view;
}
