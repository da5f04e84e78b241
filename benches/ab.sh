#!/usr/bin/env bash
# The 晋城 estimate median of an older build beside this one, wasm in Node, alternating in one
# process (benches/wasm-ab.mjs). The older build is REV (default ee7a36d, main before the
# one-evaluator refactor) exported with `git archive` into a temporary folder (no worktree is
# registered) and built there with its own `make wasm` (its own Makefile's toolchain and flags;
# `-o check`: its policies were checked when it landed, and build.rs checks them again),
# with the target folder of benches/more-documents.sh, target/more-documents/ (the standard
# library and dependencies built once for both), so this tree's own build is left as it is.
# Its packs are the ones its build.rs wrote. NEW_SITE (default www/dist: run `make dist`
# first) is the newer build, a folder with pkg/ and packs/. A benchmark, not a test.
#
#   make dist && benches/ab.sh [REV [NEW_SITE]]        (ROUNDS=n rounds, 21 unless set; KEEP=1)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
rev=${1:-ee7a36d}
new=$(cd "${2:-$root/www/dist}" && pwd)
target="$root/target/more-documents"
tmp=$(mktemp -d)
# KEEP=1 leaves the copy and the old site (its path is printed) for wasm-ab.mjs again.
if [ -n "${KEEP:-}" ]; then echo "copy kept: $tmp"; else trap 'rm -rf "$tmp"' EXIT; fi
git -C "$root" rev-parse --verify --quiet "$rev^{commit}" >/dev/null || { echo "ab.sh: no commit $rev"; exit 2; }
mkdir -p "$tmp/src" "$tmp/site"
git -C "$root" archive "$rev" | tar -x -C "$tmp/src"
# The copy's node_modules is a link to this tree's; `-o` keeps its `npm ci` from emptying it.
ln -s "$root/www/node_modules" "$tmp/src/www/node_modules"
touch "$tmp/stamp"
(cd "$tmp/src" && CARGO_TARGET_DIR="$target" make --no-print-directory -o check -o www/node_modules/.installed wasm >"$tmp/wasm.log" 2>&1) ||
  { tail -40 "$tmp/wasm.log"; exit 1; }
packs=$(find "$target/wasm32-unknown-unknown/release/build" -path '*/out/packs' -newer "$tmp/stamp" -type d | head -1)
[ -n "$packs" ] || { echo "ab.sh: the build of $rev wrote no packs under $target"; exit 1; }
cp -r "$tmp/src/www/pkg" "$tmp/site/pkg"
cp -r "$packs" "$tmp/site/packs"
echo "old: $rev ($(git -C "$root" log -1 --format='%h %cs' "$rev")), $(stat -c %s "$tmp/site/pkg/subsidy_estimator_bg.wasm") bytes; new: $new, $(stat -c %s "$new/pkg/subsidy_estimator_bg.wasm") bytes"
node "$root/benches/wasm-ab.mjs" "$tmp/site" "$new"
