#!/usr/bin/env bash
# Old build against new: the same estimates and questions (issue #18, "Behaviour does not change").
#
#   scripts/compare-builds.sh [REV]
#   COMPARE_WITHOUT=office_cite scripts/compare-builds.sh [REV]   # all but a field added on purpose
#
# Builds examples/compare_outputs.rs (this work tree's copy, which uses only the public API both
# builds have) at REV (default: the merge-base with main) in a temporary git worktree, and in
# this work tree; runs both over every golden case (tests/policies/**, on its own day and on
# 2021-06-01 and 2026-12-07) and 5,000 seeded random and hostile answer sets; compares the
# estimate and question JSON of every input. Exit 0 when all are equal, 1 on any difference
# (the first few shown in full, as a diff), 2 when a build fails.
set -euo pipefail
root=$(git rev-parse --show-toplevel)
cd "$root"
rev=${1:-$(git merge-base HEAD main)}
rev=$(git rev-parse --verify "$rev^{commit}")
# Each build keeps its own target folder (dependencies built once, then reused), with a quick
# release profile (no LTO, opt-level 1): the comparison is of outputs, not of speed.
old_target="$root/target/compare-old"
new_target="$root/target/compare-new"
export CARGO_PROFILE_RELEASE_LTO=off CARGO_PROFILE_RELEASE_OPT_LEVEL=1 CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16
tmp=$(mktemp -d)
cleanup() {
  git worktree remove --force "$tmp/old" >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT

git worktree add --detach --quiet "$tmp/old" "$rev"
mkdir -p "$tmp/old/examples"
cp examples/compare_outputs.rs "$tmp/old/examples/compare_outputs.rs"

build() { # folder, target folder
  (cd "$1" && CARGO_TARGET_DIR="$2" nice -n 5 cargo build --quiet --release --example compare_outputs) || exit 2
}
echo "building $(git rev-parse --short "$rev") (old) …" >&2
build "$tmp/old" "$old_target"
cp "$old_target/release/examples/compare_outputs" "$tmp/old.bin"
echo "building the work tree (new) …" >&2
build "$root" "$new_target"
cp "$new_target/release/examples/compare_outputs" "$tmp/new.bin"

cases="$root/tests/policies"
"$tmp/old.bin" "$cases" >"$tmp/old.txt" 2>/dev/null
"$tmp/new.bin" "$cases" >"$tmp/new.txt"
total=$(wc -l <"$tmp/new.txt")
if [ "$(wc -l <"$tmp/old.txt")" != "$total" ]; then
  echo "the two builds read a different number of inputs" >&2
  exit 1
fi
differ=$(paste "$tmp/old.txt" "$tmp/new.txt" | awk -F'\t' '$2 != $5 { print $1 }')
if [ -z "$differ" ]; then
  echo "compared $total inputs (old $(git rev-parse --short "$rev"), new the work tree): 0 differences"
  exit 0
fi
count=$(echo "$differ" | wc -l)
echo "compared $total inputs: $count differ; the first ones:"
for n in $(echo "$differ" | head -n 3); do
  "$tmp/old.bin" "$cases" --show "$n" >"$tmp/old.show"
  "$tmp/new.bin" "$cases" --show "$n" >"$tmp/new.show"
  echo "── input $n: $(head -n 1 "$tmp/new.show")"
  diff -u --label old --label new "$tmp/old.show" "$tmp/new.show" | head -n 40 || true
done
exit 1
