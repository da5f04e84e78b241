//! Answers as a structured tree (built by `arbitrary` from the fact registry's own names and
//! values, so most inputs are nearly right), through both doors: the tree as the wasm door
//! builds it (`Answers::from_input`) and the same tree written as JSON text (the command
//! line's door). Both must agree, never panic, and keep the estimate's invariants.
#![no_main]
use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use subsidy_estimator::answers::Input;
use subsidy_estimator::facts::{self, FactType, FACTS};
use subsidy_estimator::Answers;

#[path = "common.rs"]
mod common;

#[derive(Arbitrary, Debug)]
enum Key {
    /// A fact's name: its top-level part, or the part after its object (`days`).
    Fact(u8, bool),
    Raw(String),
}

#[derive(Arbitrary, Debug)]
enum Text {
    /// A value some fact allows (a choice, a group, a region, a day).
    Known(u16),
    Raw(String),
}

#[derive(Arbitrary, Debug)]
enum Tree {
    Null,
    Bool(bool),
    Whole(i16),
    Number(f64),
    Text(Text),
    List(Vec<Tree>),
    Object(Vec<(Key, Tree)>),
}

fn known_texts() -> Vec<&'static str> {
    let mut texts = vec![
        "140502",
        "520300",
        "540000",
        "450000",
        "110000",
        "2021-06-01",
        "2020-10-26",
        "2021-12-31",
        "2022-01-01",
    ];
    for fact in FACTS {
        if let FactType::OneOf(choices) = fact.kind {
            texts.extend(choices.iter().map(|c| c.value));
        }
    }
    texts.extend(facts::GROUPS.iter().map(|g| g.value));
    texts
}

fn key(k: &Key) -> String {
    match k {
        Key::Fact(i, tail) => {
            let name = FACTS[*i as usize % FACTS.len()].name;
            match name.split_once('.') {
                Some((head, rest)) => if *tail { rest } else { head }.to_string(),
                None => name.to_string(),
            }
        }
        Key::Raw(s) => s.clone(),
    }
}

fn input(tree: &Tree, texts: &[&str], depth: usize) -> Input {
    match tree {
        Tree::Null => Input::Null,
        Tree::Bool(b) => Input::Bool(*b),
        Tree::Whole(n) => Input::Number(f64::from(*n)),
        Tree::Number(x) => Input::Number(*x),
        Tree::Text(Text::Known(i)) => Input::Text(texts[*i as usize % texts.len()].to_string()),
        Tree::Text(Text::Raw(s)) => Input::Text(s.clone()),
        // The doors bound the depth before a tree is built; so does this builder.
        Tree::List(_) | Tree::Object(_) if depth > 40 => Input::Null,
        Tree::List(items) => {
            Input::List(items.iter().map(|t| input(t, texts, depth + 1)).collect())
        }
        Tree::Object(entries) => Input::Object(
            entries
                .iter()
                .map(|(k, v)| (key(k), input(v, texts, depth + 1)))
                .collect(),
        ),
    }
}

/// The tree as JSON text; `None` when it holds a number JSON cannot write.
fn json(input: &Input, out: &mut String) -> Option<()> {
    match input {
        Input::Null => out.push_str("null"),
        Input::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Input::Number(x) if !x.is_finite() => return None,
        Input::Number(x) => out.push_str(&serde_json::to_string(x).ok()?),
        Input::Text(s) => out.push_str(&serde_json::to_string(s).ok()?),
        Input::List(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                json(item, out)?;
            }
            out.push(']');
        }
        Input::Object(entries) => {
            out.push('{');
            for (i, (k, v)) in entries.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&serde_json::to_string(k).ok()?);
                out.push(':');
                json(v, out)?;
            }
            out.push('}');
        }
    }
    Some(())
}

fuzz_target!(|tree: Tree| {
    let texts = known_texts();
    // The answers are an object at the top most of the time.
    let tree = match tree {
        Tree::List(items) => Tree::Object(
            items
                .into_iter()
                .enumerate()
                .map(|(i, t)| (Key::Fact(i as u8 * 7, false), t))
                .collect(),
        ),
        other => other,
    };
    let input = input(&tree, &texts, 1);
    let by_tree = Answers::from_input(&input);
    let mut text = String::new();
    if json(&input, &mut text).is_some() {
        let by_text = Answers::from_json_str(&text);
        match (&by_tree, &by_text) {
            (Ok(a), Ok(b)) => assert_eq!(a, b, "the doors read {text} differently"),
            (Err(a), Err(b)) => {
                // The text door may stop first at a bound the tree was not built against.
                if !["deeper than", "items are more", "larger than"]
                    .iter()
                    .any(|w| b.to_string().contains(w))
                {
                    assert_eq!(
                        a.field(),
                        b.field(),
                        "the doors name different fields for {text}: {a} / {b}"
                    );
                }
            }
            (Ok(_), Err(e)) => {
                let why = e.to_string();
                assert!(
                    ["deeper than", "items are more", "larger than"]
                        .iter()
                        .any(|w| why.contains(w)),
                    "only the text door refuses {text}: {why}"
                );
            }
            (Err(e), Ok(_)) => panic!("only the tree door refuses {text}: {e}"),
        }
    }
    match by_tree {
        Ok(answers) => {
            common::estimate_and_check(common::catalog(), &answers);
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
});
