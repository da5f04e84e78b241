//! Fields of a document's head that must agree with another: `incomplete_after` with
//! `incomplete`, `office` and `phone` with the `apply` sentence, `office_cite` with `office`.
use super::{Problems, RawDocument};

/// A cut-off text names the last clause it reaches (`incomplete_after`), as `incomplete` names
/// it in words: the page says how far the text goes from this field, never from the words.
pub(super) fn incomplete_after(p: &mut Problems, line: usize, head: &RawDocument) {
    match (head.incomplete.as_deref(), head.incomplete_after.as_deref()) {
        (Some(_), None) => p.at(
            line,
            "incomplete needs incomplete_after = \"…\", the last clause the captured text reaches (\"四(二)\")",
        ),
        (None, Some(_)) => p.at(
            line,
            "incomplete_after names where a cut-off text stops, but there is no incomplete saying what is missing",
        ),
        (Some(words), Some(clause)) if clause.trim().is_empty() || !words.contains(clause) => p.at(
            line,
            format!("incomplete_after \"{clause}\" is not a clause that incomplete names"),
        ),
        _ => {}
    }
}

/// `office` and `phone` are the `apply` sentence's own words, so that the next step names
/// what the worker reads: each must be there, word for word; a phone is digits only.
pub(super) fn office_and_phone(p: &mut Problems, line: usize, head: &RawDocument) {
    let apply = head.apply.as_deref().unwrap_or("");
    for (field, words) in [("office", &head.office), ("phone", &head.phone)] {
        match words.as_deref() {
            Some(w) if w.trim().is_empty() => p.at(line, format!("{field} is empty")),
            Some(w) if head.apply.is_none() => p.at(
                line,
                format!("{field} \"{w}\" needs the apply = \"…\" sentence that names it"),
            ),
            Some(w) if !apply.contains(w) => p.at(
                line,
                format!("{field} \"{w}\" is not in the apply sentence \"{apply}\""),
            ),
            _ => {}
        }
    }
    if let Some(phone) = head.phone.as_deref() {
        if !phone.is_empty() && !phone.bytes().all(|b| b.is_ascii_digit()) {
            p.at(line, format!("phone \"{phone}\" is not digits only"));
        }
    }
}

/// An office (`field`: the document's `office`, or a rule's `how_to_apply.office`) is shown to
/// the worker with the clause that names it: `office_cite` is required with an office that has
/// words, and refused without an office.
pub(super) fn office_cite(
    p: &mut Problems,
    line: usize,
    field: &str,
    office: &Option<String>,
    cite: &Option<String>,
) {
    let blank = |s: &str| s.trim().is_empty();
    match (office.as_deref(), cite.as_deref()) {
        (Some(o), None) if !blank(o) => p.at(
            line,
            format!("{field} needs {field}_cite = \"…\", the clause of the document that names the office"),
        ),
        (Some(o), Some(c)) if !blank(o) && blank(c) => p.at(line, format!("{field}_cite is empty")),
        (None, Some(c)) => p.at(
            line,
            format!("{field}_cite \"{c}\" cites an office, but there is no {field}"),
        ),
        _ => {}
    }
}
