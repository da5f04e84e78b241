// The fields of the questions after the place (the date, numbers, several answers from a
// list): one module the page loads with import() once the start screen works with its engine
// ready, so the first load does not carry them (www/build-dist.mjs makes it the chunk
// dist/chunks/later.js). The start screen and the region question never wait for it; a later
// question that comes before it has arrived waits for it (app.js, `loadLater`).
export { multiField } from "./multi.js";
export { numberField } from "./number.js";
export { dayField, whenField } from "./month.js";
