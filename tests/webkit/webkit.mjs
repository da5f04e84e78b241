// Shared by the WebKit tests: Debian's WebKitGTK (the engine of iPhones and of WeChat on iOS)
// driven over WebDriver: `WebKitWebDriver` (webkit2gtk-driver) starts the MiniBrowser, and
// selenium-webdriver (npm) talks to it. Nothing downloads a browser. The MiniBrowser needs an X
// display: `make test-webkit` runs the files under `xvfb-run` (`make setup-webkit` installs both).
//
// `WebKitPage` answers the handful of calls the Chromium tests' helpers make of a Playwright
// page (evaluate, waitForFunction, check, selectOption, fill, $$eval, getByRole, locator), so
// the walk, the layout checks and the readers of tests/browser/helpers.mjs run here unchanged.
import { after, before } from "node:test";
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { join } from "node:path";
import { ROOT, startServer } from "../browser/helpers.mjs";

const require = createRequire(join(ROOT, "www", "package.json"));
const { Builder, By, error: WebDriverError } = require("selenium-webdriver");

export const SCREENSHOTS = join(ROOT, "tests", "webkit", "screenshots");
/** The window is the page: the MiniBrowser in full-screen mode has no toolbar (and no minimum width). */
export const PHONE = { width: 360, height: 740 };
export const KIOSK = { width: 1080, height: 1920 };
const WAIT = 15000;
const SESSION_WAIT = 30000;

/** Debian puts it in /usr/lib/<multiarch>/webkit2gtk-4.1/ (libwebkit2gtk-4.1-0, which webkit2gtk-driver needs). */
function miniBrowser() {
  const lib = "/usr/lib";
  for (const arch of readdirSync(lib)) {
    for (const api of ["webkit2gtk-4.1", "webkit2gtk-4.0"]) {
      const binary = join(lib, arch, api, "MiniBrowser");
      if (existsSync(binary)) return binary;
    }
  }
  return undefined;
}

function freePort() {
  return new Promise((ok, fail) => {
    const probe = createServer();
    probe.once("error", fail);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => ok(port));
    });
  });
}

/** Resolves when the driver answers /status, rejects with its own words when it exits first. */
async function driverReady(url, child, log) {
  const deadline = Date.now() + WAIT;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`WebKitWebDriver exited (code ${child.exitCode}): ${log().trim() || "no output"}`);
    try {
      const res = await fetch(`${url}/status`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((ok) => setTimeout(ok, 50));
  }
  throw new Error(`WebKitWebDriver did not answer on ${url} within ${WAIT / 1000} s: ${log().trim() || "no output"}`);
}

/**
 * Starts WebKitWebDriver on a free port and one MiniBrowser session in it, its window (the
 * page's viewport) `size`. Each session is a fresh browser process with empty storage. A
 * session that cannot start fails with what was missing and how to get it.
 */
export async function launchWebKit(size = PHONE) {
  const help = "run `make setup-webkit`, and run the tests under xvfb-run (`make test-webkit` does both)";
  if (!process.env.DISPLAY) throw new Error(`WebKit tests need an X display (DISPLAY is not set): ${help}`);
  const binary = miniBrowser();
  if (!binary) throw new Error(`WebKitGTK's MiniBrowser was not found under /usr/lib/*/webkit2gtk-4.1/: ${help}`);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = "";
  const child = spawn("WebKitWebDriver", [`--port=${port}`], { stdio: ["ignore", "pipe", "pipe"] });
  const spawned = new Promise((ok, fail) => {
    child.once("spawn", ok);
    child.once("error", (e) => fail(new Error(`WebKitWebDriver could not be started (${e.code === "ENOENT" ? "not installed" : e.message}): ${help}`)));
  });
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  await spawned;
  const stop = () => child.exitCode === null && child.kill();
  let driver;
  try {
    await driverReady(url, child, () => output);
    // WebKitWebDriver waits on a MiniBrowser that could not start (no display) for ever.
    let timer;
    const session = new Builder()
      .usingServer(url)
      .withCapabilities({
        browserName: "MiniBrowser",
        "webkitgtk:browserOptions": { binary, args: ["--automation", "--full-screen"] },
      })
      .build();
    driver = await Promise.race([
      session,
      new Promise((_, fail) => {
        timer = setTimeout(() => fail(new Error(`no session after ${SESSION_WAIT / 1000} s (DISPLAY=${process.env.DISPLAY})`)), SESSION_WAIT);
      }),
    ]).finally(() => clearTimeout(timer));
    await driver.manage().window().setRect({ x: 0, y: 0, ...size });
  } catch (e) {
    await driver?.quit().catch(() => {});
    stop();
    throw new Error(`The WebKit WebDriver session did not start (WebKitWebDriver on ${url}, ${binary}): ${e.message}${output.trim() ? `\nWebKitWebDriver said: ${output.trim()}` : ""}\nTo fix: ${help}.`);
  }
  const page = new WebKitPage(driver);
  page.close = async () => {
    await driver.quit().catch(() => {});
    stop();
  };
  const viewport = await page.evaluate(() => [innerWidth, innerHeight]);
  if (viewport[0] !== size.width || viewport[1] !== size.height) {
    await page.close();
    throw new Error(`The MiniBrowser's page is ${viewport.join("×")}, not ${size.width}×${size.height}: is the X screen large enough (xvfb-run -s "-screen 0 1280x2000x24")?`);
  }
  return page;
}

