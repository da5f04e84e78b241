//! The outputs of this build over a fixed set of inputs, for `scripts/compare-builds.sh`, which
//! builds this same file at an older revision too and diffs the two.
//!
//! Uses only what every revision since the comparison began offers: `Answers::from_json_str`,
//! `Catalog::embedded`, `estimate`, `Estimate::to_json` and `questions::questions` (the
//! command line's `estimate` and `questions`).
//!
//! `compare_outputs CASES_DIR` prints one line per input: its number, where it comes from and
//! an FNV-1a hash of its outputs (the estimate's JSON and the questions' JSON, or the error's
//! message). `compare_outputs CASES_DIR --show N` prints input N and its outputs in full.
//! With `COMPARE_WITHOUT=key,key` set, those keys are left out of every object of the outputs
//! (a field added on purpose), whose keys are then in alphabetical order.
//!
//! The inputs: every golden case (`CASES_DIR/**.toml`) with its own answers and day, and again
//! with its `date` set to 2021-06-01 and to 2026-12-07 (today 2026-12-07), then 5,000 seeded
//! random answer sets over every fact of the registry: absent, `null`, ordinary and edge values,
//! and hostile ones (out of range, wrong type, unknown value, unknown key).
use std::path::{Path, PathBuf};
use subsidy_estimator::facts::{FactType, FACTS};
use subsidy_estimator::{estimate, questions, Answers, Catalog, Date};

const TODAY: &str = "2026-11-22";
const RANDOM: usize = 5_000;

/// xorshift64*: the same answer sets on every run and in every build.
struct Seeded(u64);

impl Seeded {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn case_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            case_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
}

/// One input: where it comes from, the answers as JSON text and the day taken as today.
struct Input {
    from: String,
    answers: String,
    today: String,
}

fn golden_inputs(dir: &Path) -> Vec<Input> {
    let mut files = Vec::new();
    case_files(dir, &mut files);
    let mut out = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let table: toml::Table =
            toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let cases = table.get("case").and_then(|c| c.as_array());
        for (n, case) in cases.into_iter().flatten().enumerate() {
            let answers = case
                .get("answers")
                .cloned()
                .unwrap_or(toml::Value::Table(Default::default()));
            let today = case.get("today").and_then(|t| t.as_str()).unwrap_or(TODAY);
            let from = format!("{}#{}", path.display(), n + 1);
            let json = serde_json::to_string(&answers).unwrap();
            out.push(Input {
                from: from.clone(),
                answers: json,
                today: today.to_string(),
            });
            for day in ["2021-06-01", "2026-12-07"] {
                let mut moved = answers.clone();
                if let Some(t) = moved.as_table_mut() {
                    t.insert("date".into(), toml::Value::String(day.into()));
                }
                out.push(Input {
                    from: format!("{from}@{day}"),
                    answers: serde_json::to_string(&moved).unwrap(),
                    today: "2026-12-07".into(),
                });
            }
        }
    }
    out
}

const REGIONS: &[&str] = &[
    "140502", "140500", "140000", "140525", "520300", "520302", "520000", "540000", "540100",
    "450000", "450100", "330100", "000000", "110000", "999999",
];
const DAYS: &[&str] = &[
    "1990-01-01",
    "2016-12-31",
    "2017-01-01",
    "2019-01-01",
    "2020-06-01",
    "2020-10-25",
    "2020-10-26",
    "2021-01-01",
    "2021-05-31",
    "2021-06-01",
    "2021-09-30",
    "2021-10-01",
    "2021-12-31",
    "2022-01-01",
    "2022-06-01",
    "2023-12-31",
    "2024-03-01",
    "2024-09-01",
    "2025-06-10",
    "2025-09-01",
    "2026-06-01",
    "2026-11-22",
    "2026-12-07",
    "2027-01-01",
];

/// A JSON value for `fact`: mostly one it accepts, sometimes an edge or a hostile one.
fn random_value(rng: &mut Seeded, kind: FactType, hostile: bool) -> serde_json::Value {
    use serde_json::json;
    if hostile {
        // Hostile: a value of the wrong type or out of range.
        let hostile = [
            json!(-1),
            json!(1.5),
            json!("yes"),
            json!(""),
            json!([]),
            json!({}),
            json!(true),
            json!("2021-02-30"),
            json!(1e300),
            json!(["poor_labor", "poor_labor"]),
            json!(["nonsense"]),
            json!("nonsense"),
            json!(99999),
        ];
        return rng.pick(&hostile).clone();
    }
    match kind {
        FactType::Count { min, max, .. } => {
            let near = [
                min,
                max,
                0,
                1,
                2,
                3,
                5,
                6,
                7,
                10,
                11,
                12,
                13,
                15,
                24,
                30,
                35,
                36,
                37,
                60,
                100,
                max.saturating_sub(1),
            ];
            let n = if rng.chance(80) {
                *rng.pick(&near)
            } else {
                min + (rng.next() % (max - min + 1) as u64) as i64
            };
            json!(n.clamp(min, max))
        }
        FactType::YesNo => json!(rng.chance(50)),
        FactType::OneOf(choices) => json!(rng.pick(choices).value),
        FactType::Groups => {
            let groups = subsidy_estimator::facts::GROUPS;
            let n = [0, 1, 1, 2, 3][rng.below(5)];
            let mut chosen: Vec<&str> = Vec::new();
            for _ in 0..n {
                let g = rng.pick(groups).value;
                if !chosen.contains(&g) {
                    chosen.push(g);
                }
            }
            json!(chosen)
        }
        FactType::Day => json!(rng.pick(DAYS)),
        FactType::RegionCode => json!(rng.pick(REGIONS)),
    }
}

