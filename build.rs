//! Checks every policy file under `policies/` with the library's own loader (the modules
//! below are the library's files, compiled into this script too) and embeds the checked
//! catalogue in postcard's compact binary form. A broken policy file fails the build with
//! `policies/…:LINE: message`, never at run time in a worker's browser; and the WebAssembly
//! module needs neither a TOML nor a JSON parser to start.
#![allow(dead_code)]

#[path = "src/date.rs"]
mod date;
#[path = "src/error.rs"]
mod error;
#[path = "src/facts.rs"]
mod facts;
#[path = "src/money.rs"]
mod money;
#[path = "src/policy/mod.rs"]
mod policy;
#[path = "src/regions.rs"]
mod regions;

use std::{env, fs, path::Path};

fn collect(dir: &Path, root: &Path, out: &mut Vec<(String, String)>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .expect("read policies/")
        .flatten()
        .collect();
    entries.sort_by_key(|e| e.path());
    for entry in entries {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, root, out);
        } else if path.extension().is_some_and(|e| e == "toml") {
            let relative = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            out.push((
                relative,
                fs::read_to_string(&path).expect("read a policy file"),
            ));
        }
    }
}

fn main() {
    for watched in [
        "policies",
        "src/policy",
        "src/date.rs",
        "src/error.rs",
        "src/facts.rs",
        "src/money.rs",
        "src/regions.rs",
    ] {
        println!("cargo:rerun-if-changed={watched}");
    }
    let root = env::var("CARGO_MANIFEST_DIR").unwrap();
    let root = Path::new(&root);
    let mut files = Vec::new();
    collect(&root.join("policies"), root, &mut files);
    let catalog = match policy::Catalog::from_files(&files) {
        Ok(catalog) => catalog,
        Err(errors) => {
            let lines: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
            for line in &lines {
                println!("cargo:warning={line}");
            }
            panic!(
                "the policy files have {} problem(s):\n{}",
                lines.len(),
                lines.join("\n")
            );
        }
    };
    let bytes = postcard::to_allocvec(&catalog).expect("the catalogue serialises");
    fs::write(
        Path::new(&env::var("OUT_DIR").unwrap()).join("catalog.bin"),
        bytes,
    )
    .unwrap();
}
