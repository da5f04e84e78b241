//! The command line door: `subsidy estimate [--date YYYY-MM-DD] [--format json|text] FILE|-`
//! and `subsidy check [DIR]`. It reads files and the clock and prints; the reasoning is the
//! library's.
use std::ffi::{OsStr, OsString};
use std::io::{Read, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};
use subsidy_estimator::answers::Value;
use subsidy_estimator::estimate::Status;
use subsidy_estimator::{estimate, facts, questions, Answers, Catalog, Date};

const USAGE: &str = "usage:
  subsidy estimate [--date YYYY-MM-DD] [--format json|text] FILE|-   estimate for the answers in FILE (- = stdin)
                   [--today YYYY-MM-DD]                             the day claim windows are judged from (default: today in China)
  subsidy questions FILE|-                                           what to ask next, as JSON
  subsidy check [DIR]                                                check every policy file under DIR (default: policies)
  subsidy packs DIR                                                  write this build's policy packs into DIR (for `make dist`)";

fn today() -> Date {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    // China Standard Time (UTC+8) decides which day it is for the people this is for.
    Date::from_days_since_epoch(((secs + 8 * 3600) / 86_400) as i64)
        .expect("the clock is within 1900–2200")
}

/// The answers' text: never more than the answers may be (a larger file is refused
/// without being read to its end, so a huge file cannot fill the memory). Only a regular file
/// is opened: opening a FIFO with no writer would wait for ever, and a device (`/dev/zero`)
/// holds no answers; `-` reads standard input, whatever it is.
fn read_input(path: &OsStr) -> Result<String, String> {
    let limit = subsidy_estimator::input::MAX_SIZE as u64 + 1;
    let mut bytes = Vec::new();
    let stdin = path == "-";
    let name = if stdin {
        "standard input".to_string()
    } else {
        Path::new(path).display().to_string()
    };
    let read = if stdin {
        std::io::stdin().take(limit).read_to_end(&mut bytes)
    } else {
        let meta = std::fs::metadata(path).map_err(|e| format!("cannot read {name}: {e}"))?;
        if !meta.is_file() {
            return Err(format!(
                "cannot read {name}: not a regular file (a folder, a pipe or a device); \
                 give the answers as a file, or on standard input with -"
            ));
        }
        std::fs::File::open(path).and_then(|f| f.take(limit).read_to_end(&mut bytes))
    };
    read.map_err(|e| format!("cannot read {name}: {e}"))?;
    if bytes.len() as u64 >= limit {
        return Err(subsidy_estimator::input::Place::default()
            .too_large()
            .to_string());
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "the answers in {name} are not UTF-8 text (a bad byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}

/// Writes the whole of `text` to standard output, or says why not. Rust's own `stdout` takes
/// everything in silence when the descriptor is closed (`>&-`), and `println!` panics on a
/// full disk or a closed pipe; here each is an error naming standard output.
fn write_out(text: &str) -> Result<(), String> {
    let failed = |e: std::io::Error| format!("cannot write to standard output: {e}");
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        const CLOSED: &str = "cannot write to standard output: it is closed";
        if stdout_was_closed() {
            return Err(CLOSED.to_string());
        }
        // Copying a closed descriptor fails (EBADF) where writing to it would "succeed".
        let fd = std::io::stdout()
            .as_fd()
            .try_clone_to_owned()
            .map_err(|e| format!("{CLOSED} ({e})"))?;
        std::fs::File::from(fd)
            .write_all(text.as_bytes())
            .map_err(failed)
    }
    #[cfg(not(unix))]
    {
        let mut out = std::io::stdout().lock();
        out.write_all(text.as_bytes())
            .and_then(|()| out.flush())
            .map_err(failed)
    }
}

/// Standard output was closed when the command started (`>&-`). Rust's runtime then opens
/// `/dev/null` in its place, read-write, so that nothing else takes the descriptor; a shell's
/// `> /dev/null` opens it write-only. Seen through /proc, so only on Linux.
fn stdout_was_closed() -> bool {
    if !cfg!(target_os = "linux")
        || std::fs::read_link("/proc/self/fd/1").map_or(true, |t| t != Path::new("/dev/null"))
    {
        return false;
    }
    let Ok(info) = std::fs::read_to_string("/proc/self/fdinfo/1") else {
        return false;
    };
    info.lines()
        .find_map(|line| line.strip_prefix("flags:"))
        .and_then(|flags| u32::from_str_radix(flags.trim(), 8).ok())
        .is_some_and(|flags| flags & 0o3 == 0o2) // O_ACCMODE == O_RDWR
}

/// Prints `text` on standard output and exits 0, or exits `code` saying why it could not.
fn print_or(text: &str, code: u8) -> ExitCode {
    match write_out(text) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            say(&e);
            ExitCode::from(code)
        }
    }
}

