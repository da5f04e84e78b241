//! Finding and reading the policy files under a folder, for `subsidy check` and for build.rs
//! (each includes this file with `#[path]`; the library itself does no I/O). A file whose name
//! ends in `.toml` in any case is a policy file; only regular files are read (a FIFO would
//! hang the reader), and a file that cannot be read or is not UTF-8 is a problem reported as
//! `path: message` or `path:LINE: message`, never a panic and never skipped in silence.
use std::fs;
use std::path::Path;

/// Larger than any policy document could be written by hand (the largest is about 60 KB).
const MAX_FILE: u64 = 4 * 1024 * 1024;
/// Folders nest `policies/<region>/`; deeper is a mistake (or a loop of links).
const MAX_DEPTH: usize = 8;

/// Policy files found under `dir`, as `(path, text)` in path order, and the problems met.
pub fn collect(dir: &Path) -> (Vec<(String, String)>, Vec<String>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    walk(dir, 0, &mut files, &mut problems);
    (files, problems)
}

fn shown(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

fn is_policy_name(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"))
}

fn walk(dir: &Path, depth: usize, files: &mut Vec<(String, String)>, problems: &mut Vec<String>) {
    if depth > MAX_DEPTH {
        problems.push(format!(
            "{}: folders nest deeper than {MAX_DEPTH} levels",
            shown(dir)
        ));
        return;
    }
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            problems.push(format!("{}: cannot read this folder: {e}", shown(dir)));
            return;
        }
    };
    let mut paths = Vec::new();
    for entry in entries {
        match entry {
            Ok(entry) => paths.push(entry.path()),
            Err(e) => problems.push(format!("{}: cannot list this folder: {e}", shown(dir))),
        }
    }
    paths.sort();
    for path in paths {
        // Links are followed to see what they point at, but never into a folder.
        let own = fs::symlink_metadata(&path);
        if own.as_ref().is_ok_and(|m| m.is_dir()) {
            walk(&path, depth + 1, files, problems);
            continue;
        }
        if !is_policy_name(&path) {
            continue;
        }
        match read(&path) {
            Ok(text) => files.push((shown(&path), text)),
            Err(problem) => problems.push(problem),
        }
    }
}

fn read(path: &Path) -> Result<String, String> {
    let name = shown(path);
    let meta = fs::metadata(path).map_err(|e| format!("{name}: cannot read: {e}"))?;
    if !meta.is_file() {
        return Err(format!(
            "{name}: not a regular file; a policy file must be a plain file"
        ));
    }
    if meta.len() > MAX_FILE {
        return Err(format!(
            "{name}: {} bytes is too large for a policy file (at most {MAX_FILE})",
            meta.len()
        ));
    }
    let bytes = fs::read(path).map_err(|e| format!("{name}: cannot read: {e}"))?;
    String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = good.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
        format!(
            "{name}:{line}: the file is not UTF-8 text (a bad byte at column {column}); save it as UTF-8"
        )
    })
}
