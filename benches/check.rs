//! How long checking a policy file takes as it grows: one file of 250, 1,000 and 2,000
//! benefits, made of copies of the benefits of policies/140502/czf-2020-12.toml (each copy's
//! ids suffixed, so its `benefit = [...]` references and exclusive groups stay within the
//! copy), checked as `subsidy check` checks it (`Catalog::from_files`). Checking must grow in
//! step with the file: 2,000 benefits well under 2 s. Run: `make bench-check` (or
//! `cargo bench --bench check`); `-- --write DIR` also leaves the files there, to time
//! `subsidy check DIR` itself.
use std::time::{Duration, Instant};
use subsidy_estimator::Catalog;

const SOURCE: &str = include_str!("../policies/140502/czf-2020-12.toml");

/// The text of policies/140502/czf-2020-12.toml with `count` benefits.
fn synthetic(count: usize) -> String {
    let start = SOURCE.find("\n[[benefit]]").expect("a benefit") + 1;
    let end = SOURCE.find("\n[[measure]]").map_or(SOURCE.len(), |e| e + 1);
    // The named conditions (`[[named_condition]]`) are written once, in the head: the
    // copies of the benefits use them by name.
    let (mut head, mut body) = (SOURCE[..start].to_string(), String::new());
    let mut in_named = false;
    for line in SOURCE[start..end].lines() {
        if line.starts_with('[') {
            in_named = line == "[[named_condition]]";
        }
        let to = if in_named { &mut head } else { &mut body };
        to.push_str(line);
        to.push('\n');
    }
    let (head, body) = (head.as_str(), body.as_str());
    let ids: Vec<&str> = body
        .lines()
        .filter_map(|l| l.strip_prefix("id = \"")?.strip_suffix('"'))
        .collect();
    let groups: Vec<&str> = body
        .lines()
        .filter_map(|l| l.strip_prefix("exclusive_group = \"")?.strip_suffix('"'))
        .collect();
    let mut out = head.to_string();
    let mut made = 0;
    let mut copy = 0;
    while made < count {
        let mut text = body.to_string();
        for name in ids.iter().chain(&groups) {
            text = text.replace(&format!("\"{name}\""), &format!("\"{name}_{copy}\""));
        }
        let chunks: Vec<&str> = text
            .split("[[benefit]]\n")
            .filter(|c| !c.is_empty())
            .collect();
        assert_eq!(chunks.len(), ids.len());
        // A last, partial copy holds only its first benefit, which needs no other.
        let take = if made + ids.len() <= count {
            ids.len()
        } else {
            1
        };
        for chunk in &chunks[..take] {
            out.push_str("[[benefit]]\n");
            out.push_str(chunk);
        }
        made += take;
        copy += 1;
    }
    out
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let write_to = args
        .iter()
        .position(|a| a == "--write")
        .and_then(|i| args.get(i + 1));
    println!("checking one policy file of N benefits (copies of czf-2020-12), median of 3 runs");
    for count in [250, 1000, 2000] {
        let text = synthetic(count);
        let path = "policies/140502/czf-2020-12.toml";
        let mut times: Vec<Duration> = (0..3)
            .map(|_| {
                let t = Instant::now();
                let catalog = Catalog::from_files(&[(path, text.as_str())]).unwrap_or_else(|e| {
                    panic!(
                        "the synthetic file does not check: {:?}",
                        &e[..3.min(e.len())]
                    )
                });
                assert_eq!(catalog.benefits().count(), count);
                t.elapsed()
            })
            .collect();
        times.sort();
        println!(
            "  {count:>5} benefits, {:>5} KB: {:>8.1} ms",
            text.len() / 1024,
            times[1].as_secs_f64() * 1000.0
        );
        if let Some(dir) = write_to {
            let folder = std::path::Path::new(dir)
                .join(count.to_string())
                .join("140502");
            std::fs::create_dir_all(&folder).unwrap();
            std::fs::write(folder.join("czf-2020-12.toml"), &text).unwrap();
        }
    }
}
