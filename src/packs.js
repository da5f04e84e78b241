// `loadPlace(est, region, base)` (api.md, "Policy packs"), exported by the package's JS beside
// `Estimator` (src/wasm/mod.rs hands it on): fetches the packs `est.packsFor(region)` names,
// relative to `base` (the folder holding `pkg/`), all at once, then adds them in order. Gives
// back the places added; a pack that cannot be fetched or checked throws an Error with
// `field = "pack"` (the packs before it stay added; the estimate's `packs_missing` names the
// rest). Each fetched pack is checked by `addPack`: its format, hash and records.
export async function loadPlace(est, region, base) {
  const paths = est.packsFor(region);
  const where = base ?? globalThis.location?.href;
  const bodies = await Promise.all(
    paths.map(async (path) => {
      let response;
      try {
        response = await fetch(new URL(path, where));
      } catch (error) {
        throw refused(`${path}: cannot be fetched (${error && error.message})`);
      }
      if (!response.ok) throw refused(`${path}: HTTP ${response.status}`);
      return new Uint8Array(await response.arrayBuffer());
    }),
  );
  return bodies.map((bytes) => est.addPack(bytes));
}

function refused(message) {
  const error = new Error(`pack: ${message}`);
  error.field = "pack";
  return error;
}
