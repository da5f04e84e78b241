//! The tape read back into JSON, as `tape.js` reads it into objects, and the tests that hold
//! the two doors to the same JSON without a browser.
use super::*;

/// Reads a tape back into JSON, as `tape.js` reads it into objects: the tests hold the two
/// doors to the same JSON without a browser.
pub fn to_json(tape: &Tape, table: &mut Vec<String>) -> serde_json::Value {
    use serde_json::Value;
    fn value(
        t: &[u16],
        w: &[u32],
        at: &mut usize,
        from: &mut usize,
        table: &mut Vec<String>,
    ) -> Value {
        let mut next = || {
            *at += 1;
            w[*at - 1]
        };
        let op = next();
        match op {
            NULL => Value::Null,
            TRUE => Value::Bool(true),
            FALSE => Value::Bool(false),
            INT => Value::from(next() as i32),
            FLOAT => {
                let (lo, hi) = (next() as u64, next() as u64);
                Value::from(f64::from_bits(lo | hi << 32))
            }
            KEPT => Value::String(table[next() as usize].clone()),
            TEXT | KEEP => {
                let k = (op == KEEP).then(|| next() as usize);
                let end = next() as usize;
                let s = String::from_utf16(&t[*from..end]).expect("UTF-16");
                *from = end;
                if let Some(k) = k {
                    table.resize(table.len().max(k + 1), String::new());
                    table[k] = s.clone();
                }
                Value::String(s)
            }
            LIST => {
                let n = next();
                Value::Array((0..n).map(|_| value(t, w, at, from, table)).collect())
            }
            OBJECT | SHAPE => {
                let slot = (op == SHAPE).then(|| next() as usize);
                let n = next();
                let mut map = serde_json::Map::new();
                let mut keys = Vec::new();
                for _ in 0..n {
                    let Value::String(key) = value(t, w, at, from, table) else {
                        panic!("a key that is not a string")
                    };
                    keys.push(key.clone());
                    map.insert(key, value(t, w, at, from, table));
                }
                if let Some(k) = slot {
                    table.resize(table.len().max(k + 1), String::new());
                    table[k] = keys.join("\0");
                }
                Value::Object(map)
            }
            SHAPED => {
                let keys = table[next() as usize].clone();
                let mut map = serde_json::Map::new();
                for key in keys.split('\0').filter(|k| !k.is_empty()) {
                    map.insert(key.to_string(), value(t, w, at, from, table));
                }
                Value::Object(map)
            }
            COPY => {
                let k = next() as usize;
                serde_json::from_str(&table[k]).expect("a part kept as JSON")
            }
            RECALL => {
                let k = next() as usize;
                // A struct, sent with its shape's slot (`SHAPE k` or `SHAPED k`).
                let shape = w[*at + 1] as usize;
                let part = value(t, w, at, from, table);
                let keys: Vec<String> = table[shape].split('\0').map(str::to_string).collect();
                let plain = |v: &Value| !v.is_object() && !v.is_array();
                assert!(
                    part.as_object().is_some_and(|o| o.values().all(
                        |v| plain(v) || v.as_array().is_some_and(|list| list.iter().all(plain))
                    )),
                    "a recalled part holds plain values and lists of them (JS copies it so deep)"
                );
                table.resize(table.len().max(k + 1), String::new());
                table[k] = part.to_string();
                COPIERS.with(|c| c.borrow_mut().insert(copier(&keys, &part)));
                part
            }
            other => panic!("unknown tape word {other}"),
        }
    }
    value(&tape.text, &tape.words, &mut 0, &mut 0, table)
}

thread_local! {
    /// The copy function `tape.js` needs for each kind of part read back (`COPIERS` there).
    static COPIERS: std::cell::RefCell<std::collections::BTreeSet<String>> = Default::default();
}

/// How `tape.js` writes the copy of a part of this kind (its keys in their order).
fn copier(keys: &[String], part: &serde_json::Value) -> String {
    let fields: Vec<String> = keys
        .iter()
        .map(|k| match part[k.as_str()].is_array() {
            true => format!("{k}: o.{k}.slice()"),
            false => format!("{k}: o.{k}"),
        })
        .collect();
    format!("(o) => ({{ {} }}),", fields.join(", "))
}

mod tests {
    use super::*;
    use crate::{estimate, Answers, Catalog, Date};

    /// A tape with the words the wasm door numbers (`src/wasm/mod.rs`, `publish`).
    fn door_tape(catalog: &Catalog) -> Tape {
        let mut tape = Tape::default();
        crate::estimate::words(&mut |w| tape.intern(w));
        crate::questions::words(&mut |w| tape.intern(w));
        crate::policy::words::catalogue_words(catalog, &mut |w| tape.intern(w));
        tape
    }

