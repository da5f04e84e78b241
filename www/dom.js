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

function append(el, children) {
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
 * Puts `children` in place of what `el` holds, as `replace` does, but leaves the old elements
 * in the page, unseen (display: none), until the returned function removes them: removing a
 * form the worker has just ticked makes the browser lay it out once more first.
 */
export function swap(el, ...children) {
  const old = [...el.childNodes];
  for (const node of old) {
    if (node.nodeType === Node.ELEMENT_NODE) node.style.display = "none";
    else node.remove();
  }
  const fresh = document.createDocumentFragment();
  append(fresh, children);
  el.prepend(fresh);
  return () => {
    for (const node of old) node.remove();
  };
}

/**
 * Shows `node`, a screen drawn ahead inside `el` (class "ahead": laid out, unseen), in place of
 * everything else `el` holds, which is hidden at once and removed by the returned function.
 */
export function reveal(el, node) {
  const old = [...el.childNodes].filter((other) => other !== node);
  for (const other of old) {
    if (other.nodeType === Node.ELEMENT_NODE) other.style.display = "none";
    else other.remove();
  }
  node.classList.remove("ahead");
  return () => {
    for (const other of old) other.remove();
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
