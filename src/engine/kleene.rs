//! Kleene's three values (yes, no, unknown) and his "and" and "or", written once: for the
//! conditions of a rule, the rows of an amount table and the question search alike.
//!
//! An unknown carries what it misses: the facts themselves where the estimate names them
//! (`Vec<&'static str>`), or only whether some fact is missing where the question search needs
//! no more (`bool`). An unknown that misses nothing (a benefit caught in a cycle) decides
//! nothing: in an "and" or an "or" it counts as the value that does not decide.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Truth {
    Yes,
    No,
    Unknown,
}

/// What an unknown misses: the facts in order of first mention, or only whether there are any.
pub(super) trait Missing: Default {
    /// One fact.
    fn fact(fact: &'static str) -> Self;
    /// Adds what `other` misses, each fact once.
    fn add(&mut self, other: &Self);
    fn is_empty(&self) -> bool;
}

impl Missing for Vec<&'static str> {
    fn fact(fact: &'static str) -> Self {
        vec![fact]
    }
    fn add(&mut self, other: &Self) {
        add_all(self, other)
    }
    fn is_empty(&self) -> bool {
        <[&'static str]>::is_empty(self)
    }
}

impl Missing for bool {
    fn fact(_: &'static str) -> Self {
        true
    }
    fn add(&mut self, other: &Self) {
        *self |= *other
    }
    fn is_empty(&self) -> bool {
        !*self
    }
}

/// Adds each fact of `from` not yet in `into`.
pub(super) fn add_all(into: &mut Vec<&'static str>, from: &[&'static str]) {
    for f in from {
        if !into.contains(f) {
            into.push(f);
        }
    }
}

/// A truth, and when unknown, what would settle it.
#[derive(Debug, Clone)]
pub(super) struct Outcome<M> {
    pub(super) truth: Truth,
    pub(super) missing: M,
}

impl<M: Missing> Outcome<M> {
    pub(super) fn known(yes: bool) -> Self {
        Outcome {
            truth: if yes { Truth::Yes } else { Truth::No },
            missing: M::default(),
        }
    }

    pub(super) fn unknown(missing: M) -> Self {
        Outcome {
            truth: Truth::Unknown,
            missing,
        }
    }

    /// A fact's test: `None` while the fact is unknown.
    pub(super) fn of_fact(holds: Option<bool>, fact: &'static str) -> Self {
        match holds {
            Some(yes) => Outcome::known(yes),
            None => Outcome::unknown(M::fact(fact)),
        }
    }
}

/// Kleene's "and" or "or", taken one part at a time: every part is worked out by the caller
/// (a part may name another benefit, which must be reached in the same order every time),
/// but once one part decides, the others change nothing.
pub(super) struct Parts<M> {
    decisive: Truth,
    otherwise: Truth,
    decided: bool,
    missing: M,
}

impl<M: Missing> Parts<M> {
    /// "and": one "no" decides; otherwise an unknown that misses something leaves it open.
    pub(super) fn all() -> Self {
        Parts::new(Truth::No, Truth::Yes)
    }

    /// "or": one "yes" decides; otherwise an unknown that misses something leaves it open.
    pub(super) fn any() -> Self {
        Parts::new(Truth::Yes, Truth::No)
    }

    fn new(decisive: Truth, otherwise: Truth) -> Self {
        Parts {
            decisive,
            otherwise,
            decided: false,
            missing: M::default(),
        }
    }

    /// Whether a part has decided already (the rest need not be worked out, where nothing
    /// else depends on them).
    pub(super) fn decided(&self) -> bool {
        self.decided
    }

    pub(super) fn add(&mut self, part: &Outcome<M>) {
        if self.decided {
            return;
        }
        if part.truth == self.decisive {
            self.decided = true;
            self.missing = M::default();
        } else if part.truth == Truth::Unknown {
            self.missing.add(&part.missing);
        }
    }

    pub(super) fn outcome(self) -> Outcome<M> {
        let truth = match (self.decided, self.missing.is_empty()) {
            (true, _) => self.decisive,
            (false, true) => self.otherwise,
            (false, false) => Truth::Unknown,
        };
        Outcome {
            truth,
            missing: self.missing,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn o(t: Truth, missing: &[&'static str]) -> Outcome<Vec<&'static str>> {
        Outcome {
            truth: t,
            missing: missing.to_vec(),
        }
    }

    fn both(parts: &[Outcome<Vec<&'static str>>]) -> (Outcome<Vec<&'static str>>, Truth) {
        let mut all = Parts::all();
        let mut lean: Parts<bool> = Parts::all();
        for p in parts {
            all.add(p);
            lean.add(&Outcome {
                truth: p.truth,
                missing: !p.missing.is_empty(),
            });
        }
        (all.outcome(), lean.outcome().truth)
    }

    #[test]
    fn and_is_kleenes_with_the_facts_an_unknown_misses() {
        let (yes, no, unknown) = (Truth::Yes, Truth::No, Truth::Unknown);
        let (r, lean) = both(&[o(yes, &[]), o(unknown, &["a"]), o(unknown, &["b", "a"])]);
        assert_eq!(
            (r.truth, r.missing, lean),
            (unknown, vec!["a", "b"], unknown)
        );
        let (r, lean) = both(&[o(unknown, &["a"]), o(no, &[]), o(unknown, &["b"])]);
        assert_eq!((r.truth, r.missing.len(), lean), (no, 0, no));
        let (r, lean) = both(&[o(yes, &[]), o(yes, &[])]);
        assert_eq!((r.truth, lean), (yes, yes));
        // An unknown that misses nothing (a cycle) decides nothing.
        let (r, lean) = both(&[o(yes, &[]), o(unknown, &[])]);
        assert_eq!((r.truth, lean), (yes, yes));
    }

    #[test]
    fn or_is_decided_by_one_yes() {
        let mut any: Parts<Vec<&'static str>> = Parts::any();
        any.add(&o(Truth::Unknown, &["a"]));
        assert!(!any.decided());
        any.add(&o(Truth::Yes, &[]));
        assert!(any.decided());
        any.add(&o(Truth::Unknown, &["b"]));
        let r = any.outcome();
        assert_eq!((r.truth, r.missing.len()), (Truth::Yes, 0));
        let mut none: Parts<bool> = Parts::any();
        none.add(&Outcome::known(false));
        assert_eq!(none.outcome().truth, Truth::No);
    }
}
