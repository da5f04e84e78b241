//! Answers as they arrive at a door, before any checking: the tree JSON can say, read with
//! bounds (depth, size, list length) so that no input can exhaust the stack or the memory.
//! The command line reads it from text here (`Input::from_json_text`); the browser door walks
//! a JS value into the same tree with the same bounds; `Answers::from_input` checks either.
use crate::error::{Error, Result};

/// How deep answers may nest: the contract needs 2 (`{"training": {"days": 6}}`).
pub const MAX_DEPTH: usize = 32;
/// How large answers may be, counted as JSON text: a full set of answers is under 1 KB.
pub const MAX_SIZE: usize = 64 * 1024;
/// How many items a list (or keys an object) may hold: `groups` has 23 possible values.
pub const MAX_ITEMS: usize = 200;

/// A value as JSON can write it. Keys keep their order and their repeats, so that a key
/// given twice can be refused rather than one of its answers silently dropped.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    Null,
    Bool(bool),
    /// Any number, as JavaScript has it; the wasm door can bring `NaN` and `±Infinity`,
    /// which every fact refuses.
    Number(f64),
    Text(String),
    List(Vec<Input>),
    Object(Vec<(String, Input)>),
}

/// Where a value sits in the answers, for error messages: `training.days`, `groups[3]`, and
/// `""` for an empty key. The root is the empty name.
#[derive(Debug, Clone, Default)]
pub struct Place(Vec<Step>);

#[derive(Debug, Clone)]
enum Step {
    Key(String),
    Index(usize),
}

impl Place {
    pub fn push_key(&mut self, key: &str) {
        self.0.push(Step::Key(key.to_string()));
    }

    pub fn push_index(&mut self, index: usize) {
        self.0.push(Step::Index(index));
    }

    pub fn pop(&mut self) {
        self.0.pop();
    }

    /// The dotted name of this place (`training.days`, `groups[1]`, `""`).
    pub fn name(&self) -> String {
        let mut name = String::new();
        for step in &self.0 {
            match step {
                Step::Key(key) => {
                    if !name.is_empty() {
                        name.push('.');
                    }
                    name.push_str(if key.is_empty() { "\"\"" } else { key });
                }
                Step::Index(i) => name.push_str(&format!("[{i}]")),
            }
        }
        name
    }

    /// The error for answers nested deeper than [`MAX_DEPTH`].
    pub fn too_deep(&self) -> Error {
        Error::answer(
            self.name(),
            format!("the answers nest deeper than {MAX_DEPTH} levels; the questions need 2"),
        )
    }

    /// The error for a list or object with more than [`MAX_ITEMS`] entries.
    pub fn too_many(&self, count: usize) -> Error {
        Error::answer(
            self.name(),
            format!("{count} items are more than the answers allow (at most {MAX_ITEMS})"),
        )
    }

    /// The error for answers larger than [`MAX_SIZE`].
    pub fn too_large(&self) -> Error {
        Error::answer(
            self.name(),
            format!(
                "the answers are larger than {} KB; a full set of answers is under 1 KB",
                MAX_SIZE / 1024
            ),
        )
    }
}

impl Input {
    /// Reads JSON text (RFC 8259, nothing more, after one optional byte-order mark) within the
    /// bounds above. Duplicate keys are kept for `Answers::from_input` to refuse by name.
    pub fn from_json_text(text: &str) -> Result<Input> {
        // A byte-order mark before the answers (Windows Notepad saves one) is read as nothing,
        // as the share link's `TextDecoder` reads it: every door accepts it the same way.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if text.len() > MAX_SIZE {
            return Err(Place::default().too_large());
        }
        let mut reader = Reader {
            text,
            pos: 0,
            place: Place::default(),
        };
        reader.space();
        let value = reader.value(1)?;
        reader.space();
        if reader.pos < text.len() {
            return Err(reader.syntax("more text after the answers' closing bracket"));
        }
        Ok(value)
    }

    /// A short rendering of what was sent, for error messages (at most 40 characters).
    pub fn show(&self) -> String {
        let mut out = String::new();
        self.render(&mut out);
        if out.chars().count() > 40 {
            format!("{}…", out.chars().take(40).collect::<String>())
        } else {
            out
        }
    }

    fn render(&self, out: &mut String) {
        // Enough to show 40 characters; a huge value is not rendered in full.
        if out.len() > 200 {
            return;
        }
        match self {
            Input::Null => out.push_str("null"),
            Input::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Input::Number(x) => out.push_str(&crate::number::show(*x)),
            Input::Text(s) => quote(s, out),
            Input::List(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.render(out);
                    if out.len() > 200 {
                        return;
                    }
                }
                out.push(']');
            }
            Input::Object(entries) => {
                out.push('{');
                for (i, (key, value)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    quote(key, out);
                    out.push(':');
                    value.render(out);
                    if out.len() > 200 {
                        return;
                    }
                }
                out.push('}');
            }
        }
    }
}

