//! A worker's answers, checked against the fact registry. Every key is optional; an absent
//! key (or `null`) is *unknown*, which is not false and not zero. Anything malformed is an
//! error naming the field and what was expected, never a guess.
use std::borrow::Cow;

use crate::date::Date;
use crate::error::{Error, Result};
use crate::facts::{self, FactType, FACTS};
pub use crate::input::Input;
use crate::regions;

/// One known answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Count(i64),
    YesNo(bool),
    Text(String),
    Groups(Vec<String>),
    Day(Date),
}

/// One slot per fact of the registry, in its order: a lookup is a position in a short list
/// (the engine asks by the registry's own names, found by address first), not a search in a map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answers {
    known: [Option<Value>; FACTS.len()],
}

impl Default for Answers {
    fn default() -> Answers {
        Answers {
            known: [const { None }; FACTS.len()],
        }
    }
}

/// Where `name` sits in the registry (by its words: `facts::position`).
fn slot(name: &str) -> Option<usize> {
    facts::position(name)
}

/// The earliest issue day a certificate may carry.
pub const EARLIEST_CERTIFICATE: Date = Date::from_parts(1990, 1, 1);

/// Objects that group facts: `certificate.kind` is written `{"certificate": {"kind": …}}`.
const OBJECTS: &[&str] = &["certificate", "training"];

impl Answers {
    /// Answers from JSON text: the command line's and the library's entry. Read with the
    /// bounds of [`crate::input`]; a key given twice is refused, not half-kept.
    pub fn from_json_str(text: &str) -> Result<Answers> {
        Answers::from_input(&Input::from_json_text(text)?)
    }

    /// Answers from an already parsed `serde_json` value (a JSON object cannot repeat a key
    /// there, nor hold a number that is not finite).
    pub fn from_json(json: &serde_json::Value) -> Result<Answers> {
        Answers::from_input(&input_of(json))
    }

    /// The one check every door goes through: the input tree against the fact registry.
    pub fn from_input(input: &Input) -> Result<Answers> {
        let Input::Object(entries) = input else {
            return Err(Error::answer(
                "",
                format!("the answers must be a JSON object, got {}", input.show()),
            ));
        };
        let mut answers = Answers::default();
        answers.read_object(entries, "")?;
        Ok(answers)
    }

    fn read_object(&mut self, entries: &[(String, Input)], prefix: &str) -> Result<()> {
        // The keys first: a key given twice is refused whatever its first answer says.
        for (i, (key, _)) in entries.iter().enumerate() {
            check_key(entries, i, key, prefix)?;
        }
        for (key, value) in entries {
            let name = dotted(prefix, key);
            if prefix.is_empty() && OBJECTS.contains(&key.as_str()) {
                match value {
                    Input::Null => {}
                    Input::Object(inner) => self.read_object(inner, &format!("{key}."))?,
                    other => {
                        let keys = sub_keys(key).join(", ");
                        return Err(Error::answer(
                            key.as_str(),
                            format!("expected an object with {keys}, got {}", other.show()),
                        ));
                    }
                }
                continue;
            }
            let fact = facts::fact(&name)
                .filter(|f| !OBJECTS.contains(&f.name))
                .ok_or_else(|| {
                    let expected: Vec<&str> = if prefix.is_empty() {
                        FACTS
                            .iter()
                            .map(|f| f.name.split('.').next().unwrap())
                            .fold(Vec::new(), |mut v, n| {
                                if !v.contains(&n) {
                                    v.push(n);
                                }
                                v
                            })
                    } else {
                        sub_keys(prefix.trim_end_matches('.'))
                    };
                    Error::answer(
                        name.as_ref(),
                        format!("unknown question; expected one of {}", expected.join(", ")),
                    )
                })?;
            if *value == Input::Null {
                continue;
            }
            let parsed = parse_value(fact.name, fact.kind, value)?;
            self.known[slot(fact.name).expect("a registry fact")] = Some(parsed);
        }
        Ok(())
    }

    /// The answer for a dotted fact name, or `None` when unknown.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.known[slot(name)?].as_ref()
    }

    /// The answer to the fact at `at` in the registry (`facts::position`).
    pub(crate) fn at(&self, at: usize) -> Option<&Value> {
        self.known.get(at)?.as_ref()
    }

    pub fn text(&self, name: &str) -> Option<&str> {
        match self.get(name) {
            Some(Value::Text(t)) => Some(t),
            _ => None,
        }
    }

    pub fn count(&self, name: &str) -> Option<i64> {
        match self.get(name) {
            Some(Value::Count(n)) => Some(*n),
            _ => None,
        }
    }

    pub fn date(&self) -> Option<Date> {
        match self.get("date") {
            Some(Value::Day(d)) => Some(*d),
            _ => None,
        }
    }

    pub fn region(&self) -> Option<&str> {
        self.text("region")
    }

    /// Every known answer, in registry order.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &Value)> {
        FACTS
            .iter()
            .zip(&self.known)
            .filter_map(|(f, v)| Some((f.name, v.as_ref()?)))
    }

    /// Sets or clears one answer (used by tests and by the question flow).
    pub fn with(mut self, name: &str, value: Option<Value>) -> Answers {
        if let Some(at) = slot(name) {
            self.known[at] = value;
        }
        self
    }
}