/** Starts the site server before a file's tests and stops it after: `env.server` (`url`, `port`, `close`). */
export function siteServer() {
  const env = {};
  before(async () => {
    env.server = await startServer();
  });
  after(async () => {
    await stopServer(env.server);
  });
  return env;
}

/** Stops a site server at once, keep-alive connections included (the network is gone). */
export async function stopServer(server) {
  if (!server) return;
  const closed = server.close();
  server.server.closeAllConnections();
  await closed;
}

const script = (fn) => `return (${fn}).apply(null, arguments);`;

/** The subset of a Playwright page the shared helpers use, over WebDriver. */
export class WebKitPage {
  constructor(driver) {
    this.driver = driver;
  }

  goto(url) {
    return this.driver.get(url);
  }

  reload() {
    return this.driver.navigate().refresh();
  }

  /**
   * From now until the next navigation, collects what the page reports as going wrong:
   * uncaught errors, unhandled rejections, console.error and console.warn. (WebKitWebDriver
   * gives no console log, and a script cannot be put ahead of the page's own: an error while
   * loading shows as a page that never becomes ready.)
   */
  watchErrors() {
    return this.evaluate(() => {
      if (window.__webkitErrors) return;
      const seen = (window.__webkitErrors = []);
      addEventListener("error", (e) => seen.push(`error: ${e.message}`));
      addEventListener("unhandledrejection", (e) => seen.push(`unhandled rejection: ${e.reason}`));
      for (const level of ["error", "warn"]) {
        const original = console[level];
        console[level] = (...args) => {
          seen.push(`${level}: ${args.join(" ")}`);
          original.apply(console, args);
        };
      }
    });
  }

  /** What `watchErrors` collected. */
  errors() {
    return this.evaluate(() => window.__webkitErrors ?? ["watchErrors() was not called on this page"]);
  }

  /** Runs `fn(arg)` in the page; a promise it returns is awaited (WebDriver's Execute Script). */
  evaluate(fn, arg) {
    return this.driver.executeScript(script(fn), arg === undefined ? null : arg);
  }

  async waitForFunction(fn, arg, { timeout = WAIT } = {}) {
    let last;
    try {
      // A script sent while the page reloads (a kiosk's wipe) may fail: asked again next poll.
      const poll = async () => {
        try {
          return (last = await this.evaluate(fn, arg));
        } catch (e) {
          last = String(e && e.message);
          return false;
        }
      };
      return await this.driver.wait(poll, timeout);
    } catch (e) {
      if (!(e instanceof WebDriverError.TimeoutError)) throw e;
      throw new Error(`waited ${timeout / 1000} s for ${String(fn).replace(/\s+/g, " ").slice(0, 160)} (last: ${JSON.stringify(last)})`);
    }
  }

  waitForSelector(selector, { timeout = WAIT } = {}) {
    return this.waitForFunction((s) => document.querySelector(s) !== null, selector, { timeout });
  }

  /** The one element `selector` names, once it exists. */
  async element(selector) {
    await this.waitForSelector(selector);
    return this.driver.findElement(By.css(selector));
  }

  /**
   * Taps `element` as a finger would: brought into view first where it is not (the page sees
   * the scroll: its scroll events are delivered with the next frames), then tapped. WebDriver's
   * own click would scroll and tap in one go, before the page hears of the scroll.
   */
  async tap(element) {
    await this.bringIntoView(element);
    await element.click();
  }

  /** Scrolls `element` into view where it is not, and lets the page hear of it. */
  async bringIntoView(element) {
    await this.driver.executeScript(
      `const el = arguments[0]; const box = el.getBoundingClientRect();
       if (box.top >= 0 && box.bottom <= innerHeight) return;
       el.scrollIntoView({ block: "center", behavior: "instant" });
       return new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));`,
      element,
    );
  }

  /** Taps a radio button or checkbox (the whole option box is its input), unless already ticked. */
  async check(selector) {
    const box = await this.element(selector);
    if (!(await box.isSelected())) await this.tap(box);
    if (!(await box.isSelected())) throw new Error(`${selector}: still not ticked after a tap`);
  }

