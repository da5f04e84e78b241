#!/usr/bin/env python3
"""Writes what a build says for every golden case: `subsidy estimate` (JSON) and
`subsidy questions` for each case of tests/policies/**.toml, one file per case, and the
build's packs (`subsidy packs`). Run it with the binary of one build, then of another, and
compare the two folders: `diff -r OLD NEW` prints nothing when behaviour is unchanged.

    cargo build --bin subsidy && scripts/golden-outputs.py target/debug/subsidy /tmp/before
    (change something)
    cargo build --bin subsidy && scripts/golden-outputs.py target/debug/subsidy /tmp/after
    diff -r /tmp/before /tmp/after && echo "0 differences"

A case without a `date` is estimated for 2026-12-07, so that two runs on different days
compare the same thing."""
import json
import pathlib
import subprocess
import sys
import tempfile
import tomllib

DEFAULT_DATE = "2026-12-07"


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    binary, out = pathlib.Path(sys.argv[1]).resolve(), pathlib.Path(sys.argv[2])
    root = pathlib.Path(__file__).resolve().parent.parent
    (out / "estimates").mkdir(parents=True, exist_ok=True)
    (out / "questions").mkdir(parents=True, exist_ok=True)
    cases = 0
    with tempfile.TemporaryDirectory() as tmp:
        for golden in sorted((root / "tests" / "policies").rglob("*.toml")):
            doc = golden.relative_to(root / "tests" / "policies").with_suffix("")
            for n, case in enumerate(tomllib.loads(golden.read_text())["case"], 1):
                answers = dict(case["answers"])
                answers.setdefault("date", DEFAULT_DATE)
                path = pathlib.Path(tmp) / "answers.json"
                path.write_text(json.dumps(answers, ensure_ascii=False, default=str))
                name = f"{str(doc).replace('/', '_')}_{n:03}.json"
                for command, folder in (("estimate", "estimates"), ("questions", "questions")):
                    run = subprocess.run([binary, command, path], capture_output=True, text=True)
                    (out / folder / name).write_text(
                        f"exit {run.returncode}\n{run.stdout}{run.stderr}")
                cases += 1
    packs = subprocess.run([binary, "packs", out / "packs"], capture_output=True, text=True)
    if packs.returncode != 0:
        print(packs.stderr, file=sys.stderr)
        return 1
    print(f"{cases} golden cases, estimates and questions, and {packs.stdout.strip()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
