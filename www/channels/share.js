// Share and copy: the answers as a link (#a=, base64url of the UTF-8 JSON, no padding, as
// api.md fixes it), opening such a link, and a plain-text summary that reads well pasted
// into a WeChat chat. Nothing here decides anything: the summary is the engine's estimate.
import { h, replace } from "../dom.js";
import { answersShapeProblem } from "../store.js";

/** Longest #a= value accepted: real answers are well under 1,000 characters. */
export const MAX_LINK_CHARS = 3000;

function bytesToBase64url(bytes) {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function base64urlToBytes(text) {
  const base64 = text.replace(/-/g, "+").replace(/_/g, "/");
  const binary = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

export function encodeAnswers(answers) {
  return bytesToBase64url(new TextEncoder().encode(JSON.stringify(answers)));
}

/** The page's own address (no query: a kiosk's settings are not the phone's) with the answers. */
export function shareLink(answers, location = window.location) {
  return `${location.origin}${location.pathname}#a=${encodeAnswers(answers)}`;
}

const DAMAGED = "这个分享链接不完整或已经损坏，打不开里面的回答。请让发链接的人重新复制一次，或者从头开始测算。";

const STRING = /"(?:[^"\\]|\\.)*"/y;

/**
 * The first key that `text` (JSON that JSON.parse accepted) gives twice in one object, named
 * as the command line names it ("region", "certificate.level"), or null. JSON.parse keeps
 * the last of two and drops the first in silence; the command line refuses both, and so does
 * the link.
 */
export function repeatedKey(text) {
  const open = []; // each: { keys: a Set (an object) or null (a list), name, index }
  let expectKey = false;
  let key = "";
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    const top = open[open.length - 1];
    if (c === '"') {
      STRING.lastIndex = i;
      const token = STRING.exec(text)[0];
      i += token.length - 1;
      if (expectKey && top && top.keys) {
        const name = JSON.parse(token);
        if (top.keys.has(name)) return top.name ? `${top.name}.${name}` : name;
        top.keys.add(name);
        key = top.name ? `${top.name}.${name}` : name;
        expectKey = false;
      }
    } else if (c === "{" || c === "[") {
      const name = !top ? "" : top.keys ? key : `${top.name}[${top.index}]`;
      open.push({ keys: c === "{" ? new Set() : null, name, index: 0 });
      expectKey = c === "{";
    } else if (c === "}" || c === "]") {
      open.pop();
    } else if (c === "," && top) {
      if (top.keys) expectKey = true;
      else top.index += 1;
    }
  }
  return null;
}

/**
 * The answers carried by `hash` ("#a=…"): `null` when there are none, `{ answers }`,
 * `{ error }` with a plain Chinese sentence, or `{ refused }`: an Error naming the field in its
 * message and as `.field`, as the engine's own errors do (a key given twice), for the page to
 * word as it words those.
 * The engine still checks every value. A byte-order mark before the JSON is read as nothing
 * (TextDecoder drops it), as the command line reads it.
 */
export function readShared(hash = window.location.hash) {
  if (!hash || !hash.startsWith("#a=")) return null;
  const value = hash.slice(3);
  if (value.length > MAX_LINK_CHARS) {
    return { error: "这个分享链接太长了，不是本测算生成的链接，没有打开。请让发链接的人重新复制一次，或者从头开始测算。" };
  }
  if (!/^[A-Za-z0-9_-]+$/.test(value) || value.length % 4 === 1) return { error: DAMAGED };
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(base64urlToBytes(value));
    const answers = JSON.parse(text);
    if (answersShapeProblem(answers)) return { error: DAMAGED };
    const twice = repeatedKey(text);
    if (twice !== null) return { refused: Object.assign(new Error(`${twice}: this key is given twice; give each answer once`), { field: twice }) };
    return { answers };
  } catch {
    return { error: DAMAGED };
  }
}

/** Removes the answers from the address bar (so they do not linger in history or a reload). */
export function forgetSharedAddress() {
  if (!window.location.hash) return;
  try {
    window.history.replaceState(window.history.state, "", `${window.location.pathname}${window.location.search}`);
  } catch {
    // Some embedded browsers refuse; the answers are only in this tab's address.
  }
}

