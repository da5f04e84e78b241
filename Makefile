# 技能补贴测算 — two commands: `make run` and `make test`. Every target installs what it
# needs first and is safe to run again.
SHELL := /bin/bash
.DEFAULT_GOAL := run
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/www/node_modules/.bin:$(PATH)
PORT ?= 8080

.PHONY: run test dist wasm studio-wasm setup setup-rust setup-wasm setup-node setup-browser setup-webkit check lint test-native test-browser test-webkit bench bench-check clean fuzz setup-fuzz fuzz-seeds

## Set-up (idempotent) ------------------------------------------------------------------
setup: setup-rust setup-node

setup-rust:
	@command -v cargo >/dev/null || { echo "cargo is missing: install Rust with rustup first"; exit 1; }
	@command -v wasm-pack >/dev/null || cargo install --locked wasm-pack

# The module alone is built with a pinned nightly that rebuilds the standard library
# (`-Zbuild-std`) with its size-optimised algorithms, panics that abort at once (no message or
# location formatting) and no file/line strings: 117.6 → 101.8 KB gzip. The standard library
# keeps opt-level 3, as rustup ships it (at "z": 0.7 KB smaller, estimates ~20% slower). Each
# step's effect: README, "What the module is made of". Tests, clippy and the command line
# stay on stable.
WASM_TOOLCHAIN := nightly-2026-05-20
# The flags go to the wasm32 target only (not RUSTFLAGS): on a fresh machine wasm-pack first
# builds wasm-bindgen-cli for the host with `cargo install`, which must not inherit them.
WASM_RUSTFLAGS := "-Zunstable-options", "-Cpanic=immediate-abort", "-Zlocation-detail=none"
WASM_CARGO_ARGS := -Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size \
  --config 'target.wasm32-unknown-unknown.rustflags = [$(WASM_RUSTFLAGS)]' \
  $(foreach crate,core alloc std,--config profile.release.package.$(crate).opt-level=3)

setup-wasm: setup-rust
	@rustup toolchain list | grep -q '^$(WASM_TOOLCHAIN)' || rustup toolchain install $(WASM_TOOLCHAIN) --profile minimal
	@rustup component list --toolchain $(WASM_TOOLCHAIN) --installed | grep -q '^rust-src' || \
	  rustup component add rust-src --toolchain $(WASM_TOOLCHAIN)
	@rustup target list --toolchain $(WASM_TOOLCHAIN) --installed | grep -qx wasm32-unknown-unknown || \
	  rustup target add wasm32-unknown-unknown --toolchain $(WASM_TOOLCHAIN)

# binaryen gives wasm-opt (wasm-pack finds it on PATH); playwright-core and axe-core drive
# and audit Debian's Chromium in the browser tests, selenium-webdriver drives WebKitGTK in
# tests/webkit/. Nothing downloads a browser.
setup-node: www/node_modules/.installed
www/node_modules/.installed: www/package.json www/package-lock.json
	cd www && npm ci --no-audit --no-fund
	@touch $@

# A CJK font so screenshots of the page show its Chinese (the tests do not depend on it).
setup-browser:
	@test -x /usr/bin/chromium && dpkg -s fonts-wqy-microhei >/dev/null 2>&1 || \
	  { apt-get update && apt-get install -y chromium chromium-driver fonts-wqy-microhei; }

# WebKit (Debian's WebKitGTK, the engine of iPhones and of WeChat on iOS) for tests/webkit/:
# WebKitWebDriver (webkit2gtk-driver) starts its MiniBrowser, which needs an X display, given
# by xvfb-run (xauth, which xvfb-run uses, is only a recommendation of xvfb); selenium-webdriver
# (setup-node) drives it.
setup-webkit:
	@command -v WebKitWebDriver >/dev/null && command -v xvfb-run >/dev/null && command -v xauth >/dev/null || \
	  { apt-get update && apt-get install -y webkit2gtk-driver xvfb xauth; }

## Build --------------------------------------------------------------------------------
check:
	cargo run --quiet --bin subsidy -- check policies

# wasm-pack leaves a JS snippet the code no longer names in www/pkg/snippets/ (and `make dist`,
# which bundles the snippets into the glue, would refuse one the glue does not import): the
# folder is written afresh each build.
wasm: setup setup-wasm check
	rm -rf www/pkg/snippets
	RUSTUP_TOOLCHAIN=$(WASM_TOOLCHAIN) \
	  wasm-pack build --release --target web --out-dir www/pkg --out-name subsidy_estimator --no-pack . \
	  -- $(WASM_CARGO_ARGS)

