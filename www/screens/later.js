// The screens after the place: the later questions' fields (the date, numbers, several answers
// from a list) and check-your-answers. One module the page loads with import() once the start
// screen works with its engine ready (or when the worker starts before that), so the first
// load does not carry them (www/build-dist.mjs makes it the chunk dist/chunks/later.js). The
// start screen and the region question never wait for it; a screen after the place that comes
// before it has arrived waits for it (app.js, `loadLater`).
export { multiField } from "../fields/multi.js";
export { numberField } from "../fields/number.js";
export { dayField, whenField } from "../fields/month.js";
export { checkScreen } from "./check-answers.js";
import { styleSheet } from "../sheet.js";

/**
 * Their style sheet (later.css, kept out of the first load, with the kiosk's idle countdown),
 * asked for as this module loads: app.js draws these screens once this settles (`sheet.js`).
 */
export const styled = styleSheet(new URL("../later.css", import.meta.url).href);
