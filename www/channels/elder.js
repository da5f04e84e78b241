// 长辈版 (elder mode): larger text and targets, AAA contrast, one column, nothing moving by
// itself (style.css, under html.elder). A toggle on every screen and ?elder=1 turn it on; the
// choice is remembered on this device, except in kiosk mode, which writes nothing.
import { h } from "../dom.js";

const KEY = "subsidy-estimator/elder";

let remember = true;

function saved() {
  try {
    return window.localStorage.getItem(KEY) === "1";
  } catch {
    return false;
  }
}

function store(on) {
  if (!remember) return;
  try {
    if (on) window.localStorage.setItem(KEY, "1");
    else window.localStorage.removeItem(KEY);
  } catch {
    // Storage blocked: the mode still applies to this visit.
  }
}

export const isElder = () => document.documentElement.classList.contains("elder");

let toggle = null;
let initial = false;

function apply(on, button) {
  document.documentElement.classList.toggle("elder", on);
  button.setAttribute("aria-pressed", String(on));
  button.textContent = on ? "长辈版：开" : "长辈版/大字";
}

/**
 * Sets the mode from the address and the saved choice and returns the toggle button.
 * `kiosk`: remember nothing. `onChange(on)` runs after each toggle.
 */
export function elderToggle({ fromAddress, kiosk, onChange = () => {} }) {
  remember = !kiosk;
  const button = h("button", { type: "button", class: "elder-toggle", id: "elder-toggle" });
  const on = fromAddress || (!kiosk && saved());
  apply(on, button);
  toggle = button;
  initial = on;
  if (fromAddress) store(true);
  button.addEventListener("click", () => {
    const next = !isElder();
    apply(next, button);
    store(next);
    onChange(next);
  });
  return button;
}

/** A kiosk's wipe: the next person starts in the mode the address asked for. */
export function resetElder() {
  if (toggle) apply(initial, toggle);
}
