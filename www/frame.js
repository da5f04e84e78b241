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
