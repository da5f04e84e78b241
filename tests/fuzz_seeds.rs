//! The policy_file fuzz target starts from the policy files themselves: `make fuzz-seeds`
//! copies every `policies/<region>/<id>.toml` to `fuzz/seeds/policy_file/<id>.toml`. This test
//! fails when the seeds have drifted from `policies/` (a file changed, added or removed since).
use std::collections::BTreeMap;
use std::path::Path;
#[path = "../src/policy_files.rs"]
mod policy_files;

#[test]
fn the_policy_fuzz_seeds_are_the_policy_files_as_they_are() {
    let (files, problems) = policy_files::collect(Path::new("policies"));
    assert!(problems.is_empty(), "{problems:?}");
    let expected: BTreeMap<String, String> = files
        .into_iter()
        .map(|(path, text)| {
            let name = Path::new(&path).file_name().unwrap().to_string_lossy();
            (name.into_owned(), text)
        })
        .collect();
    let mut seeds = BTreeMap::new();
    for entry in std::fs::read_dir("fuzz/seeds/policy_file").expect("fuzz/seeds/policy_file") {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        seeds.insert(name, std::fs::read_to_string(&path).unwrap_or_default());
    }
    let mut drifted: Vec<String> = Vec::new();
    for (name, text) in &expected {
        match seeds.get(name) {
            None => drifted.push(format!("{name}: missing")),
            Some(seed) if seed != text => drifted.push(format!("{name}: differs")),
            Some(_) => {}
        }
    }
    drifted.extend(
        seeds
            .keys()
            .filter(|n| !expected.contains_key(*n))
            .map(|n| format!("{n}: no such policy file")),
    );
    assert!(
        drifted.is_empty(),
        "fuzz/seeds/policy_file has drifted from policies/ (run `make fuzz-seeds`):\n{}",
        drifted.join("\n")
    );
    assert_eq!(seeds.len(), expected.len());
}
