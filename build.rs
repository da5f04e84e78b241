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
    let out = Path::new(&env::var("OUT_DIR").unwrap()).to_path_buf();
    // The whole catalogue (the command line and the native tests), the national documents
    // alone (the module), and one pack per other place with the index of this build's packs.
    fs::write(out.join("catalog.bin"), catalog.to_embedded()).unwrap();
    let (national, packs) = policy::pack::split(&catalog);
    fs::write(out.join("national.bin"), national.to_embedded()).unwrap();
    let packs_dir = out.join("packs");
    let _ = fs::remove_dir_all(&packs_dir);
    fs::create_dir_all(&packs_dir).unwrap();
    // The module's index: (code, the 32 bits of hash its file name carries) per place, as
    // numbers: 8 bytes a place, where the names as text took about 50.
    let mut index =
        String::from("/// This build's packs: (place code, `pack::short_hash`), in code order.\n");
    index.push_str("pub const INDEX: &[(u32, u32)] = &[\n");
    let mut bytes = String::from("/// Each pack's bytes, in the order of `INDEX`.\n");
    bytes.push_str("#[cfg(not(target_arch = \"wasm32\"))]\npub const PACK_BYTES: &[&[u8]] = &[\n");
    for (code, pack) in &packs {
        let name = policy::pack::file_name(code, pack);
        fs::write(packs_dir.join(&name), pack).unwrap();
        index.push_str(&format!(
            "    ({}, {:#010x}),\n",
            code.trim_start_matches('0'),
            policy::pack::short_hash(pack)
        ));
        bytes.push_str(&format!(
            "    include_bytes!(concat!(env!(\"OUT_DIR\"), \"/packs/{name}\")),\n"
        ));
    }
    index.push_str("];\n");
    bytes.push_str("];\n");
    fs::write(out.join("packs.rs"), index + &bytes).unwrap();
}