/**
 * A short plain-text summary of `estimate`: first what the worker can get (`more.top`, the
 * lines at the top of the results), then each line with its document and clause, where to
 * apply and by when (`more.whereAndWhen`), what to bring (`more.checklist`), the date and the
 * disclaimer. `groups` are the results screen's own groups (results.js).
 */
export function summaryText(estimate, groups, amountText, more = {}) {
  const lines = ["【技能补贴测算结果】", `地区：${estimate.region_name || estimate.region || "未选择"}`, `测算日期：${estimate.date}`];
  const anyInForce = estimate.documents.some((d) => d.in_force);
  if (!anyInForce && !(more.top && more.top.length)) {
    lines.push("", `所选日期没有执行中的补贴文件，没有现行金额。`);
  } else {
    if (more.top && more.top.length) lines.push("", ...more.top);
    for (const group of groups) {
      if (group.id === "ineligible") continue;
      const items = estimate.benefits.filter(group.test);
      if (!items.length) continue;
      lines.push("", `${group.short || group.title}：`);
      for (const b of items) {
        const amount = b.status === "eligible" ? amountText(b) : null;
        const s = b.source;
        lines.push(`· ${b.title}${amount ? ` ${amount}` : ""}`);
        lines.push(`  依据：《${s.document}》${s.doc_number ? `（${s.doc_number}）` : ""} ${s.clause}`);
        const where = more.whereAndWhen ? more.whereAndWhen(b) : null;
        if (where && group.id !== "employer") lines.push(`  ${where}`);
      }
    }
    if (more.checklist && more.checklist.length) lines.push("", ...more.checklist);
  }
  lines.push("", "测算结果仅供参考，能否领取、领多少，以当地人社部门审核为准。咨询电话12333。");
  return lines.join("\n");
}

/** Copies `text`; resolves true when it reached the clipboard. */
export async function copyText(text) {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Fall back to the selection below (older WebViews, or permission refused).
  }
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.className = "offscreen";
  document.body.append(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand("copy");
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}

/**
 * The results screen's 复制结果 and 分享链接: `summary()` and `link()` are computed when pressed.
 * What happened is said beside the buttons; when the clipboard is refused, the text is shown
 * selected so the worker can copy it by hand.
 */
export function sharePanel({ summary, link }) {
  const status = h("div", { class: "share-status", id: "share-status", "aria-live": "polite" });
  const manual = (text, words) =>
    replace(
      status,
      h("p", {}, words),
      h("textarea", { class: "share-text", readonly: true, rows: "4", "aria-label": words, onfocus: (e) => e.target.select() }, text),
    );
  const copySummary = async () => {
    const text = summary();
    if (await copyText(text)) replace(status, h("p", { class: "done" }, "已复制结果，可以粘贴到微信聊天里发给家人。"));
    else manual(text, "没能自动复制。请长按下面的文字，选择“全选”和“复制”。");
  };
  const copyLink = async () => {
    const url = link();
    const warning = h("p", { class: "warning share-warning" }, "注意：打开这个链接的人能看到您的这些回答。");
    const field = h("input", { type: "text", class: "share-link", readonly: true, value: url, "aria-label": "分享链接", onfocus: (e) => e.target.select() });
    const copied = await copyText(url);
    replace(status, warning, h("p", { class: copied ? "done" : "" }, copied ? "链接已复制，可以粘贴到微信聊天里。" : "请长按下面的链接，选择“复制”。"), field);
  };
  return h(
    "section",
    { class: "share-panel", id: "share-panel" },
    h("h2", {}, "把结果发给家人或留存"),
    h(
      "div",
      { class: "share-buttons" },
      h("button", { type: "button", class: "button secondary copy-button", onclick: copySummary }, "复制结果"),
      h("button", { type: "button", class: "button secondary link-button", onclick: copyLink }, "分享链接"),
    ),
    status,
  );
}