/// A line on standard error; if even that cannot be written, the exit code still tells.
fn say(message: &str) {
    let _ = writeln!(std::io::stderr(), "{message}");
}

fn fail(message: impl std::fmt::Display) -> ExitCode {
    say(&message.to_string());
    ExitCode::from(2)
}

/// An argument that must be a word (a command, an option or its value), or an error naming it.
fn word(arg: &OsStr) -> Result<&str, String> {
    arg.to_str().ok_or_else(|| {
        format!(
            "the argument {} is not UTF-8 text",
            Path::new(arg).display()
        )
    })
}

fn main() -> ExitCode {
    // File names are taken as the system gives them (a name need not be UTF-8).
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    let command = match args.first().map(|a| word(a)) {
        Some(Ok(command)) => command,
        Some(Err(e)) => return fail(format!("{e}\n{USAGE}")),
        None => return fail(USAGE),
    };
    match command {
        "estimate" => run_estimate(&args[1..]),
        "questions" => run_questions(&args[1..]),
        "check" => match args.get(2) {
            Some(extra) => {
                say(&format!(
                    "unexpected argument {}\n{USAGE}",
                    Path::new(extra).display()
                ));
                ExitCode::from(1)
            }
            None => run_check(
                args.get(1)
                    .map_or(OsStr::new("policies"), |a| a.as_os_str()),
            ),
        },
        "packs" => match args.get(1) {
            Some(dir) => run_packs(dir),
            None => fail(USAGE),
        },
        "-h" | "--help" | "help" => print_or(&format!("{USAGE}\n"), 2),
        _ => fail(USAGE),
    }
}

/// Writes every pack this build embedded (`embedded::packs`, built from `policies/` by
/// build.rs) into `dir`, which is emptied of other packs first: the names the module's
/// `packsFor` gives are exactly these files.
fn run_packs(dir: &OsStr) -> ExitCode {
    use subsidy_estimator::embedded::{packs, PACK_BYTES};
    let packs = packs();
    let dir = std::path::Path::new(dir);
    let written = std::fs::create_dir_all(dir).and_then(|()| {
        for entry in std::fs::read_dir(dir)? {
            let path = entry?.path();
            if path.extension().is_some_and(|e| e == "pack") {
                std::fs::remove_file(path)?;
            }
        }
        for ((_, name), bytes) in packs.iter().zip(PACK_BYTES) {
            std::fs::write(dir.join(name), bytes)?;
        }
        Ok(())
    });
    match written {
        Ok(()) => {
            let total: usize = PACK_BYTES.iter().map(|b| b.len()).sum();
            println!("{} packs, {total} bytes, in {}", packs.len(), dir.display());
            ExitCode::SUCCESS
        }
        Err(e) => fail(format!("{}: cannot write the packs: {e}", dir.display())),
    }
}

fn load_answers(path: &OsStr, date: Option<&str>) -> Result<Answers, String> {
    let text = read_input(path)?;
    let mut answers = Answers::from_json_str(&text).map_err(|e| e.to_string())?;
    if let Some(d) = date {
        let day = Date::parse(d).ok_or_else(|| {
            format!("--date: expected a real calendar day written YYYY-MM-DD, got \"{d}\"")
        })?;
        answers = answers.with("date", Some(Value::Day(day)));
    }
    Ok(answers)
}

