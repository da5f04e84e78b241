// A later screen's style sheet, asked for when its chunk loads (results.css with the results
// screen, later.css with the questions after the place): kept out of the first load. Stateless,
// so each chunk may carry its own copy (build-dist.mjs, COPYABLE).

/**
 * Adds the sheet at `href` (once) and settles when it has loaded, or failed: a sheet that fails
 * to load leaves its screens plain, not missing, so app.js draws them either way. (A promise,
 * not a top-level await, which older webviews cannot parse.)
 */
export function styleSheet(href) {
  return new Promise((resolve) => {
    if ([...document.styleSheets].some((sheet) => sheet.href === href)) return resolve();
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = href;
    link.onload = resolve;
    link.onerror = () => {
      console.info(`${href.replace(/^.*\//, "")} did not load`);
      resolve();
    };
    document.head.append(link);
  });
}