    #[test]
    fn text_past_the_basic_plane_is_counted_in_utf16_units() {
        let mut tape = Tape::default();
        let value = (
            vec![
                "a😀b",
                "",
                "中文",
                "x",
                "ñé©\u{7f}\u{80}\u{7ff}\u{800}\u{ffff}\u{10000}\u{10ffff}",
            ],
            Some(1.5),
            None::<u8>,
            -3,
            true,
        );
        value.serialize(&mut tape).unwrap();
        assert_eq!(
            to_json(&tape, &mut Vec::new()),
            serde_json::to_value(value).unwrap()
        );
    }

    #[test]
    fn a_scrubbed_tape_holds_nothing_and_zeroes_all_it_held() {
        let mut tape = Tape::default();
        ("贵州省遵义市红花岗区", 520302)
            .serialize(&mut tape)
            .unwrap();
        let capacity = tape.text.capacity();
        assert!(!tape.text.is_empty() && !tape.words.is_empty());
        tape.scrub();
        assert!(tape.text.is_empty() && tape.words.is_empty());
        // What lies past the length, as far as the capacity, is zeros: growing back shows it.
        // SAFETY: u16 has no invalid values and every element up to the capacity was written.
        let whole = unsafe { std::slice::from_raw_parts(tape.text.as_ptr(), capacity) };
        assert!(whole.iter().all(|&u| u == 0), "{whole:?}");
        // And the tape works as before.
        ("晋城", 1).serialize(&mut tape).unwrap();
        assert_eq!(
            to_json(&tape, &mut Vec::new()),
            serde_json::json!(["晋城", 1])
        );
    }

    #[test]
    fn text_is_written_as_encode_utf16_writes_it() {
        let mut tape = Tape::default();
        let mut expected = Vec::new();
        for s in [
            "",
            "abc",
            "中文ñ😀",
            "\u{7f}\u{80}\u{7ff}\u{800}\u{d7ff}\u{e000}\u{ffff}\u{10000}\u{10ffff}",
        ] {
            tape.append(s);
            expected.extend(s.encode_utf16());
            assert_eq!(tape.text, expected, "{s}");
        }
    }

    #[test]
    fn a_tape_reads_back_as_the_json_the_command_line_prints() {
        let catalog = &Catalog::embedded().unwrap();
        let mut tape = door_tape(catalog);
        let mut table = Vec::new();
        let today = Date::new(2026, 11, 22).unwrap();
        for json in [
            r#"{}"#,
            r#"{"region": "140502", "date": "2021-06-01"}"#,
            r#"{"region": "540100", "date": "2022-06-01", "groups": ["veteran"], "age": 30}"#,
        ] {
            let answers = Answers::from_json_str(json).unwrap();
            let est = estimate(catalog, &answers, today).unwrap();
            tape.clear();
            est.serialize(&mut tape).unwrap();
            let read = to_json(&tape, &mut table);
            assert_eq!(read, serde_json::to_value(&est).unwrap(), "{json}");
            // The second time, the field names and the sources are all held by JS: less text,
            // nothing new, and each source a copy.
            let (kept, text) = (table.len(), tape.text.len());
            tape.clear();
            est.serialize(&mut tape).unwrap();
            assert_eq!(to_json(&tape, &mut table), read);
            assert_eq!(table.len(), kept);
            assert!(tape.text.len() < text || text == 0);
            let copies = tape.words.iter().filter(|w| **w == COPY).count();
            assert!(copies >= est.benefits.len(), "{json}: {copies} copies");
            // Each line's title is a word of the catalogue: named by number, by its content.
            let named = tape.words.iter().filter(|w| **w == KEPT).count();
            assert!(
                named >= est.benefits.len(),
                "{json}: {named} words by number"
            );
        }
    }