  /** Chooses the option of value `value` in a select, once the select offers it (a province's places come later). */
  async selectOption(selector, value) {
    const option = `${selector} option[value=${JSON.stringify(String(value))}]`;
    await this.waitForSelector(option);
    await this.bringIntoView(await this.element(selector));
    await (await this.driver.findElement(By.css(option))).click();
    await this.waitForFunction(([s, v]) => document.querySelector(s).value === v, [selector, String(value)]);
  }

  async fill(selector, value) {
    const input = await this.element(selector);
    await this.bringIntoView(input);
    await input.clear();
    await input.sendKeys(String(value));
  }

  $$eval(selector, fn) {
    return this.driver.executeScript(`return (${fn})([...document.querySelectorAll(arguments[0])]);`, selector);
  }

  /** Only `getByRole("button", { name, exact: true })`: the one visible button of that name. */
  getByRole(role, { name }) {
    if (role !== "button") throw new Error(`getByRole: only buttons, not ${role}`);
    const find = () =>
      this.waitForFunction((name) => {
        const buttons = [...document.querySelectorAll("button, [role=button], input[type=button], input[type=submit]")].filter((b) => {
          const box = b.getBoundingClientRect();
          const label = (b.getAttribute("aria-label") || b.textContent || b.value || "").replace(/\s+/g, " ").trim();
          return label === name && box.width > 0 && box.height > 0 && getComputedStyle(b).visibility !== "hidden" && !b.closest("[hidden], [inert], [aria-hidden=true], .leaving");
        });
        if (buttons.length > 1) throw new Error(`${buttons.length} buttons named ${name}`);
        return buttons[0] || false;
      }, name);
    return { click: async () => this.tap(await find()) };
  }

  /** A locator reduced to what the tests read: text, count, visibility, an attribute. */
  locator(selector) {
    const page = this;
    return {
      textContent: () => page.evaluate((s) => document.querySelector(s)?.textContent ?? null, selector),
      count: () => page.evaluate((s) => document.querySelectorAll(s).length, selector),
      isVisible: () =>
        page.evaluate((s) => {
          const el = document.querySelector(s);
          if (!el || el.closest("[hidden]")) return false;
          const box = el.getBoundingClientRect();
          return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== "hidden";
        }, selector),
      getAttribute: (name) => page.evaluate(([s, n]) => document.querySelector(s)?.getAttribute(n) ?? null, [selector, name]),
    };
  }

  async screenshot(name) {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await this.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)))); // what was last changed, painted
    writeFileSync(join(SCREENSHOTS, `${name}.png`), Buffer.from(await this.driver.takeScreenshot(), "base64"));
  }
}

/**
 * What is cut off on the current screen at `width`: a visible element reaching past the
 * viewport's right edge, content wider than the box that clips it (overflow other than
 * visible), and a select too narrow for the option it shows (measured against a copy of it
 * holding only that option, at its natural width). Screens out of sight (drawn ahead, leaving)
 * and visually hidden text are skipped.
 */
export function clipped(page, width = PHONE.width) {
  return page.evaluate((width) => {
    const problems = [];
    const name = (el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.className && typeof el.className === "string" ? `.${el.className.trim().split(/\s+/).join(".")}` : ""} "${(el.textContent || el.value || "").replace(/\s+/g, " ").trim().slice(0, 24)}"`;
    const unseen = (el) => el.closest("[hidden], [aria-hidden=true], .ahead, .leaving, .visually-hidden, noscript, template, head");
    for (const el of document.body.querySelectorAll("*")) {
      if (unseen(el)) continue;
      const style = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      if (style.display === "none" || style.visibility === "hidden" || box.width === 0 || box.height === 0) continue;
      if (box.right > width + 0.5) problems.push(`${name(el)} reaches x=${box.right.toFixed(0)} (> ${width})`);
      if (box.left < -0.5) problems.push(`${name(el)} starts at x=${box.left.toFixed(0)}`);
      const clips = style.overflowX !== "visible";
      if (clips && el.tagName !== "SELECT" && el.scrollWidth > el.clientWidth + 1) problems.push(`${name(el)} clips its content: ${el.scrollWidth} px in ${el.clientWidth} px`);
      if (el.tagName === "SELECT" && el.selectedIndex >= 0) {
        const copy = el.cloneNode(false);
        copy.append(el.options[el.selectedIndex].cloneNode(true));
        copy.removeAttribute("id");
        copy.style.cssText = "position:absolute; visibility:hidden; width:auto; min-width:0; max-width:none; left:0; top:0";
        el.parentNode.append(copy);
        const natural = copy.getBoundingClientRect().width;
        copy.remove();
        if (box.width + 0.5 < natural) problems.push(`${name(el)} shows "${el.options[el.selectedIndex].text}" in ${box.width.toFixed(0)} px, it needs ${natural.toFixed(0)} px`);
      }
    }
    return problems;
  }, width);
}

/** Two frames and a little: what the page writes after a screen is drawn. */
export const afterFrames = (page) => page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(ok, 100)))));
