// The masthead: the service's name, 长辈版 and 清除我的回答 (结束并清除 at a kiosk).
import { h } from "./dom.js";
import { elderToggle } from "./channels/elder.js";

/**
 * The masthead's controls, built here rather than in index.html, so that an old cached
 * index.html (WeChat keeps it a long time) still gets the current ones.
 */
export function masthead(address) {
  let bar = document.querySelector(".masthead-inner");
  if (!bar) {
    const header = h("header", { class: "masthead" }, (bar = h("div", { class: "wrap masthead-inner" }, h("span", { class: "brand" }, "技能补贴测算"))));
    document.body.prepend(header);
  }
  // index.html holds an empty row where the tools go, so the page does not jump when they come.
  for (const old of bar.querySelectorAll("button, .masthead-tools")) old.remove();
  const tools = h("div", { class: "masthead-tools" });
  tools.append(elderToggle({ fromAddress: address.elder, kiosk: address.kiosk }));
  const clear = address.kiosk
    ? h("button", { type: "button", id: "clear", class: "clear-button end-button waiting", disabled: true }, "结束并清除")
    : h("button", { type: "button", id: "clear", class: "clear-button waiting", disabled: true }, "清除我的回答");
  tools.append(clear);
  bar.append(tools);
  if (address.kiosk) document.documentElement.classList.add("kiosk");
  return clear;
}