    /// A part recalled (a source, a next step, a criterion, a document's line) is the same JSON
    /// as the one written out, whatever answers, place, date and day it comes with: one tape
    /// (as the wasm door keeps it) over many estimates, each read back against the JSON the
    /// command line prints.
    #[test]
    fn a_recalled_part_is_the_part_written_out() {
        let catalog = &Catalog::embedded().unwrap();
        let mut tape = door_tape(catalog);
        let mut table = Vec::new();
        let (mut copies, mut ended, mut deadlines) = (0, 0, 0);
        for today in ["2021-06-01", "2023-01-01", "2026-11-22"] {
            let today = Date::parse(today).unwrap();
            for region in [
                "",
                r#""region": "140502","#,
                r#""region": "520302","#,
                r#""region": "540100","#,
                r#""region": "450100","#,
                r#""region": "330100","#,
            ] {
                for date in [
                    "",
                    r#""date": "2020-12-01","#,
                    r#""date": "2021-06-01","#,
                    r#""date": "2024-03-01","#,
                ] {
                    for who in [
                        r#""employment": "unemployed""#,
                        r#""employment": "enterprise_employee", "unemployment_insurance_months": 40, "certificate": {"kind": "skill_level", "level": "senior"}"#,
                        r#""groups": ["poor_labor"], "training": {"kind": "inclusive", "days": 12}"#,
                        r#""employment": "enterprise_employee", "unemployment_insurance_months": 40, "certificate": {"kind": "skill_level", "level": "intermediate", "issued": "2021-03-01"}"#,
                    ] {
                        let json = format!("{{{region}{date}{who}}}");
                        let answers = Answers::from_json_str(&json).unwrap();
                        let est = estimate(catalog, &answers, today).unwrap();
                        tape.clear();
                        est.serialize(&mut tape).unwrap();
                        copies += tape.words.iter().filter(|w| **w == COPY).count();
                        ended += est
                            .benefits
                            .iter()
                            .filter(|b| b.source.ended_note.is_some())
                            .count();
                        deadlines += est.benefits.iter().filter(|b| b.deadline.is_some()).count();
                        assert_eq!(
                            to_json(&tape, &mut table),
                            serde_json::to_value(&est).unwrap(),
                            "{json} on {today}"
                        );
                    }
                }
            }
        }
        // Every form was met many times over.
        assert!(
            copies > 1000 && ended > 100 && deadlines > 50,
            "{copies} copies, {ended} ended, {deadlines} deadlines"
        );
    }

    /// A part's key is a place in one catalogue: after another catalogue comes (a pack added),
    /// the same key names another part. The tape forgets what JS holds then
    /// (`Tape::new_catalogue`), so one tape over estimates of two catalogues, whose documents
    /// stand in other places, reads back as each one's JSON; without forgetting it would not.
    #[test]
    fn a_new_catalogue_forgets_the_parts_of_the_last() {
        let first = Catalog::embedded().unwrap();
        let mut documents = first.documents().to_vec();
        documents.reverse();
        let second = Catalog::new(documents);
        let today = Date::new(2026, 11, 22).unwrap();
        let answers: Vec<Answers> = [
            r#"{"region": "140502", "date": "2021-06-01", "employment": "enterprise_employee", "unemployment_insurance_months": 14}"#,
            r#"{"region": "520302", "date": "2024-03-01", "groups": ["poor_labor"]}"#,
            r#"{"region": "540100", "date": "2022-06-01", "groups": ["veteran"], "age": 30}"#,
        ]
        .iter()
        .map(|json| Answers::from_json_str(json).unwrap())
        .collect();
        let run = |forget: bool| {
            let (mut tape, mut table, mut same) = (door_tape(&first), Vec::new(), true);
            for catalog in [&first, &second, &first] {
                crate::policy::words::catalogue_words(catalog, &mut |w| tape.intern(w));
                if forget {
                    tape.new_catalogue();
                }
                for answers in &answers {
                    let est = estimate(catalog, answers, today).unwrap();
                    tape.clear();
                    est.serialize(&mut tape).unwrap();
                    same &= to_json(&tape, &mut table) == serde_json::to_value(&est).unwrap();
                }
            }
            same
        };
        assert!(run(true), "a part of the last catalogue was recalled");
        // The test can fail: the two catalogues' keys do meet.
        assert!(!run(false));
    }

    /// Each struct an estimate or a question list sends has a ready-made object in `tape.js`
    /// (an object literal, 2× faster to build than key by key). A struct without one is still
    /// built right, key by key, only slower: this test keeps the list whole.
    #[test]
    fn tape_js_makes_every_struct_an_estimate_or_questions_send() {
        let catalog = &Catalog::embedded().unwrap();
        let js = include_str!("../tape.js");
        let mut tape = Tape::default();
        let today = Date::new(2026, 11, 22).unwrap();
        for json in [
            r#"{}"#,
            r#"{"region": "140502", "date": "2021-06-01"}"#,
            r#"{"region": "140502", "date": "2021-06-01", "employment": "enterprise_employee", "unemployment_insurance_months": 14, "certificate": {"kind": "skill_level", "level": "intermediate", "via_job_training": true}}"#,
            r#"{"region": "540100", "date": "2022-06-01", "groups": ["veteran"], "age": 30}"#,
        ] {
            let answers = Answers::from_json_str(json).unwrap();
            let est = estimate(catalog, &answers, today).unwrap();
            est.serialize(&mut tape).unwrap();
            let asks = crate::questions::questions(catalog, &est, &answers).unwrap();
            asks.serialize(&mut tape).unwrap();
        }
        let missing: Vec<String> = tape
            .shape_keys
            .iter()
            .map(|shape| {
                let fields: Vec<String> = shape.keys.iter().map(|k| format!("{k}: v()")).collect();
                format!("(v) => ({{ {} }}),", fields.join(", "))
            })
            .filter(|maker| !js.contains(maker.as_str()))
            .collect();
        assert!(
            missing.is_empty(),
            "add to SHAPES in src/tape.js:\n{}",
            missing.join("\n")
        );
    }

