#!/usr/bin/env bash
# Issue 22's benchmark: the first load over the wire today, and with N (default 50) more
# local documents — renamed copies of policies/140502/czf-2020-12.toml, one for each of N
# prefecture-level cities (their codes from @vant/area-data) — built in a temporary copy of
# the sources (with a target folder of its own, target/more-documents/, so this tree's own build is left as it is). Prints both
# figures and the packs the copy built. A benchmark, not a test.
#
#   make dist && benches/more-documents.sh [N [CITIES]]      (KEEP=1 keeps the copy)
# With CITIES (default N) the N copies are spread over that many cities, round robin: the
# synthetic country of issue 22 is `benches/more-documents.sh 3000 300`. With fewer cities than
# documents, the last 10 copies go to the first city instead, so that it has 10 more than the
# others (20 of the synthetic country's, and 9 for the last ten cities); then the script also
# measures, for the second city (10 documents) and the first (20), the load of the city's packs
# in Chromium on Lighthouse's 3G at 4× CPU (benches/city-load.mjs), and for the first the
# estimate, native (`cargo bench --bench estimate -- city`, over the copy's policies/) and
# wasm in Node with its packs added (benches/wasm-city.mjs).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-50}
cities=${2:-$n}
tmp=$(mktemp -d)
# KEEP=1 leaves the copy (its path is printed) to run a step again by hand.
if [ -n "${KEEP:-}" ]; then echo "copy kept: $tmp"; else trap 'rm -rf "$tmp"' EXIT; fi
node "$root/benches/first-load.mjs" "$root/www/dist"
mkdir -p "$tmp/www"
cp -r "$root/Cargo.toml" "$root/Cargo.lock" "$root/build.rs" "$root/Makefile" "$root/src" "$root/docs" "$root/policies" "$root/benches" "$tmp/"
(cd "$root/www" && tar --exclude=node_modules --exclude=dist --exclude=pkg -cf - .) | (cd "$tmp/www" && tar -xf -)
ln -s "$root/www/node_modules" "$tmp/www/node_modules"
mkdir -p "$tmp/tests" && cp -r "$root/tests/browser" "$tmp/tests/"
codes=$(cd "$root/www" && node -e '
  const { areaList } = require("@vant/area-data");
  const taken = new Set(require("fs").readdirSync(process.argv[2]));
  const cities = Object.keys(areaList.city_list).filter((c) => !taken.has(c) && !taken.has(c.slice(0, 2) + "0000"));
  console.log(cities.slice(0, Number(process.argv[1])).join(" "));' "$cities" "$root/policies")
read -r -a list <<<"$codes"
i=0
twenty=$([ "$cities" -lt "$n" ] && [ "$n" -ge $((cities + 10)) ] && echo yes || true)
while [ "$i" -lt "$n" ]; do
  code=${list[$((i % ${#list[@]}))]}
  if [ -n "$twenty" ] && [ "$i" -ge $((n - 10)) ]; then code=${list[0]}; fi
  i=$((i + 1))
  mkdir -p "$tmp/policies/$code"
  sed -e "s/^id = \"czf-2020-12\"/id = \"czf-2020-12-copy$i\"/" \
      -e "s/^region = \"140502\"/region = \"$code\"/" \
      -e "s/\"jc_/\"c${i}_/g" \
      "$root/policies/140502/czf-2020-12.toml" > "$tmp/policies/$code/czf-2020-12-copy$i.toml"
done
echo "$i more documents over ${#list[@]} cities in $tmp/policies${twenty:+ (${list[0]}: $(ls "$tmp/policies/${list[0]}" | wc -l), ${list[1]}: $(ls "$tmp/policies/${list[1]}" | wc -l))}"
start=$(date +%s)
# `-o www/node_modules/.installed`: the copy's node_modules is a link to this tree's, which
# `npm ci` in the copy (its package.json newer than the stamp) would empty.
# A critical path over build-dist.mjs's budget fails `make dist` after dist/ is written: that is
# a figure here, so the rest of its recipe (the packs, the studio) is run and the script goes on.
if ! (cd "$tmp" && CARGO_TARGET_DIR="$root/target/more-documents" make --no-print-directory -o www/node_modules/.installed dist >"$tmp/dist.log" 2>&1); then
  grep -q "^budget: .*OVER" "$tmp/dist.log" || { tail -40 "$tmp/dist.log"; exit 1; }
  (cd "$tmp" && CARGO_TARGET_DIR="$root/target/more-documents" cargo run --quiet --bin subsidy -- packs www/dist/packs &&
    node www/build-studio.mjs) >>"$tmp/dist.log" 2>&1 || { tail -40 "$tmp/dist.log"; exit 1; }
fi
echo "make dist with $i more documents: $(( $(date +%s) - start )) s"
grep -E "budget|critical path \(first load\)" "$tmp/dist.log" || true
ls -S "$tmp/www/dist/packs" | head -1 | xargs -I{} stat -c "largest pack: {} %s bytes" "$tmp/www/dist/packs/{}"
echo "packs: $(ls "$tmp/www/dist/packs" | grep -c '\.pack$')"
node "$root/benches/first-load.mjs" "$tmp/www/dist"
[ -n "$twenty" ] || exit 0
node "$root/benches/city-load.mjs" "$tmp/www/dist" "${list[1]}" "${list[0]}"
(cd "$root" && cargo bench --quiet --bench estimate -- city "$tmp/policies" "${list[0]}")
node "$root/benches/wasm-city.mjs" "$tmp/www/dist" "${list[0]}"
