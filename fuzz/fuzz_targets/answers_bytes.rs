//! Any bytes as the answers' JSON text (the command line's door). The reader must never
//! panic, must agree with serde_json on what is JSON (within its bounds), and every answers
//! it accepts must be estimated with the invariants kept.
#![no_main]
use libfuzzer_sys::fuzz_target;
use subsidy_estimator::answers::Input;
use subsidy_estimator::Answers;

#[path = "common.rs"]
mod common;

fn input_of(json: &serde_json::Value) -> Input {
    use serde_json::Value as Json;
    match json {
        Json::Null => Input::Null,
        Json::Bool(b) => Input::Bool(*b),
        Json::Number(n) => Input::Number(n.as_f64().unwrap()),
        Json::String(s) => Input::Text(s.clone()),
        Json::Array(items) => Input::List(items.iter().map(input_of).collect()),
        Json::Object(map) => {
            Input::Object(map.iter().map(|(k, v)| (k.clone(), input_of(v))).collect())
        }
    }
}

fn has_repeated_keys(input: &Input) -> bool {
    match input {
        Input::List(items) => items.iter().any(has_repeated_keys),
        Input::Object(entries) => {
            entries
                .iter()
                .enumerate()
                .any(|(i, (k, _))| entries[..i].iter().any(|(e, _)| e == k))
                || entries.iter().any(|(_, v)| has_repeated_keys(v))
        }
        _ => false,
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let ours = Input::from_json_text(text);
    // The reader takes one byte-order mark before the JSON as nothing (as every door does);
    // serde_json refuses it, so it reads the text after it.
    let theirs =
        serde_json::from_str::<serde_json::Value>(text.strip_prefix('\u{feff}').unwrap_or(text));
    match (&ours, &theirs) {
        (Ok(input), Ok(value)) => {
            // serde_json keeps the last of repeated keys and sorts them; compare otherwise.
            if !has_repeated_keys(input) {
                let mut a = input.clone();
                let mut b = input_of(value);
                sort_keys(&mut a);
                sort_keys(&mut b);
                assert!(
                    same(&a, &b),
                    "the reader and serde_json read {text:?} differently: {a:?} / {b:?}"
                );
            }
        }
        (Ok(_), Err(e)) => panic!("the reader accepts what serde_json refuses ({e}): {text:?}"),
        (Err(e), Ok(_)) => {
            let why = e.to_string();
            assert!(
                [
                    "deeper than",
                    "items are more",
                    "larger than",
                    "too large for any answer"
                ]
                .iter()
                .any(|bound| why.contains(bound)),
                "the reader refuses valid JSON {text:?}: {why}"
            );
        }
        (Err(_), Err(_)) => {}
    }
    match Answers::from_json_str(text) {
        Ok(answers) => {
            common::estimate_and_check(common::catalog(), &answers);
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
});

/// Equal trees, numbers within a rounding: serde_json's default float parser may be off by
/// an ulp where Rust's (which the reader uses) rounds correctly.
fn same(a: &Input, b: &Input) -> bool {
    match (a, b) {
        (Input::Number(x), Input::Number(y)) => x == y || ((x - y) / x).abs() < 1e-15,
        (Input::List(xs), Input::List(ys)) => {
            xs.len() == ys.len() && xs.iter().zip(ys).all(|(x, y)| same(x, y))
        }
        (Input::Object(xs), Input::Object(ys)) => {
            xs.len() == ys.len()
                && xs
                    .iter()
                    .zip(ys)
                    .all(|((kx, x), (ky, y))| kx == ky && same(x, y))
        }
        _ => a == b,
    }
}

fn sort_keys(input: &mut Input) {
    match input {
        Input::List(items) => items.iter_mut().for_each(sort_keys),
        Input::Object(entries) => {
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            entries.iter_mut().for_each(|(_, v)| sort_keys(v));
        }
        _ => {}
    }
}
