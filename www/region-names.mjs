// Writes src/bin/region_names.tsv: every city and county of GB/T 2260 with its own name, one
// `code<TAB>name` a line, from the npm package @vant/area-data (the same list the page's
// province files are made from, build-dist.mjs). The command line names a place with it where
// the engine has no name (the module carries only the places with documents), so a terminal
// never shows "浙江省（地区代码330100）". Run again after @vant/area-data is updated:
//
//   node www/region-names.mjs            (tests/browser/region_names.test.mjs checks it is in step)
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const www = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(www, "package.json"));

/** The file's text. */
export function regionNames() {
  const { areaList } = require("@vant/area-data");
  const lines = [];
  for (const list of [areaList.city_list, areaList.county_list]) {
    for (const [code, name] of Object.entries(list)) lines.push(`${code}\t${name}`);
  }
  lines.sort();
  return `${lines.join("\n")}\n`;
}

export const TSV = join(www, "..", "src", "bin", "region_names.tsv");

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(TSV, regionNames());
  console.log(`wrote ${TSV}`);
}
