// src/bin/region_names.tsv, the command line's names of every city and county, is in step with
// @vant/area-data, the list the page's province files are made from (www/region-names.mjs).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { regionNames, TSV } from "../../www/region-names.mjs";

test("the command line's names of places are the page's list, line for line (node www/region-names.mjs writes them)", () => {
  const want = regionNames();
  const have = readFileSync(TSV, "utf8");
  assert.ok(want.split("\n").length > 3000, "every city and county of GB/T 2260");
  assert.equal(have, want, "src/bin/region_names.tsv is out of date: run node www/region-names.mjs");
});
