//! Checks every policy file under `policies/` with the library's own loader (the modules
//! below are the library's files, compiled into this script too) and embeds the checked
//! catalogue in a compact binary form of its own (`src/policy/wire.rs`; organisation `measures` are
//! checked but left out). A broken policy file fails the build with `policies/…:LINE: message`,
//! never at run time in a worker's browser; and the WebAssembly module needs neither a TOML
//! nor a JSON parser, nor any serde reader, to start.
#![allow(dead_code)]

#[path = "src/date.rs"]
mod date;
#[path = "src/error.rs"]
mod error;
#[path = "src/facts.rs"]
mod facts;
#[path = "src/money.rs"]
mod money;
#[path = "src/number.rs"]
mod number;
#[path = "src/policy/mod.rs"]
mod policy;
#[path = "src/regions.rs"]
mod regions;

#[path = "src/policy_files.rs"]
mod policy_files;

use std::{env, fs, path::Path};

/// Stops the build with every problem as `path:LINE: message` (no panic, no backtrace).
fn refuse(lines: &[String]) -> ! {
    for line in lines {
        println!("cargo:warning={line}");
        eprintln!("{line}");
    }
    eprintln!("the policy files have {} problem(s)", lines.len());
    std::process::exit(1);
}

fn main() {
    for watched in [
        "policies",
        "src/policy",
        "src/date.rs",
        "src/error.rs",
        "src/facts.rs",
        "src/money.rs",
        "src/number.rs",
        "src/regions.rs",
        "src/policy_files.rs",
    ] {
        println!("cargo:rerun-if-changed={watched}");
    }
    let root = env::var("CARGO_MANIFEST_DIR").unwrap();
    let root = Path::new(&root);
    let (files, problems) = policy_files::collect(&root.join("policies"));
    // Paths as the repository names them (`policies/140502/…`), in messages and embedded.
    let prefix = format!("{}/", root.to_string_lossy().replace('\\', "/"));
    let relative = |text: &str| text.replacen(&prefix, "", 1);
    if !problems.is_empty() {
        refuse(&problems.iter().map(|p| relative(p)).collect::<Vec<_>>());
    }
    let files: Vec<(String, String)> = files
        .into_iter()
        .map(|(path, text)| (relative(&path), text))
        .collect();
    let catalog = match policy::Catalog::from_files(&files) {
        Ok(catalog) => catalog,
        Err(errors) => refuse(&errors.iter().map(|e| e.to_string()).collect::<Vec<_>>()),
    };
    let bytes = catalog.to_embedded();
    fs::write(
        Path::new(&env::var("OUT_DIR").unwrap()).join("catalog.bin"),
        bytes,
    )
    .unwrap();
}
