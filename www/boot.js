// A classic script (ES5) that runs before the page's modules, in every browser:
// - 开始 (in index.html, drawn before any script) tapped before the engine is ready shows
//   正在准备…, and app.js starts the questions as soon as it can (data-usable: the region
//   question needs no engine; data-ready: the engine has arrived);
// - a browser too old for the engine (ES modules, WebAssembly and its reference types) gets
//   words at once, not a blank page or a 20-second wait;
// - if app.js never starts (a module failed to load, or an old cached index.html meets new
//   files), the worker gets a 重新加载 button instead of 正在加载 for ever. The reload adds a
//   throw-away parameter so that a webview's cached copy of the page is not used again.
(function () {
  var WAIT_MS = 20000;

  // A shared link (#a=) opens into its results: the start screen is never painted meanwhile
  // (style.css says 正在打开分享的结果 instead; app.js lifts this if it draws the start). This
  // script runs in the head, before the body is parsed, for this line; the rest waits for the
  // document (below).
  if (/^#a=/.test(window.location.hash)) document.documentElement.setAttribute("data-opening", "");
  // "interactive": the body is parsed and the deferred scripts (app.js) have not run yet,
  // as when this script was deferred itself.
  if (document.readyState === "loading") {
    document.addEventListener("readystatechange", function once() {
      if (document.readyState === "loading") return;
      document.removeEventListener("readystatechange", once);
      withDocument();
    });
  } else {
    withDocument();
  }

  function withDocument() {

  // The engine is built with WebAssembly's reference types and multiple results (Chrome 96,
  // Safari 15, Firefox 79), which implies every script feature the page's modules use (the
  // newest, `??=`, came in Chrome 85). A browser that cannot validate this 38-byte module,
  // one function taking an externref and one returning two i32s, would otherwise parse
  // nothing of app.js, or load it and fail at the engine, and show 页面没有加载完整 after 20 s.
  function canRunEngine() {
    if (typeof WebAssembly !== "object" || typeof WebAssembly.validate !== "function") return false;
    var probe = [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 10, 2, 0x60, 1, 0x6f, 0, 0x60, 0, 2, 0x7f, 0x7f, 3, 3, 2, 0, 1, 10, 11, 2, 2, 0, 11, 6, 0, 0x41, 0, 0x41, 0, 11];
    try {
      return WebAssembly.validate(new Uint8Array(probe));
    } catch (error) {
      return false;
    }
  }

  function show(title, line, withReload) {
    var screen = document.getElementById("screen");
    if (!screen) return;
    while (screen.firstChild) screen.removeChild(screen.firstChild);
    var h = document.createElement("h1");
    h.appendChild(document.createTextNode(title));
    var p = document.createElement("p");
    p.appendChild(document.createTextNode(line));
    screen.appendChild(h);
    screen.appendChild(p);
    if (withReload) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button";
      button.appendChild(document.createTextNode("重新加载"));
      button.addEventListener("click", function () {
        var search = window.location.search.replace(/([?&])_r=\d+&?/, "$1").replace(/[?&]$/, "");
        window.location.replace(window.location.pathname + (search ? search + "&" : "?") + "_r=" + Date.now() + window.location.hash);
      });
      screen.appendChild(button);
    }
  }

  if (!("noModule" in document.createElement("script")) || !canRunEngine()) {
    // app.js, if this browser can read it at all, draws the fuller version of these words.
    document.documentElement.setAttribute("data-unsupported", "");
    show("这个浏览器打不开测算", "浏览器的版本太旧。请使用系统浏览器或升级微信后再打开本页。也可以咨询当地人社部门，或拨打12333。", false);
    return;
  }
  // 开始 tapped before the engine is ready: say so, and let app.js go on once it is.
  var startButton = document.getElementById("start");
  if (startButton) {
    startButton.addEventListener("click", function () {
      var root = document.documentElement;
      if (root.getAttribute("data-ready") || root.getAttribute("data-usable")) return;
      root.setAttribute("data-start-wanted", "");
      var preparing = document.getElementById("preparing");
      if (preparing) preparing.hidden = false;
    });
  }
  setTimeout(function () {
    if (document.documentElement.getAttribute("data-started")) return;
    show("页面没有加载完整", "可能是网络不好，或者手机里还留着旧版本的页面。请点下面的按钮重新加载；如果一直这样，请咨询当地人社部门，或拨打12333。", true);
  }, WAIT_MS);
  }
})();
