//! The native half of `make bench`: how long an estimate and the questions after it take, over
//! every golden case (`tests/policies/**`, median and worst), for a few named profiles, and as
//! the number of documents applying to one place grows (5, 20, 100 synthetic copies of a real
//! document), with the bytes each added document costs the embedded catalogue. The WebAssembly
//! half, and json-rules-engine beside it, is `benches/wasm.mjs`. Run: `make bench`.
//!
//! `cargo bench --bench estimate -- city DIR REGION` reads every policy file under DIR (the
//! synthetic country's `policies/`, benches/more-documents.sh) and times the estimate for
//! REGION there: how the native engine fares for one city of a country-sized catalogue.
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};
use subsidy_estimator::{estimate, questions, Answers, Catalog, Date};

#[path = "../tests/common/golden_cases.rs"]
mod golden_cases;
use golden_cases::TODAY;
#[path = "../src/policy_files.rs"]
mod policy_files;

/// The median of `rounds` timings of `f` (after one warm-up call).
fn time<T>(rounds: usize, mut f: impl FnMut() -> T) -> Duration {
    black_box(f());
    let mut times: Vec<Duration> = (0..rounds)
        .map(|_| {
            let t = Instant::now();
            black_box(f());
            t.elapsed()
        })
        .collect();
    times.sort();
    times[rounds / 2]
}

fn micros(d: Duration) -> String {
    format!("{:.1} µs", d.as_secs_f64() * 1e6)
}

/// Median and worst of per-case timings, with the worst case's sentence.
fn summary(label: &str, mut times: Vec<(Duration, &str)>) {
    times.sort_by_key(|t| t.0);
    let median = times[times.len() / 2].0;
    let (worst, which) = times[times.len() - 1];
    println!(
        "  {label:<34} median {:>10}   worst {:>10}   ({})",
        micros(median),
        micros(worst),
        which.chars().take(40).collect::<String>()
    );
}

/// The real policy files plus `n` renamed copies of 城政发〔2020〕12号, all for 晋城市城区.
fn with_synthetic(n: usize) -> Catalog {
    let (mut files, problems) = policy_files::collect(Path::new("policies"));
    assert!(problems.is_empty(), "{problems:?}");
    let template = files
        .iter()
        .find(|(path, _)| path.ends_with("140502/czf-2020-12.toml"))
        .map(|(_, text)| text.clone())
        .expect("policies/140502/czf-2020-12.toml is the template");
    for i in 0..n {
        let text = template
            .replace("id = \"czf-2020-12\"", &format!("id = \"syn-{i}\""))
            .replace("\"jc_", &format!("\"s{i}_"));
        files.push((format!("policies/140502/syn-{i}.toml"), text));
    }
    Catalog::from_files(&files).unwrap_or_else(|e| panic!("synthetic catalogue: {:?}", e[0]))
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|a| a == "city") {
        let (Some(dir), Some(region)) = (args.get(at + 1), args.get(at + 2)) else {
            eprintln!("usage: cargo bench --bench estimate -- city DIR REGION");
            std::process::exit(2);
        };
        return city(Path::new(dir), region, Date::parse(TODAY).unwrap());
    }
    // `cargo bench --bench estimate -- scale` runs the synthetic documents only.
    if args.iter().any(|a| a == "scale") {
        return scale(Date::parse(TODAY).unwrap());
    }
    let started = Instant::now();
    let catalog = Catalog::embedded().unwrap();
    println!(
        "native: load the embedded catalogue: {} ({} documents, {} bytes encoded)",
        micros(started.elapsed()),
        catalog.documents().len(),
        catalog.encoded_len()
    );

    let cases = golden_cases::answered_cases();
    println!(
        "native, over {} golden cases (cache defeated: each call reasons afresh):",
        cases.len()
    );
    let mut estimates = Vec::new();
    let mut asks = Vec::new();
    for (says, answers, today) in &cases {
        estimates.push((
            time(21, || estimate(&catalog, answers, *today).unwrap()),
            says.as_str(),
        ));
        let est = estimate(&catalog, answers, *today).unwrap();
        asks.push((
            time(21, || {
                questions::questions(&catalog, &est, answers).unwrap()
            }),
            says.as_str(),
        ));
    }
    summary("estimate", estimates);
    summary("questions right after estimate", asks);

    println!("native, named profiles:");
    let today = Date::parse(TODAY).unwrap();
    for (name, json) in [
        ("nothing answered", r#"{}"#),
        (
            "晋城, region and date only",
            r#"{"region": "140502", "date": "2021-06-01"}"#,
        ),
        (
            "晋城, employee with certificate",
            r#"{"region": "140502", "date": "2021-06-01", "employment": "enterprise_employee",
                "unemployment_insurance_months": 14, "certificate": {"kind": "skill_level", "level": "intermediate", "via_job_training": true}}"#,
        ),
        (
            "拉萨, veteran",
            r#"{"region": "540100", "date": "2022-06-01", "groups": ["veteran"]}"#,
        ),
    ] {
        let answers = Answers::from_json_str(json).unwrap();
        let per = time(51, || estimate(&catalog, &answers, today).unwrap());
        let est = estimate(&catalog, &answers, today).unwrap();
        println!(
            "  {name:<34} {:>10} per estimate ({} benefits, {} next questions)",
            micros(per),
            est.benefits.len(),
            est.next_questions.len()
        );
    }

    scale(today);
}

