// The page's address as api.md fixes it: ?region=, ?kiosk=1, &idle=N, ?elder=1 (the answers
// in #a=… belong to share.js). Unknown parameters are ignored; a bad value is ignored too,
// because a poster's QR code cannot be corrected by the worker who scans it.

export const IDLE_DEFAULT = 90;
export const IDLE_MIN = 10;
export const IDLE_MAX = 600;

/** `{ kiosk, region, idle, elder }` from a query string such as "?kiosk=1&region=140502". */
export function readAddress(search = window.location.search) {
  const params = new URLSearchParams(search);
  const region = params.get("region");
  const idleText = params.get("idle");
  let idle = IDLE_DEFAULT;
  if (idleText !== null && /^\d{1,4}$/.test(idleText)) {
    idle = Math.min(IDLE_MAX, Math.max(IDLE_MIN, Number.parseInt(idleText, 10)));
  }
  return {
    kiosk: params.get("kiosk") === "1",
    region: region !== null && /^\d{6}$/.test(region) ? region : null,
    idle,
    elder: params.get("elder") === "1",
  };
}