fn run_estimate(args: &[OsString]) -> ExitCode {
    let mut date = None;
    let mut today_flag = None;
    let mut format = "json";
    let mut file: Option<&OsStr> = None;
    let mut i = 0;
    while i < args.len() {
        match args[i].to_str() {
            Some(flag @ ("--date" | "--format" | "--today")) => {
                let value = match args.get(i + 1).map(|v| word(v)) {
                    Some(Ok(value)) => value,
                    Some(Err(e)) => return fail(format!("{flag}: {e}")),
                    None => return fail(format!("{flag}: a value is missing\n{USAGE}")),
                };
                if flag == "--date" {
                    date = Some(value);
                } else if flag == "--today" {
                    today_flag = Some(value);
                } else {
                    format = value;
                }
                i += 1;
            }
            _ if file.is_none() => file = Some(&args[i]),
            _ => {
                return fail(format!(
                    "unexpected argument {}\n{USAGE}",
                    Path::new(&args[i]).display()
                ))
            }
        }
        i += 1;
    }
    let Some(file) = file else { return fail(USAGE) };
    if !matches!(format, "json" | "text") {
        return fail(format!("--format: expected json or text, got \"{format}\""));
    }
    // The device's today decides whether a claim window is still open (and "今天" in the
    // table); --today fixes it, so an output can be reproduced on another day.
    let today = match today_flag {
        None => today(),
        Some(d) => match Date::parse(d) {
            Some(day) => day,
            None => {
                return fail(format!(
                    "--today: expected a real calendar day written YYYY-MM-DD, got \"{d}\""
                ))
            }
        },
    };
    let answers = match load_answers(file, date) {
        Ok(a) => a,
        Err(e) => return fail(e),
    };
    let catalog = match Catalog::embedded() {
        Ok(c) => c,
        Err(e) => return fail(e),
    };
    match estimate(&catalog, &answers, today) {
        Ok(result) if format == "text" => print_or(&as_text(&result, answers.date().is_some()), 2),
        Ok(result) => print_or(&format!("{}\n", result.to_json()), 2),
        Err(e) => fail(e),
    }
}

fn run_questions(args: &[OsString]) -> ExitCode {
    let file = match args {
        [file] => file,
        [_, extra, ..] => {
            return fail(format!(
                "unexpected argument {}\n{USAGE}",
                Path::new(extra).display()
            ))
        }
        [] => return fail(USAGE),
    };
    let result = load_answers(file, None).and_then(|answers| {
        let catalog = Catalog::embedded().map_err(|e| e.to_string())?;
        let est = estimate(&catalog, &answers, today()).map_err(|e| e.to_string())?;
        let next = questions::questions(&catalog, &est, &answers).map_err(|e| e.to_string())?;
        serde_json::to_string_pretty(&next).map_err(|e| e.to_string())
    });
    match result {
        Ok(json) => print_or(&format!("{json}\n"), 2),
        Err(e) => fail(e),
    }
}

#[path = "../policy_files.rs"]
mod policy_files;

fn run_check(dir: &OsStr) -> ExitCode {
    let root = Path::new(dir);
    let shown = root.display();
    if !root.is_dir() {
        say(&format!("{shown}: not a folder of policy files"));
        return ExitCode::from(1);
    }
    let (files, problems) = policy_files::collect(root);
    if files.is_empty() && problems.is_empty() {
        say(&format!("{shown}: no policy files found"));
        return ExitCode::from(1);
    }
    let mut lines = problems;
    let mut summary = None;
    match Catalog::from_files(&files) {
        Ok(catalog) => {
            // Warnings, not problems: printed, and the check still passes.
            for warning in subsidy_estimator::policy::stale_checks(&catalog, today()) {
                eprintln!("{warning}");
            }
            summary = Some(format!(
                "{} policy files, {} benefits",
                catalog.documents().len(),
                catalog.benefits().count()
            ))
        }
        Err(errors) => lines.extend(errors.iter().map(|e| e.to_string())),
    }
    if lines.is_empty() {
        return print_or(
            &format!("{}: no problems\n", summary.unwrap_or_default()),
            1,
        );
    }
    let mut report = String::new();
    for line in &lines {
        report.push_str(line);
        report.push('\n');
    }
    report.push_str(&format!("{} problem(s)", lines.len()));
    say(&report);
    ExitCode::from(1)
}

