//! The contract an embedder reads is in the repository: `docs/api.md` and `docs/rulings.md`,
//! word for word the shared spec they are copied from, then (api.md) what this repository adds
//! under "Extensions made in this repository" (`../shared/spec/`, beside the main
//! checkout; `SHARED_SPEC=DIR` names another folder). Where that folder is absent (a clone on
//! its own) there is nothing to compare with, and the test says so instead of failing; the
//! checks on the copies themselves still run.
use std::path::{Path, PathBuf};
use subsidy_estimator::facts;

const DOCS: [&str; 2] = ["api.md", "rulings.md"];
/// The heading after which a copy holds what this repository adds to the shared text.
const EXTENSIONS: &str = "\n## Extensions made in this repository";

fn shared_spec() -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let named = std::env::var_os("SHARED_SPEC").map(PathBuf::from);
    named
        .into_iter()
        .chain([root.join("../shared/spec"), root.join("../../shared/spec")])
        .find(|dir| DOCS.iter().all(|doc| dir.join(doc).is_file()))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn docs_holds_the_shared_contract_word_for_word() {
    let Some(spec) = shared_spec() else {
        eprintln!("no ../shared/spec beside the checkout (SHARED_SPEC unset): docs/ not compared");
        return;
    };
    for doc in DOCS {
        let (ours, shared) = (read(&Path::new("docs").join(doc)), read(&spec.join(doc)));
        // What this repository adds comes after the shared text, under its own heading.
        let shared_part = ours.split(EXTENSIONS).next().unwrap_or_default();
        assert!(
            shared_part.trim_end() == shared.trim_end(),
            "docs/{doc} differs from {} before \"{EXTENSIONS}\": copy it again and keep the extensions after it",
            spec.join(doc).display()
        );
    }
}

/// Every answer key the contract names (api.md, "Answers (input)") is a fact the estimator
/// reads, so it is in the declarations written from the fact table (docs/contract.d.ts).
#[test]
fn every_answer_key_of_docs_api_md_is_a_fact() {
    let api = read(Path::new("docs/api.md"));
    let table = api
        .split("## Answers (input)")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("docs/api.md has an Answers section");
    let keys: Vec<&str> = table
        .lines()
        .filter_map(|l| l.strip_prefix("| `")?.split('`').next())
        .collect();
    assert!(keys.len() > 20, "{keys:?}");
    let declarations = read(Path::new("docs/contract.d.ts"));
    for key in keys {
        // `certificate` and `training` are the objects that hold the dotted facts.
        if key == "certificate" || key == "training" {
            assert!(declarations.contains(&format!("{key}?: {{")), "{key}");
            continue;
        }
        assert!(
            facts::fact(key).is_some(),
            "api.md's answer key {key} is no fact"
        );
        let last = key.rsplit('.').next().unwrap();
        assert!(
            declarations.contains(&format!(" {last}?: ")),
            "{key} is not declared in docs/contract.d.ts"
        );
    }
}
