// A classic script (ES5) that runs before the page's modules, in every browser:
// - 开始 (in index.html, drawn before any script) tapped before the engine is ready shows
//   正在准备…, and app.js starts the questions as soon as it can (data-usable: the region
//   question needs no engine; data-ready: the engine has arrived);
// - a browser too old for ES modules (and so for WebAssembly) gets words, not a blank page;
// - if app.js never starts (a module failed to load, or an old cached index.html meets new
//   files), the worker gets a 重新加载 button instead of 正在加载 for ever. The reload adds a
//   throw-away parameter so that a webview's cached copy of the page is not used again.
(function () {
  var WAIT_MS = 20000;

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

  if (!("noModule" in document.createElement("script"))) {
    show("这个浏览器打不开测算", "请使用系统浏览器或升级微信后再打开本页。也可以咨询当地人社部门，或拨打12333。", false);
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
})();