fn status_word(status: Status) -> &'static str {
    match status {
        Status::Eligible => "符合",
        Status::Ineligible => "不符合",
        Status::Undetermined => "待确定",
        Status::NotInForce => "不在执行期",
    }
}

/// A table in Chinese for people reading a terminal. `date_chosen`: the answers (or
/// `--date`) named the day; otherwise it is today, and the table says "今天", not "所选日期".
fn as_text(result: &subsidy_estimator::Estimate, date_chosen: bool) -> String {
    let day = if date_chosen {
        "所选日期"
    } else {
        "今天"
    };
    let mut out = format!(
        "测算日期 {}{}　地区 {}\n",
        result.date,
        if date_chosen { "" } else { "（今天）" },
        result
            .region_name
            .as_deref()
            .unwrap_or("未选择（只列全国性文件）")
    );
    for doc in &result.documents {
        // An ended notice that still governs a line (its claim window is open, or the line's
        // certificate was obtained while it was in force) is the basis of that line, never
        // listed as not in force: the line says the window (as the page does).
        let governs = result
            .benefits
            .iter()
            .any(|b| b.source.document_id == doc.id && b.status != Status::NotInForce);
        out.push_str(&format!(
            "\n《{}》{}　执行期 {}　{}\n",
            doc.title,
            doc.doc_number.unwrap_or(""),
            doc.period_text,
            if doc.in_force {
                format!("{day}在执行期内")
            } else if governs {
                "执行期已结束，下面的项目仍按这份文件办理".to_string()
            } else {
                format!("{day}不在执行期内")
            }
        ));
        if let Some(note) = &doc.period_note {
            out.push_str(&format!("  执行期说明：{note}\n"));
        }
        for b in result
            .benefits
            .iter()
            .filter(|b| b.source.document_id == doc.id)
        {
            let money = match (&b.amount, &b.amount_max) {
                (Some(a), Some(m)) => format!("{a}—{m}元"),
                (Some(a), None) => format!("{a}元"),
                (None, Some(m)) => format!("不超过{m}元"),
                (None, None) => "—".to_string(),
            };
            out.push_str(&format!(
                "  {:<6} {:>12}  {}（{}）\n",
                status_word(b.status),
                money,
                b.title,
                b.source.clause
            ));
            if b.status != Status::Eligible {
                out.push_str(&format!("         {}\n", b.reason));
            } else if let Some(note) = &b.amount_note {
                out.push_str(&format!("         {note}\n"));
            }
            if b.status != Status::NotInForce {
                for line in [
                    b.claim_window_note.as_deref(),
                    b.source.source_warning,
                    b.source.ended_note.as_deref(),
                ]
                .into_iter()
                .flatten()
                {
                    out.push_str(&format!("         {line}\n"));
                }
                if let Some(step) = &b.next_step {
                    let mut words = format!("         申请：{}，电话{}", step.office, step.phone);
                    if let Some(day) = step.deadline {
                        let passed = if step.deadline_passed {
                            "（已过）"
                        } else {
                            ""
                        };
                        words.push_str(&format!("，最晚{}{passed}", day.chinese()));
                    }
                    out.push_str(&words);
                    out.push('\n');
                }
            }
        }
    }
    out.push_str(&format!(
        "\n发给个人的现金合计：{}元\n",
        result.totals.worker
    ));
    // Eligible cash whose figure is not yet known is named, so a 0 is not read as "nothing".
    let uncounted: Vec<&str> = result
        .totals
        .worker_uncounted
        .iter()
        .map(|id| {
            result
                .benefits
                .iter()
                .find(|b| b.id == *id)
                .map_or(*id, |b| b.title)
        })
        .collect();
    if !uncounted.is_empty() {
        out.push_str(&format!(
            "另有{}符合条件，但金额还不能确定，没有计入合计。\n",
            uncounted
                .iter()
                .map(|t| format!("“{t}”"))
                .collect::<Vec<_>>()
                .join("、")
        ));
    }
    if !result.next_questions.is_empty() {
        out.push_str(&format!(
            "还可以回答：{}\n",
            result
                .next_questions
                .iter()
                .map(|f| facts::fact(f).map_or(*f, |f| f.label))
                .collect::<Vec<_>>()
                .join("、")
        ));
    }
    out
}
