//! Named conditions: a document may write a condition once, as `[[named_condition]]` with a
//! `name` (a–z, 0–9 and `_`), and its benefits use it by that name (`use = "three_a_year"` as
//! a whole `[[benefit.condition]]`, or as one item of an `any_of`/`all_of`). The names are
//! resolved here, at load: a use becomes the named condition itself (its words, cite and test,
//! at the line of the use), so nothing after the loader knows that names existed. A named
//! condition is checked like any other, once, at its own line; an unknown name is refused at
//! the use, a name defined twice at its second definition, a name no condition uses at its
//! definition. A named condition cannot use another (so names never form a cycle).
use super::*;
use conditions::condition;

pub(super) struct Named {
    defined: BTreeMap<String, Definition>,
}

struct Definition {
    line: usize,
    /// None where the condition has a problem (reported at its own line, not at every use).
    condition: Option<Condition>,
    used: bool,
}

impl Named {
    /// Reads and checks every `[[named_condition]]` of a file.
    pub(super) fn define(p: &mut Problems, raws: Vec<Spanned<RawCondition>>) -> Named {
        let mut defined: BTreeMap<String, Definition> = BTreeMap::new();
        for spanned in raws {
            let line = p.line_of(spanned.span().start);
            let mut raw = spanned.into_inner();
            let Some(name) = raw.name.take() else {
                p.at(
                    line,
                    "a [[named_condition]] needs a `name`, which its uses give (`use = \"…\"`)",
                );
                continue;
            };
            if name.is_empty()
                || !name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
            {
                p.at(
                    line,
                    format!(
                        "named condition \"{name}\": a name is written with a-z, 0-9 and _ only"
                    ),
                );
            }
            let condition = condition(p, line, &raw, None);
            if let Some(first) = defined.get(&name) {
                p.at(
                    line,
                    format!(
                        "named condition \"{name}\" is defined twice (first at line {})",
                        first.line
                    ),
                );
                continue;
            }
            defined.insert(
                name,
                Definition {
                    line,
                    condition,
                    used: false,
                },
            );
        }
        Named { defined }
    }

    /// The named condition `name`, used at `line`; None (and a problem at `line` when the name
    /// is unknown) where there is none to use.
    pub(super) fn condition(
        &mut self,
        p: &mut Problems,
        line: usize,
        name: &str,
    ) -> Option<Condition> {
        match self.defined.get_mut(name) {
            Some(definition) => {
                definition.used = true;
                definition.condition.clone()
            }
            None => {
                let known: Vec<&str> = self.defined.keys().map(String::as_str).collect();
                let known = if known.is_empty() {
                    "this file names none ([[named_condition]] with `name = \"…\"`)".to_string()
                } else {
                    format!("this file names {}", known.join(", "))
                };
                p.at(line, format!("unknown named condition \"{name}\": {known}"));
                None
            }
        }
    }

    /// The test of the named condition `name`, used inside an `any_of` or `all_of` at `line`.
    pub(super) fn test(&mut self, p: &mut Problems, line: usize, name: &str) -> Option<Test> {
        self.condition(p, line, name).map(|c| c.test)
    }

    /// Refuses a named condition no condition uses: the file says it applies, and it does not.
    pub(super) fn unused(self, p: &mut Problems) {
        for (name, definition) in self.defined {
            if !definition.used {
                p.at(
                    definition.line,
                    format!("named condition \"{name}\" is used by no condition: use it (`use = \"{name}\"`) or remove it"),
                );
            }
        }
    }
}
