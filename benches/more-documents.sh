#!/usr/bin/env bash
# Issue 22's benchmark: the first load over the wire today, and with N (default 50) more
# local documents — renamed copies of policies/140502/czf-2020-12.toml, one for each of N
# prefecture-level cities (their codes from @vant/area-data) — built in a temporary copy of
# the sources (with a target folder of its own, target/more-documents/, so this tree's own build is left as it is). Prints both
# figures and the packs the copy built. A benchmark, not a test.
#
#   make dist && benches/more-documents.sh [N [CITIES]]
# With CITIES (default N) the N copies are spread over that many cities, round robin: the
# synthetic country of issue 22 is `benches/more-documents.sh 3000 300`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-50}
cities=${2:-$n}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
node "$root/benches/first-load.mjs" "$root/www/dist"
mkdir -p "$tmp/www"
cp -r "$root/Cargo.toml" "$root/Cargo.lock" "$root/build.rs" "$root/Makefile" "$root/src" "$root/policies" "$root/benches" "$tmp/"
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
while [ "$i" -lt "$n" ]; do
  code=${list[$((i % ${#list[@]}))]}
  i=$((i + 1))
  mkdir -p "$tmp/policies/$code"
  sed -e "s/^id = \"czf-2020-12\"/id = \"czf-2020-12-copy$i\"/" \
      -e "s/^region = \"140502\"/region = \"$code\"/" \
      -e "s/\"jc_/\"c${i}_/g" \
      "$root/policies/140502/czf-2020-12.toml" > "$tmp/policies/$code/czf-2020-12-copy$i.toml"
done
echo "$i more documents over ${#list[@]} cities in $tmp/policies"
start=$(date +%s)
(cd "$tmp" && CARGO_TARGET_DIR="$root/target/more-documents" make --no-print-directory dist >"$tmp/dist.log" 2>&1) || { tail -40 "$tmp/dist.log"; exit 1; }
echo "make dist with $i more documents: $(( $(date +%s) - start )) s"
grep -E "budget|critical path \(first load\)" "$tmp/dist.log" || true
ls -S "$tmp/www/dist/packs" | head -1 | xargs -I{} stat -c "largest pack: {} %s bytes" "$tmp/www/dist/packs/{}"
echo "packs: $(ls "$tmp/www/dist/packs" | wc -l)"
node "$root/benches/first-load.mjs" "$tmp/www/dist"