fn quote(text: &str, out: &mut String) {
    out.push('"');
    for c in text.chars().take(60) {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A recursive-descent JSON reader; recursion is bounded by [`MAX_DEPTH`].
struct Reader<'a> {
    text: &'a str,
    pos: usize,
    place: Place,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn syntax(&self, what: &str) -> Error {
        let before = &self.text[..self.pos.min(self.text.len())];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        Error::answer(
            "",
            format!("the answers are not valid JSON: {what} at line {line} column {column}"),
        )
    }

    fn expect(&mut self, byte: u8, what: &str) -> Result<()> {
        if self.peek() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.syntax(what))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Input> {
        match self.peek() {
            Some(b'{' | b'[') if depth > MAX_DEPTH => Err(self.place.too_deep()),
            Some(b'{') => self.object(depth),
            Some(b'[') => self.list(depth),
            Some(b'"') => self.string().map(Input::Text),
            Some(b't') => self.literal("true", Input::Bool(true)),
            Some(b'f') => self.literal("false", Input::Bool(false)),
            Some(b'n') => self.literal("null", Input::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.syntax("expected a value")),
            None => Err(self.syntax("the text ends where a value should be")),
        }
    }

    fn literal(&mut self, word: &str, value: Input) -> Result<Input> {
        if self.text[self.pos..].starts_with(word) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(self.syntax("expected a value"))
        }
    }

    fn object(&mut self, depth: usize) -> Result<Input> {
        self.pos += 1;
        let mut entries = Vec::new();
        self.space();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Input::Object(entries));
        }
        loop {
            self.space();
            if self.peek() != Some(b'"') {
                return Err(self.syntax("expected a key in double quotes"));
            }
            let key = self.string()?;
            self.space();
            self.expect(b':', "expected `:` after a key")?;
            self.space();
            self.place.push_key(&key);
            let value = self.value(depth + 1)?;
            self.place.pop();
            entries.push((key, value));
            if entries.len() > MAX_ITEMS {
                return Err(self.place.too_many(entries.len()));
            }
            self.space();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Input::Object(entries));
                }
                _ => return Err(self.syntax("expected `,` or `}`")),
            }
        }
    }

    fn list(&mut self, depth: usize) -> Result<Input> {
        self.pos += 1;
        let mut items = Vec::new();
        self.space();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Input::List(items));
        }
        loop {
            self.space();
            self.place.push_index(items.len());
            let item = self.value(depth + 1)?;
            self.place.pop();
            items.push(item);
            if items.len() > MAX_ITEMS {
                return Err(self.place.too_many(items.len()));
            }
            self.space();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Input::List(items));
                }
                _ => return Err(self.syntax("expected `,` or `]`")),
            }
        }
    }

    fn hex4(&mut self) -> Result<u32> {
        let digits = self.text.get(self.pos..self.pos + 4).unwrap_or("");
        match u32::from_str_radix(digits, 16) {
            Ok(n) if digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_hexdigit()) => {
                self.pos += 4;
                Ok(n)
            }
            _ => Err(self.syntax("expected four hex digits after \\u")),
        }
    }

    fn string(&mut self) -> Result<String> {
        self.pos += 1;
        let mut out = String::new();
        loop {
            let start = self.pos;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            // `start..pos` ends before an ASCII byte (or at the end), so it is whole UTF-8.
            out.push_str(&self.text[start..self.pos]);
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let escape = self.peek();
                    self.pos += 1;
                    match escape {
                        Some(b'"') => out.push('"'),
                        Some(b'\\') => out.push('\\'),
                        Some(b'/') => out.push('/'),
                        Some(b'b') => out.push('\u{8}'),
                        Some(b'f') => out.push('\u{c}'),
                        Some(b'n') => out.push('\n'),
                        Some(b'r') => out.push('\r'),
                        Some(b't') => out.push('\t'),
                        Some(b'u') => {
                            let first = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&first) {
                                if !self.text[self.pos..].starts_with("\\u") {
                                    return Err(self.syntax("a lone UTF-16 surrogate"));
                                }
                                self.pos += 2;
                                let second = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&second) {
                                    return Err(self.syntax("a lone UTF-16 surrogate"));
                                }
                                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                            } else {
                                first
                            };
                            match char::from_u32(code) {
                                Some(c) => out.push(c),
                                None => return Err(self.syntax("a lone UTF-16 surrogate")),
                            }
                        }
                        _ => {
                            self.pos -= 1;
                            return Err(self.syntax("an unknown escape in a string"));
                        }
                    }
                }
                Some(_) => return Err(self.syntax("a control character inside a string")),
                None => return Err(self.syntax("a string that never ends")),
            }
        }
    }

    fn number(&mut self) -> Result<Input> {
        let start = self.pos;
        let digits = |r: &mut Self| {
            let from = r.pos;
            while matches!(r.peek(), Some(b'0'..=b'9')) {
                r.pos += 1;
            }
            r.pos - from
        };
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        let whole_start = self.pos;
        let whole = digits(self);
        if whole == 0 || (whole > 1 && self.text.as_bytes()[whole_start] == b'0') {
            return Err(self.syntax("a malformed number"));
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if digits(self) == 0 {
                return Err(self.syntax("a malformed number"));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if digits(self) == 0 {
                return Err(self.syntax("a malformed number"));
            }
        }
        let text = &self.text[start..self.pos];
        match text.parse::<f64>() {
            Ok(x) if x.is_finite() => Ok(Input::Number(x)),
            _ => Err(Error::answer(
                self.place.name(),
                format!("the number {text} is too large for any answer"),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_json_can_say() {
        let input = Input::from_json_text(
            r#" {"a": [1, -2.5e1, true, false, null], "b": "x\"\u00e9\ud83d\ude00", "c": {}} "#,
        )
        .unwrap();
        assert_eq!(
            input,
            Input::Object(vec![
                (
                    "a".into(),
                    Input::List(vec![
                        Input::Number(1.0),
                        Input::Number(-25.0),
                        Input::Bool(true),
                        Input::Bool(false),
                        Input::Null
                    ])
                ),
                ("b".into(), Input::Text("x\"é😀".into())),
                ("c".into(), Input::Object(vec![])),
            ])
        );
    }

    #[test]
    fn keeps_repeated_keys_for_the_checker_to_refuse() {
        let input = Input::from_json_text(r#"{"age": 200, "age": 30}"#).unwrap();
        assert!(matches!(input, Input::Object(entries) if entries.len() == 2));
    }

    #[test]
    fn refuses_what_json_does_not_allow() {
        for text in [
            "",
            "{",
            "{,}",
            "[1,]",
            "{\"a\":1,}",
            "01",
            "1.",
            "-",
            ".5",
            "1e",
            "+1",
            "NaN",
            "Infinity",
            "'a'",
            "\"\\x\"",
            "\"\\ud800\"",
            "\"a\u{1}\"",
            "{} {}",
            "tru",
            "nul",
        ] {
            let e = Input::from_json_text(text).unwrap_err();
            assert!(e.to_string().contains("not valid JSON"), "{text:?}: {e}");
        }
    }

    #[test]
    fn bounds_name_the_place_they_were_crossed() {
        let deep = format!("{}1{}", "[".repeat(40), "]".repeat(40));
        let e = Input::from_json_text(&deep).unwrap_err();
        assert!(e.to_string().contains("deeper than 32"), "{e}");
        let deep = format!(
            r#"{{"training": {}{}}}"#,
            r#"{"x": "#.repeat(40),
            "}".repeat(40)
        );
        let e = Input::from_json_text(&deep).unwrap_err();
        assert!(e.field().unwrap().starts_with("training.x.x"), "{e}");
        let long = format!(r#"{{"groups": [{}1]}}"#, "1,".repeat(300));
        let e = Input::from_json_text(&long).unwrap_err();
        assert_eq!(e.field(), Some("groups"));
        let huge = format!(r#"{{"a": "{}"}}"#, "x".repeat(MAX_SIZE));
        assert!(Input::from_json_text(&huge)
            .unwrap_err()
            .to_string()
            .contains("larger than 64 KB"));
        let e = Input::from_json_text(r#"{"age": 1e400}"#).unwrap_err();
        assert_eq!(e.field(), Some("age"));
    }

    #[test]
    fn shows_values_briefly() {
        assert_eq!(Input::Number(f64::NAN).show(), "NaN");
        assert_eq!(Input::Number(f64::NEG_INFINITY).show(), "-Infinity");
        assert_eq!(Input::Number(12.0).show(), "12");
        assert_eq!(Input::Number(2.5).show(), "2.5");
        assert_eq!(Input::Text("a\"b".into()).show(), r#""a\"b""#);
        assert!(Input::Text("x".repeat(1000)).show().chars().count() <= 41);
    }
}
