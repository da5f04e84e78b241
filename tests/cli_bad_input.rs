//! The command line never panics and never fails in silence: each bad way of giving it input
//! or taking its output is a row here, with the exit code (2, or 1 for `check`) and the words
//! that name what was wrong. The rows run through `sh`, which can say `>&-` and `> /dev/full`.
#![cfg(target_os = "linux")]
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const ANSWERS: &str = r#"{"region": "140502", "date": "2021-06-01"}"#;

/// A folder of its own for this test run, holding `answers.json`, the same answers after a
/// byte-order mark, the same under a name that is not UTF-8, and a FIFO nobody writes to.
fn scratch() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("subsidy-cli-bad-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("answers.json"), ANSWERS).unwrap();
    std::fs::write(dir.join("bom.json"), format!("\u{feff}{ANSWERS}")).unwrap();
    let status = Command::new("sh")
        .current_dir(&dir)
        .args([
            "-c",
            r"cp answers.json 'n'$(printf '\377')'.json' && mkfifo fifo",
        ])
        .status()
        .unwrap();
    assert!(status.success());
    dir
}

struct Row {
    what: &'static str,
    /// A shell command; `"$S"` is the command line, the folder is `scratch()`.
    script: &'static str,
    code: i32,
    /// Words standard error must hold (empty: it must be empty).
    says: &'static str,
}

const ROWS: &[Row] = &[
    Row {
        what: "a file name that is not UTF-8 is still a file name",
        script: r#""$S" estimate "n$(printf '\377').json" > out.json && grep -q '"region": "140502"' out.json"#,
        code: 0,
        says: "",
    },
    Row {
        what: "a missing file whose name is not UTF-8 is named",
        script: r#""$S" estimate "gone$(printf '\377').json""#,
        code: 2,
        says: "cannot read gone\u{fffd}.json: No such file",
    },
    Row {
        what: "an option's value that is not UTF-8 is named with its option",
        script: r#""$S" estimate --date "$(printf '\377')" answers.json"#,
        code: 2,
        says: "--date: the argument \u{fffd} is not UTF-8 text",
    },
    Row {
        what: "a command that is not UTF-8",
        script: r#""$S" "$(printf '\377')""#,
        code: 2,
        says: "the argument \u{fffd} is not UTF-8 text",
    },
    Row {
        what: "a full disk under the estimate",
        script: r#""$S" estimate answers.json > /dev/full"#,
        code: 2,
        says: "cannot write to standard output: No space left on device",
    },
    Row {
        what: "a full disk under the text table",
        script: r#""$S" estimate --format text answers.json > /dev/full"#,
        code: 2,
        says: "cannot write to standard output: No space left on device",
    },
    Row {
        what: "a full disk under the questions",
        script: r#""$S" questions answers.json > /dev/full"#,
        code: 2,
        says: "cannot write to standard output: No space left on device",
    },
    Row {
        what: "a full disk under check's report",
        script: r#""$S" check "$POLICIES" > /dev/full"#,
        code: 1,
        says: "cannot write to standard output: No space left on device",
    },
    Row {
        what: "a closed standard output under the estimate",
        script: r#""$S" estimate answers.json >&-"#,
        code: 2,
        says: "cannot write to standard output: it is closed",
    },
    Row {
        what: "a closed standard output under check",
        script: r#""$S" check "$POLICIES" >&-"#,
        code: 1,
        says: "cannot write to standard output: it is closed",
    },
    Row {
        what: "/dev/null is a place to write, not a closed output",
        script: r#""$S" estimate answers.json > /dev/null"#,
        code: 0,
        says: "",
    },
    Row {
        what: "a FIFO with no writer is refused at once, not waited on",
        script: r#"timeout 20 "$S" estimate fifo"#,
        code: 2,
        says: "cannot read fifo: not a regular file",
    },
    Row {
        what: "a folder given as the answers",
        script: r#""$S" estimate ."#,
        code: 2,
        says: "cannot read .: not a regular file",
    },
    Row {
        what: "a device given as the answers",
        script: r#""$S" estimate /dev/zero"#,
        code: 2,
        says: "cannot read /dev/zero: not a regular file",
    },
    Row {
        what:
            "a byte-order mark before the answers is read as nothing (as the share link reads it)",
        script: r#""$S" estimate bom.json > bom.out && "$S" estimate answers.json > plain.out && cmp bom.out plain.out"#,
        code: 0,
        says: "",
    },
    Row {
        what: "a byte-order mark on standard input too",
        script: r#""$S" estimate - < bom.json > bom.out && "$S" estimate answers.json > plain.out && cmp bom.out plain.out"#,
        code: 0,
        says: "",
    },
    Row {
        what: "two byte-order marks are not answers",
        script: r#"printf '\357\273\277' | cat - bom.json | "$S" estimate -"#,
        code: 2,
        says: "line 1",
    },
    Row {
        what: "a check folder that is not there, named even when not UTF-8",
        script: r#""$S" check "nowhere$(printf '\377')""#,
        code: 1,
        says: "nowhere\u{fffd}: not a folder of policy files",
    },
    Row {
        what: "check takes one folder",
        script: r#""$S" check "$POLICIES" extra"#,
        code: 1,
        says: "unexpected argument extra",
    },
    Row {
        what: "an option without its value",
        script: r#""$S" estimate answers.json --date"#,
        code: 2,
        says: "--date: a value is missing",
    },
];

fn policies() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("policies")
}

#[test]
fn every_bad_input_or_output_is_an_error_that_names_it_with_its_exit_code() {
    let dir = scratch();
    let mut wrong = Vec::new();
    for row in ROWS {
        let out = Command::new("sh")
            .current_dir(&dir)
            .args(["-c", row.script])
            .env("S", env!("CARGO_BIN_EXE_subsidy"))
            .env("POLICIES", policies())
            .stdin(Stdio::null())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        let said = if row.says.is_empty() {
            stderr.trim().is_empty()
        } else {
            stderr.contains(row.says)
        };
        if out.status.code() != Some(row.code) || !said || stderr.contains("panicked") {
            wrong.push(format!(
                "{}: exit {:?}, expected {}; stderr: {stderr}",
                row.what,
                out.status.code(),
                row.code
            ));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
}

/// The reader of the output has gone before anything is written: a closed pipe is an error
/// (exit 2), not a panic and not a silent 0. The command waits for its answers on standard
/// input, so the reader is closed first for certain.
#[test]
fn a_closed_pipe_under_the_output_is_an_error_naming_standard_output() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_subsidy"))
        .args(["estimate", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(ANSWERS.as_bytes()).unwrap();
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("cannot write to standard output: Broken pipe"),
        "{stderr}"
    );
}
