//! A worker's answers, checked against the fact registry. Every key is optional; an absent
//! key (or `null`) is *unknown*, which is not false and not zero. Anything malformed is an
//! error naming the field and what was expected, never a guess.
use crate::date::Date;
use crate::error::{Error, Result};
use crate::facts::{self, FactType, FACTS};
use crate::regions;
use serde_json::{Map, Value as Json};
use std::collections::BTreeMap;

/// One known answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Count(i64),
    YesNo(bool),
    Text(String),
    Groups(Vec<String>),
    Day(Date),
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Answers {
    known: BTreeMap<&'static str, Value>,
}

/// The earliest issue day a certificate may carry.
pub const EARLIEST_CERTIFICATE: Date = Date::from_parts(1990, 1, 1);

/// Objects that group facts: `certificate.kind` is written `{"certificate": {"kind": …}}`.
const OBJECTS: &[&str] = &["certificate", "training"];

impl Answers {
    pub fn from_json_str(text: &str) -> Result<Answers> {
        let json: Json = serde_json::from_str(text)
            .map_err(|e| Error::answer("", format!("the answers are not valid JSON: {e}")))?;
        Answers::from_json(&json)
    }

    pub fn from_json(json: &Json) -> Result<Answers> {
        let object = json.as_object().ok_or_else(|| {
            Error::answer(
                "",
                format!("the answers must be a JSON object, got {}", show(json)),
            )
        })?;
        let mut answers = Answers::default();
        answers.read_object(object, "")?;
        Ok(answers)
    }

    fn read_object(&mut self, object: &Map<String, Json>, prefix: &str) -> Result<()> {
        for (key, value) in object {
            let name = format!("{prefix}{key}");
            if prefix.is_empty() && OBJECTS.contains(&key.as_str()) {
                match value {
                    Json::Null => {}
                    Json::Object(inner) => self.read_object(inner, &format!("{key}."))?,
                    other => {
                        let keys = sub_keys(key).join(", ");
                        return Err(Error::answer(
                            key.as_str(),
                            format!("expected an object with {keys}, got {}", show(other)),
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
                        name.as_str(),
                        format!("unknown question; expected one of {}", expected.join(", ")),
                    )
                })?;
            if value.is_null() {
                continue;
            }
            let parsed = parse_value(fact.name, fact.kind, value)?;
            self.known.insert(fact.name, parsed);
        }
        Ok(())
    }

    /// The answer for a dotted fact name, or `None` when unknown.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.known.get(name)
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
            .filter_map(|f| self.known.get(f.name).map(|v| (f.name, v)))
    }

    /// Sets or clears one answer (used by tests and by the question flow).
    pub fn with(mut self, name: &str, value: Option<Value>) -> Answers {
        if let Some(fact) = facts::fact(name) {
            match value {
                Some(v) => {
                    self.known.insert(fact.name, v);
                }
                None => {
                    self.known.remove(fact.name);
                }
            }
        }
        self
    }
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

/// A short rendering of what the user sent, for error messages.
fn show(value: &Json) -> String {
    let text = value.to_string();
    if text.chars().count() > 40 {
        format!("{}…", text.chars().take(40).collect::<String>())
    } else {
        text
    }
}

fn whole_number(value: &Json) -> Option<i64> {
    if let Some(n) = value.as_i64() {
        return Some(n);
    }
    // JavaScript has only one number type: 12.0 is 12, 12.5 is not a whole number.
    value
        .as_f64()
        .filter(|x| x.fract() == 0.0 && x.abs() < 1e15)
        .map(|x| x as i64)
}

fn quoted_list(choices: impl Iterator<Item = &'static str>) -> String {
    choices
        .map(|v| format!("\"{v}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

fn parse_value(name: &'static str, kind: FactType, value: &Json) -> Result<Value> {
    let err =
        |expected: String| Error::answer(name, format!("expected {expected}, got {}", show(value)));
    match kind {
        FactType::Count { min, max, .. } => match whole_number(value) {
            Some(n) if (min..=max).contains(&n) => Ok(Value::Count(n)),
            _ => Err(err(format!("a whole number from {min} to {max}"))),
        },
        FactType::YesNo => value
            .as_bool()
            .map(Value::YesNo)
            .ok_or_else(|| err("true or false".into())),
        FactType::OneOf(choices) => match value.as_str() {
            Some(s) if choices.iter().any(|c| c.value == s) => Ok(Value::Text(s.to_string())),
            _ => Err(err(format!(
                "one of {}",
                quoted_list(choices.iter().map(|c| c.value))
            ))),
        },
        FactType::Day => match value.as_str().and_then(Date::parse) {
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
            let code = value
                .as_str()
                .filter(|s| s.len() == 6 && s.bytes().all(|b| b.is_ascii_digit()));
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
            let items = value.as_array().ok_or_else(|| {
                err("a list of group ids such as [\"poor_labor\"], or [] for none".into())
            })?;
            let mut groups: Vec<String> = Vec::new();
            for (i, item) in items.iter().enumerate() {
                match item.as_str() {
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
                                show(item)
                            ),
                        ))
                    }
                }
            }
            Ok(Value::Groups(groups))
        }
    }
}
