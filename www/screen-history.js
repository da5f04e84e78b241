// Where 返回上一步 and the browser's back and forward buttons lead. The screens behind the one
// on show are `state.history` (saved with the answers, at most 50); the screens back left
// behind, which the browser's forward button returns to, are kept in memory only, beside
// that very history: when the state is replaced (清除, the kiosk's wipe, a shared link, a
// reload) they go with it, so no one's way forward outlives their answers.
const LIMIT = 50;
const ahead = new WeakMap(); // state.history → the screens back left, the latest last

/** A new screen: the way forward starts again from here. */
export function stepTo(state, screen) {
  state.history.push(state.screen);
  if (state.history.length > LIMIT) state.history.splice(0, state.history.length - LIMIT);
  state.screen = screen;
  ahead.delete(state.history);
}

/** Back one screen (the start when none is behind); the one left is kept for forward. */
export function stepBack(state) {
  const left = ahead.get(state.history) || [];
  left.push(state.screen);
  if (left.length > LIMIT) left.shift();
  ahead.set(state.history, left);
  state.screen = state.history.pop() || { name: "start" };
}

/**
 * The browser's forward button (a `popstate` whose entry is further on than the screen on
 * show): on to the screen back left, and true; false for anything else, which is back.
 */
export function stepForward(state, event) {
  const step = Number(event.state?.step) || 0;
  const left = ahead.get(state.history);
  if (step <= state.history.length || !left?.length) return false;
  state.history.push(state.screen);
  state.screen = left.pop();
  return true;
}

/** The browser's own entry for a screen `step` screens in, so that its back button has one. */
export function addBrowserEntry(step) {
  try {
    window.history.pushState({ step }, "");
  } catch {
    // Some embedded browsers refuse; the back link still works.
  }
}