# The studio's own module (src/wasm_studio.rs: the TOML reader and the checks), built with the
# same toolchain into www/studio-pkg/; `make dist` copies it into dist/studio/, outside the
# worker's first load and the service worker's list.
studio-wasm: setup setup-wasm
	RUSTUP_TOOLCHAIN=$(WASM_TOOLCHAIN) \
	  wasm-pack build --release --target web --out-dir www/studio-pkg --out-name studio --no-pack . \
	  -- --features studio $(WASM_CARGO_ARGS)

# The module carries the national documents only; every other place's documents go into
# dist/packs/ as the packs build.rs wrote (`subsidy packs`, the same build's bytes and names).
# Then the studio (studio.html, dist/studio/) and packs/index.txt, the deployment's list of
# packs, which a deployment extends without a rebuild (README, "Deployment").
dist: wasm studio-wasm
	node www/build-dist.mjs
	cargo run --quiet --bin subsidy -- packs www/dist/packs
	node www/build-studio.mjs

run: dist
	@echo "Open http://127.0.0.1:$(PORT)/ (Ctrl-C to stop)"
	node www/serve.mjs www/dist $(PORT)

## Tests --------------------------------------------------------------------------------
lint: setup-rust
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings

test-native: setup-rust
	cargo test

test-browser: dist setup-browser
	node --test --test-reporter=spec tests/browser/

# The WebKit walks: each file starts its own WebKitWebDriver and MiniBrowser on the X display
# xvfb-run gives (large enough for the kiosk's 1080×1920).
test-webkit: dist setup-webkit
	xvfb-run -a -s "-screen 0 1280x2000x24" node --test --test-reporter=spec tests/webkit/

test: lint test-native test-browser test-webkit

## Fuzzing (not in `make test`: it needs nightly) ----------------------------------------
# Each cargo-fuzz target runs FUZZ_SECONDS from its seeds (fuzz/seeds/, committed) and its
# growing corpus (fuzz/corpus/, not committed); a crash is saved under fuzz/artifacts/.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := answers_bytes answers_structured policy_file

setup-fuzz: setup-rust
	@rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
	@command -v cargo-fuzz >/dev/null || cargo install --locked cargo-fuzz

# The policy_file target's seeds are the policy files themselves, one copy each
# (fuzz/seeds/policy_file/<id>.toml), written afresh from policies/; tests/fuzz_seeds.rs fails
# when they differ (run this target after changing a policy file). The answers seeds are
# hand-made hostile inputs, not copies of anything.
fuzz-seeds:
	rm -f fuzz/seeds/policy_file/*.toml
	find policies -mindepth 2 -name '*.toml' -exec cp {} fuzz/seeds/policy_file/ \;

fuzz: setup-fuzz fuzz-seeds
	@for target in $(FUZZ_TARGETS); do \
	  mkdir -p fuzz/corpus/$$target; \
	  case $$target in policy_*) dict=policy;; *) dict=answers;; esac; \
	  echo "== $$target: $(FUZZ_SECONDS) s"; \
	  nice -n 10 cargo +nightly fuzz run -O $$target fuzz/corpus/$$target fuzz/seeds/$$target -- \
	    -max_total_time=$(FUZZ_SECONDS) -dict=fuzz/dicts/$$dict.dict -print_final_stats=1 || exit 1; \
	done

# One run: native figures (golden cases, named profiles, 5/20/100 synthetic documents), then the
# wasm in Node beside json-rules-engine (benches/wasm.mjs), size and memory included, then the
# first load over the wire in Chromium, today and with MORE_DOCUMENTS more local documents in a
# throw-away copy (benches/more-documents.sh; `benches/more-documents.sh 3000 300` is the
# synthetic country, which also times one city's packs on slow 3G and a city of 20 documents).
# Then the 晋城 estimate median of the build at AB_REV beside this one, alternating in one Node
# process (benches/ab.sh builds AB_REV's module in a temporary copy).
MORE_DOCUMENTS ?= 50
AB_REV ?= ee7a36d
bench: dist bench-check
	cargo bench --bench estimate
	cargo run --quiet --bin subsidy -- packs target/packs
	node benches/wasm.mjs
	benches/more-documents.sh $(MORE_DOCUMENTS)
	benches/ab.sh $(AB_REV)

# How long `subsidy check` takes on one file of 250, 1,000 and 2,000 benefits (benches/check.rs).
bench-check: setup-rust
	cargo bench --bench check

clean:
	cargo clean
	rm -rf www/pkg www/studio-pkg www/dist
