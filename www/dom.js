// Building the page from data. Every string becomes a text node (`textContent`), never HTML,
// so wording from the engine and the policy files can never inject markup.

/**
 * h("p", { class: "hint" }, "text", child, …) → an element. Attributes: `class`, `on*`
 * handlers (functions), booleans (true = present, false/null/undefined = absent), strings.
 * Children: strings, numbers, nodes, arrays of those, and null/false (skipped).
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") {
      el.addEventListener(name.slice(2), value);
    } else if (name === "value") {
      el.value = value;
    } else if (name === "checked" || name === "selected") {
      el[name] = Boolean(value);
    } else {
      el.setAttribute(name, value === true ? "" : String(value));
    }
  }
  append(el, children);
  return el;
}

/** Appends `children` (as `h` takes them: strings, nodes, arrays, null) to `el`. */
export function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else if (child instanceof Node) el.appendChild(child);
    else el.appendChild(document.createTextNode(String(child)));
  }
}

/** Text only a screen reader hears ("修改" + "：培训天数"). */
export const hidden = (text) => h("span", { class: "visually-hidden" }, text);

/** Replaces everything inside `el`. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
}

/**
 * Puts `children`, as one screen (a div of class "view"), in place of what `el` holds; the old
 * screen stays in the page, out of sight (putAway), until the returned function removes it.
 */
export function swap(el, ...children) {
  const view = h("div", { class: "view" }, children);
  const removeOld = putAway(el, view);
  el.prepend(view);
  return removeOld;
}

/**
 * Shows `node`, a screen drawn ahead inside `el` (class "ahead": laid out, unseen), in place of
 * everything else `el` holds, which is put out of sight at once and removed by the returned
 * function.
 */
export function reveal(el, node) {
  const removeOld = putAway(el, node);
  node.classList.remove("ahead");
  return removeOld;
}

/**
 * Takes everything in `el` but `keep` out of sight at once, and returns the function that
 * removes it, for after the frame: removing a form the worker has just ticked makes the browser
 * lay it out once more first. A screen (class "view") is clipped to nothing, as a screen drawn
 * ahead is, and keeps its layout boxes: `display: none` would make the browser take them apart
 * at the tap (about 2 ms at 4× CPU). Its 继续 keeps the focus until the new heading takes it,
 * after the frame (blurring it here costs 3–4 ms more); a key pressed meanwhile does nothing
 * (question.js answers only for the screen on show). Anything else (a status line) gets
 * `display: none`.
 */
function putAway(el, keep) {
  const old = [...el.childNodes].filter((node) => node !== keep);
  for (const node of old) {
    if (node.nodeType !== Node.ELEMENT_NODE) node.remove();
    else if (node.classList.contains("view")) node.classList.add("leaving");
    else node.style.display = "none";
  }
  return () => {
    for (const node of old) node.remove();
  };
}

/**
 * The status line `id` (role="status") under `el`, saying `text`: the one on show there, else a
 * new one (one hidden with the last screen, on its way out, is dropped).
 */
export function statusLine(el, id, text) {
  let line = document.getElementById(id);
  if (line && (line.parentNode !== el || line.style.display === "none")) line.remove();
  if (!line?.isConnected) el.append((line = h("p", { class: "loading", id, role: "status" })));
  line.textContent = text;
  return line;
}

/** A page that cannot go on: `title` as the heading of `el`, and the lines saying what to do. */
export function problem(el, title, ...lines) {
  replace(
    el,
    h("h1", { tabindex: "-1" }, title),
    lines.map((line) => h("p", {}, line)),
  );
  document.title = `${title} - 技能补贴测算`;
}