fn random_inputs(count: usize) -> Vec<Input> {
    let mut rng = Seeded(0x5eed_2026_1207_0018);
    let mut out = Vec::with_capacity(count);
    for n in 0..count {
        let mut root = serde_json::Map::new();
        let share = [10, 30, 60, 90][rng.below(4)];
        // One set in eight has one hostile value (an error naming its field); the rest are
        // estimated.
        let hostile = if rng.chance(12) {
            Some(rng.below(FACTS.len()))
        } else {
            None
        };
        for (at, fact) in FACTS.iter().enumerate() {
            let given = match fact.name {
                "region" | "date" => rng.chance(90),
                _ => rng.chance(share),
            };
            if !given && hostile != Some(at) {
                continue;
            }
            let value = if rng.chance(5) {
                serde_json::Value::Null
            } else {
                random_value(&mut rng, fact.kind, hostile == Some(at))
            };
            match fact.name.split_once('.') {
                Some((object, key)) => {
                    let inner = root
                        .entry(object)
                        .or_insert_with(|| serde_json::Value::Object(Default::default()));
                    if let Some(inner) = inner.as_object_mut() {
                        inner.insert(key.to_string(), value);
                    }
                }
                None => {
                    root.insert(fact.name.to_string(), value);
                }
            }
        }
        if rng.chance(1) {
            root.insert("not_a_fact".into(), serde_json::json!(1));
        }
        if rng.chance(1) {
            root.insert("certificate".into(), serde_json::json!("intermediate"));
        }
        let today = if rng.chance(50) {
            TODAY
        } else {
            rng.pick(DAYS)
        };
        out.push(Input {
            from: format!("random#{}", n + 1),
            answers: serde_json::Value::Object(root).to_string(),
            today: today.to_string(),
        });
    }
    out
}

/// The outputs for one input, as the command line gives them.
fn outputs(catalog: &Catalog, input: &Input) -> String {
    let today = Date::parse(&input.today).expect("a valid today");
    let answers = match Answers::from_json_str(&input.answers) {
        Ok(a) => a,
        Err(e) => return format!("answers error: {e}\n"),
    };
    let est = match estimate(catalog, &answers, today) {
        Ok(e) => e,
        Err(e) => return format!("estimate error: {e}\n"),
    };
    let without = std::env::var("COMPARE_WITHOUT").unwrap_or_default();
    let without: Vec<&str> = without.split(',').filter(|k| !k.is_empty()).collect();
    let mut out = if without.is_empty() {
        est.to_json()
    } else {
        let mut json: serde_json::Value = serde_json::from_str(&est.to_json()).unwrap();
        strip(&mut json, &without);
        serde_json::to_string_pretty(&json).unwrap()
    };
    out.push('\n');
    match questions::questions(catalog, &est, &answers) {
        Ok(q) if without.is_empty() => out.push_str(&serde_json::to_string_pretty(&q).unwrap()),
        Ok(q) => {
            let mut json = serde_json::to_value(&q).unwrap();
            strip(&mut json, &without);
            out.push_str(&serde_json::to_string_pretty(&json).unwrap())
        }
        Err(e) => out.push_str(&format!("questions error: {e}")),
    }
    out.push('\n');
    out
}

/// `json` without the keys `without`, in every object.
fn strip(json: &mut serde_json::Value, without: &[&str]) {
    match json {
        serde_json::Value::Object(map) => {
            map.retain(|k, _| !without.contains(&k.as_str()));
            map.values_mut().for_each(|v| strip(v, without));
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(|v| strip(v, without)),
        _ => {}
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first() else {
        eprintln!("usage: compare_outputs CASES_DIR [--show N]");
        std::process::exit(2);
    };
    let show: Option<usize> = match args.get(1).map(String::as_str) {
        Some("--show") => args.get(2).and_then(|n| n.parse().ok()),
        _ => None,
    };
    let catalog = Catalog::embedded().expect("the embedded catalogue loads");
    let mut inputs = golden_inputs(Path::new(dir));
    inputs.extend(random_inputs(RANDOM));
    if let Some(n) = show {
        let input = &inputs[n];
        println!("{} today={}\n{}", input.from, input.today, input.answers);
        print!("{}", outputs(&catalog, input));
        return;
    }
    let mut refused = 0;
    for (n, input) in inputs.iter().enumerate() {
        let out = outputs(&catalog, input);
        refused += usize::from(out.starts_with("answers error"));
        let hash = fnv1a(out.as_bytes());
        println!("{n}\t{hash:016x}\t{}", input.from);
    }
    eprintln!(
        "{} inputs: {} estimated, {refused} refused with an error",
        inputs.len(),
        inputs.len() - refused
    );
}