fn scale(today: Date) {
    println!("native, N synthetic documents for 晋城市城区 (copies of 城政发〔2020〕12号, 13 benefits each):");
    let base_bytes = with_synthetic(0).encoded_len();
    let worst = Answers::from_json_str(r#"{"region": "140502", "date": "2021-06-01"}"#).unwrap();
    let employee = Answers::from_json_str(
        r#"{"region": "140502", "date": "2021-06-01", "employment": "enterprise_employee",
            "unemployment_insurance_months": 14, "certificate": {"kind": "skill_level", "level": "intermediate", "via_job_training": true}}"#,
    )
    .unwrap();
    let mut previous: Option<(usize, f64)> = None;
    for n in [5, 20, 100] {
        let catalog = with_synthetic(n);
        let t_worst = time(11, || estimate(&catalog, &worst, today).unwrap());
        let t_employee = time(11, || estimate(&catalog, &employee, today).unwrap());
        let est = estimate(&catalog, &worst, today).unwrap();
        let t_questions = time(11, || questions::questions(&catalog, &est, &worst).unwrap());
        let per_doc = (catalog.encoded_len() - base_bytes) as f64 / n as f64;
        let growth = previous.map_or(String::new(), |(m, t)| {
            format!(
                ", ×{:.1} time for ×{:.0} documents",
                t_worst.as_secs_f64() / t,
                n as f64 / m as f64
            )
        });
        println!(
            "  N={n:<3} {:>4} benefits  estimate {{region, date}} {:>10}, employee {:>10}, questions after {:>9}; {per_doc:.0} bytes per added document{growth}",
            est.benefits.len(),
            micros(t_worst),
            micros(t_employee),
            micros(t_questions),
        );
        previous = Some((n, t_worst.as_secs_f64()));
    }
}

/// One place of a catalogue read from `dir`: how many documents reach it and how long its
/// estimate takes (`{region, date}`, the worst answers, and an employee), with the date inside
/// 城政发〔2020〕12号's period so that its copies apply.
fn city(dir: &Path, region: &str, today: Date) {
    let started = Instant::now();
    let (files, problems) = policy_files::collect(dir);
    if !problems.is_empty() {
        eprintln!("{}: {}", dir.display(), problems.join("; "));
        std::process::exit(1);
    }
    let catalog = Catalog::from_files(&files).unwrap_or_else(|e| {
        eprintln!("{}: {}", dir.display(), e[0]);
        std::process::exit(1)
    });
    let loaded = started.elapsed();
    let worst = Answers::from_json_str(&format!(
        r#"{{"region": "{region}", "date": "2021-06-01"}}"#
    ))
    .unwrap_or_else(|e| panic!("{region}: {e}"));
    let employee = Answers::from_json_str(&format!(
        r#"{{"region": "{region}", "date": "2021-06-01", "employment": "enterprise_employee",
            "unemployment_insurance_months": 14, "certificate": {{"kind": "skill_level", "level": "intermediate", "via_job_training": true}}}}"#
    ))
    .unwrap();
    let est = estimate(&catalog, &worst, today).unwrap();
    let t_worst = time(21, || estimate(&catalog, &worst, today).unwrap());
    let t_employee = time(21, || estimate(&catalog, &employee, today).unwrap());
    println!(
        "native, {region} in {} ({} documents, read and checked in {:.1} s): {} documents in its estimate, {} benefits; \
         estimate {{region, date}} median {}, employee {}",
        dir.display(),
        catalog.documents().len(),
        loaded.as_secs_f64(),
        est.documents.len(),
        est.benefits.len(),
        micros(t_worst),
        micros(t_employee),
    );
}