/// A key is one plain name, given once.
fn check_key(entries: &[(String, Input)], i: usize, key: &str, prefix: &str) -> Result<()> {
    if key.is_empty() {
        return Err(Error::answer(
            format!("{prefix}\"\""),
            "an empty key is not a question",
        ));
    }
    if entries[..i].iter().any(|(earlier, _)| earlier == key) {
        return Err(Error::answer(
            dotted(prefix, key),
            "this key is given twice; give each answer once",
        ));
    }
    if key.contains('.') {
        let (head, tail) = key.split_once('.').unwrap_or((key, ""));
        let hint = if prefix.is_empty() && OBJECTS.contains(&head) {
            format!("; write {{\"{head}\": {{\"{tail}\": …}}}}")
        } else {
            String::new()
        };
        return Err(Error::answer(
            dotted(prefix, key),
            format!("a dotted name is not a key{hint}"),
        ));
    }
    Ok(())
}

/// `key` under `prefix` ("certificate." + "level"), copied only when there is a prefix: every
/// answer's name is looked up in the registry, and `format!` was a cost of every estimate.
fn dotted<'a>(prefix: &str, key: &'a str) -> Cow<'a, str> {
    if prefix.is_empty() {
        return Cow::Borrowed(key);
    }
    let mut name = String::with_capacity(prefix.len() + key.len());
    name.push_str(prefix);
    name.push_str(key);
    Cow::Owned(name)
}

fn sub_keys(object: &str) -> Vec<&'static str> {
    FACTS
        .iter()
        .filter_map(|f| {
            f.name
                .strip_prefix(object)
                .and_then(|rest| rest.strip_prefix('.'))
        })
        .collect()
}

/// The tree of a `serde_json` value.
fn input_of(json: &serde_json::Value) -> Input {
    use serde_json::Value as Json;
    match json {
        Json::Null => Input::Null,
        Json::Bool(b) => Input::Bool(*b),
        Json::Number(n) => Input::Number(n.as_f64().unwrap_or(f64::NAN)),
        Json::String(s) => Input::Text(s.clone()),
        Json::Array(items) => Input::List(items.iter().map(input_of).collect()),
        Json::Object(map) => {
            Input::Object(map.iter().map(|(k, v)| (k.clone(), input_of(v))).collect())
        }
    }
}

/// JavaScript has only one number type: 12.0 is 12, 12.5 is not a whole number, and
/// `NaN` and `±Infinity` are no number of anything.
fn whole_number(value: &Input) -> Option<i64> {
    match value {
        Input::Number(x) if x.is_finite() && x.fract() == 0.0 && x.abs() < 1e15 => Some(*x as i64),
        _ => None,
    }
}

fn as_text(value: &Input) -> Option<&str> {
    match value {
        Input::Text(s) => Some(s),
        _ => None,
    }
}

fn quoted_list(choices: impl Iterator<Item = &'static str>) -> String {
    choices
        .map(|v| format!("\"{v}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

fn parse_value(name: &'static str, kind: FactType, value: &Input) -> Result<Value> {
    let err = |expected: String| {
        let not_finite = match value {
            Input::Number(x) if !x.is_finite() => " (not a finite number)",
            _ => "",
        };
        Error::answer(
            name,
            format!("expected {expected}, got {}{not_finite}", value.show()),
        )
    };
    match kind {
        FactType::Count { min, max, .. } => match whole_number(value) {
            Some(n) if (min..=max).contains(&n) => Ok(Value::Count(n)),
            _ => Err(err(format!("a whole number from {min} to {max}"))),
        },
        FactType::YesNo => match value {
            Input::Bool(b) => Ok(Value::YesNo(*b)),
            _ => Err(err("true or false".into())),
        },
        FactType::OneOf(choices) => match as_text(value) {
            Some(s) if choices.iter().any(|c| c.value == s) => Ok(Value::Text(s.to_string())),
            _ => Err(err(format!(
                "one of {}",
                quoted_list(choices.iter().map(|c| c.value))
            ))),
        },
        FactType::Day => match as_text(value).and_then(Date::parse) {
            // No certificate the estimator covers is older than this (the national subsidy
            // starts in 2017); an earlier day is a slip of the keyboard.
            Some(d) if name != "date" && d < EARLIEST_CERTIFICATE => Err(err(format!(
                "a day from {EARLIEST_CERTIFICATE} on, written YYYY-MM-DD"
            ))),
            Some(d) => Ok(Value::Day(d)),
            None => Err(err(
                "a real calendar day written YYYY-MM-DD, such as \"2021-06-01\"".into(),
            )),
        },
        FactType::RegionCode => {
            let code =
                as_text(value).filter(|s| s.len() == 6 && s.bytes().all(|b| b.is_ascii_digit()));
            let Some(code) = code else {
                return Err(err(
                    "a six-digit GB/T 2260 region code such as \"140502\"".into()
                ));
            };
            if regions::province_of(code).is_none() {
                return Err(err(format!(
                    "a region code whose first two digits name a province (\"{}\" does not), such as \"140502\"",
                    &code[..2]
                )));
            }
            Ok(Value::Text(code.to_string()))
        }
        FactType::Groups => {
            let Input::List(items) = value else {
                return Err(err(
                    "a list of group ids such as [\"poor_labor\"], or [] for none".into(),
                ));
            };
            let mut groups: Vec<String> = Vec::new();
            for (i, item) in items.iter().enumerate() {
                match as_text(item) {
                    Some(g) if facts::GROUPS.iter().any(|c| c.value == g) => {
                        if !groups.iter().any(|known| known == g) {
                            groups.push(g.to_string());
                        }
                    }
                    _ => {
                        return Err(Error::answer(
                            format!("{name}[{i}]"),
                            format!(
                                "expected one of {}, got {}",
                                quoted_list(facts::GROUPS.iter().map(|c| c.value)),
                                item.show()
                            ),
                        ))
                    }
                }
            }
            Ok(Value::Groups(groups))
        }
    }
}
