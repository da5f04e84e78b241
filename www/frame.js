// Work that changes nothing on screen (focus, history, saving to the device, getting the next
// answer ready) runs once the new screen has been painted, so a tap on 继续 shows the next
// question first. A hidden page gets no frames, hence the timer; leaving the page (pagehide)
// runs whatever still waits.

let waiting = [];

/** `task` right after the next frame (or within 250 ms when no frame comes). */
export function afterPaint(task) {
  waiting.push(task);
  if (waiting.length > 1) return;
  requestAnimationFrame(() => setTimeout(runWaiting, 0));
  setTimeout(runWaiting, 250);
}

function runWaiting() {
  const tasks = waiting;
  waiting = [];
  for (const task of tasks) task();
}
window.addEventListener("pagehide", runWaiting);

/**
 * Resolves in a task of its own, so that the browser can paint and answer a tap between two
 * pieces of work that would otherwise run as one long task on a slow phone (a shared link's
 * opening: the engine, the estimate, the results). `scheduler.yield()` where the browser has it
 * (the continuation goes ahead of other queued tasks), else a message to the page itself (not
 * a timer: a timer waits at least 4 ms when nested, and far longer in a hidden tab).
 */
export function nextTask() {
  if (typeof globalThis.scheduler?.yield === "function") return globalThis.scheduler.yield();
  return new Promise((resolve) => {
    yielded.push(resolve);
    if (yielded.length === 1) channel().postMessage(null);
  });
}

let yielded = [];
/** Both ends held here, so neither is collected while a message is on its way. */
let ports = null;
function channel() {
  if (!ports) {
    ports = new MessageChannel();
    ports.port1.onmessage = () => {
      const waiting = yielded;
      yielded = [];
      for (const resolve of waiting) resolve();
    };
  }
  return ports.port2;
}