    /// Each kind of part the module recalls has its own copy function in `tape.js` (a literal,
    /// as fast as the shapes'). A part without one is still copied right, only slower: this
    /// test keeps the list whole.
    #[test]
    fn tape_js_copies_every_part_the_module_recalls() {
        let catalog = &Catalog::embedded().unwrap();
        let js = include_str!("../tape.js");
        let mut tape = Tape::default();
        let today = Date::new(2026, 11, 22).unwrap();
        let answers = Answers::from_json_str(
            r#"{"region": "140502", "date": "2021-06-01", "employment": "enterprise_employee", "unemployment_insurance_months": 14}"#,
        )
        .unwrap();
        let est = estimate(catalog, &answers, today).unwrap();
        est.serialize(&mut tape).unwrap();
        to_json(&tape, &mut Vec::new());
        let copiers = COPIERS.with(|c| c.borrow().clone());
        assert_eq!(
            copiers.len(),
            4,
            "a source, a criterion, a next step, a document"
        );
        let missing: Vec<&String> = copiers
            .iter()
            .filter(|c| !js.contains(c.as_str()))
            .collect();
        assert!(
            missing.is_empty(),
            "add to COPIERS in src/tape.js:\n{missing:?}"
        );
    }

    /// Words are found by their text: two that share the hash's bytes (length, first and last
    /// 8) are both found, each by its own slot, and a word not given is not, whatever its hash.
    #[test]
    fn words_are_found_by_their_text_not_their_hash() {
        let (a, b, c) = (
            "12345678-A-87654321",
            "12345678-B-87654321",
            "12345678-C-87654321",
        );
        assert_eq!(Words::hash(a), Words::hash(b));
        let mut words = Words::default();
        words.add(a, 7);
        words.add(b, 9);
        words.add("", 11);
        assert_eq!(words.find(a), Some(7));
        assert_eq!(words.find(b), Some(9));
        assert_eq!(words.find(""), Some(11));
        assert_eq!(words.find(c), None);
        assert_eq!(words.find("12345678"), None);
        // Through the tape: a word given goes by number, by content (another copy of it).
        let mut tape = Tape::default();
        tape.intern(a);
        tape.intern(b);
        let copy = String::from(b);
        copy.serialize(&mut tape).unwrap();
        c.serialize(&mut tape).unwrap();
        assert_eq!(tape.words[0], KEEP);
        assert_eq!(tape.words[3], TEXT);
    }

    #[derive(serde::Serialize)]
    struct Inner {
        a: u8,
        b: &'static str,
    }

    #[derive(serde::Serialize)]
    struct Outer {
        inner: Inner,
        list: Vec<Inner>,
    }

    #[derive(serde::Serialize)]
    enum Broken {
        Pair(u8, u8),
    }

    #[test]
    fn a_struct_sends_its_keys_once_and_again_after_a_tape_that_failed() {
        let value = Outer {
            inner: Inner { a: 1, b: "x" },
            list: vec![Inner { a: 2, b: "y" }, Inner { a: 3, b: "z" }],
        };
        let json = serde_json::to_value(&value).unwrap();
        let mut tape = Tape::default();
        let mut table = Vec::new();
        value.serialize(&mut tape).unwrap();
        assert_eq!(to_json(&tape, &mut table), json);
        // Learnt once, inside the first tape; the second sends values only.
        assert_eq!(tape.words.iter().filter(|w| **w == SHAPE).count(), 2);
        tape.clear();
        value.serialize(&mut tape).unwrap();
        assert_eq!(tape.words.iter().filter(|w| **w == SHAPE).count(), 0);
        assert_eq!(to_json(&tape, &mut table), json);

        // A tape that fails after learning a shape is never sent: JS did not learn it, so the
        // next tape teaches it again, to a table that never saw the failed one.
        let mut tape = Tape::default();
        tape.clear();
        let failed = (Inner { a: 1, b: "x" }, Broken::Pair(1, 2));
        assert!(failed.serialize(&mut tape).is_err());
        tape.unsend();
        tape.clear();
        value.serialize(&mut tape).unwrap();
        assert_eq!(to_json(&tape, &mut Vec::new()), json);
    }
}
