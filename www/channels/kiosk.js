// Kiosk mode (?kiosk=1): the idle reset. After `idle` seconds without a touch or a key, an
// on-screen notice (not a pop-up) counts down 15 seconds with one large 继续使用 button; at
// zero the page wipes every answer. Only 继续使用 stops the countdown: a stray touch by the
// next person in line must not keep the last person's answers on screen.
import { h } from "../dom.js";

export const COUNTDOWN_SECONDS = 15;

const ACTIVITY = ["pointerdown", "touchstart", "keydown", "wheel", "input"];

/**
 * Starts watching. `idle`: seconds; `worthKeeping()`: whether there is anything to wipe (no
 * countdown over an empty start screen); `wipe()`: clears everything and shows the start.
 */
export function watchIdle({ idle, worthKeeping, wipe }) {
  let timer = null;
  let tick = null;
  let left = 0;
  const count = h("strong", { class: "idle-count" });
  const keep = h("button", { type: "button", class: "button idle-keep" }, "继续使用");
  const notice = h(
    "section",
    { class: "idle-notice", id: "idle-notice", role: "alert", "aria-labelledby": "idle-title", hidden: true },
    h("h2", { id: "idle-title" }, "还在使用吗？"),
    h("p", {}, count, " 秒后将清除本次的全部回答，回到首页。"),
    keep,
  );
  document.body.append(notice);

  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(expire, idle * 1000);
  };
  const hide = () => {
    clearInterval(tick);
    tick = null;
    notice.hidden = true;
  };
  const expire = () => {
    if (!worthKeeping()) return arm();
    left = COUNTDOWN_SECONDS;
    count.textContent = String(left);
    notice.hidden = false;
    keep.focus({ preventScroll: true });
    tick = setInterval(() => {
      left -= 1;
      count.textContent = String(left);
      if (left <= 0) {
        hide();
        wipe();
        arm();
      }
    }, 1000);
  };
  keep.addEventListener("click", () => {
    hide();
    arm();
  });
  for (const type of ACTIVITY) {
    document.addEventListener(
      type,
      () => {
        if (!tick) arm();
      },
      { capture: true, passive: true },
    );
  }
  arm();
  return {
    /** After 结束并清除: no countdown left over, and a fresh wait. */
    reset() {
      hide();
      arm();
    },
  };
}
