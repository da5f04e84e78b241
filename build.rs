//! Embeds every policy file under `policies/` into the library, so the page works offline
//! and a new policy file needs no code change. Validation is `subsidy check` and the
//! `policy_lint` test; this script only lists the files.
use std::{env, fs, path::Path};

fn collect(dir: &Path, out: &mut Vec<String>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .expect("read policies/")
        .flatten()
        .collect();
    entries.sort_by_key(|e| e.path());
    for entry in entries {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path.to_string_lossy().replace('\\', "/"));
        }
    }
}

fn main() {
    println!("cargo:rerun-if-changed=policies");
    let root = env::var("CARGO_MANIFEST_DIR").unwrap();
    let mut files = Vec::new();
    collect(&Path::new(&root).join("policies"), &mut files);
    let mut code = String::from("&[\n");
    for file in &files {
        let relative = file.strip_prefix(&format!("{root}/")).unwrap_or(file);
        println!("cargo:rerun-if-changed={file}");
        code.push_str(&format!("    ({relative:?}, include_str!({file:?})),\n"));
    }
    code.push_str("]\n");
    let out = Path::new(&env::var("OUT_DIR").unwrap()).join("embedded_policies.rs");
    fs::write(out, code).unwrap();
}
