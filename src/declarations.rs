//! The contract's types for TypeScript, `docs/contract.d.ts`, written from the Rust types so
//! they are declared once: the outputs (`Estimate`, `Questions`, …) by ts-rs from the structs
//! that serialise them (a dev-dependency: its derives exist only under `cfg(test)`, so the
//! module carries none of it), and `Answers` from the fact table (`facts::FACTS`), which is
//! what the answers are checked against. The test below writes the file afresh and fails
//! when it was out of date. The wasm door (`src/wasm/mod.rs`) puts the same text into the
//! package's `subsidy_estimator.d.ts` and names these types for its methods.

#[cfg(test)]
mod tests {
    use crate::estimate::NextStep;
    use crate::estimate::{
        BenefitResult, Criterion, DocumentResult, Estimate, Source, Status, Totals,
    };
    use crate::facts::{self, FactType};
    use crate::policy::{BenefitKind, Payee, SourceGrade};
    use crate::questions::{
        Answered, DateWords, OptionValue, Question, QuestionOption, Questions, Theme,
    };
    use crate::regions::{PickerCity, PickerProvince, Region};
    use std::collections::BTreeMap;
    use ts_rs::{Config, TS};

    const HEADER: &str =
        "// The public contract's types (docs/api.md), written by `cargo test` from the Rust types
// (src/declarations.rs): do not edit by hand. Money is a decimal string in yuan; a day is a
// string `YYYY-MM-DD`.
";

    /// `Answers`: every fact of `facts::FACTS`, each optional (absent or `null`: unknown); a
    /// dotted name is a key of its object (`certificate.kind` → `certificate: { kind }`).
    fn answers() -> String {
        let mut top: BTreeMap<&str, String> = BTreeMap::new();
        let mut nested: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        for fact in facts::FACTS {
            let literal = |choices: &[facts::Choice]| {
                let values: Vec<String> =
                    choices.iter().map(|c| format!("\"{}\"", c.value)).collect();
                values.join(" | ")
            };
            let ty = match fact.kind {
                FactType::Count { .. } => "number".to_string(),
                FactType::YesNo => "boolean".to_string(),
                FactType::OneOf(choices) => literal(choices),
                FactType::Groups => format!("Array<{}>", literal(facts::GROUPS)),
                FactType::Day | FactType::RegionCode => "string".to_string(),
            };
            let line = |key: &str| format!("/** {} */ {key}?: {ty} | null", fact.label);
            match fact.name.split_once('.') {
                Some((object, key)) => nested.entry(object).or_default().push(line(key)),
                None => {
                    top.insert(fact.name, line(fact.name));
                }
            }
        }
        for (object, keys) in nested {
            let inner = keys.join(";\n    ");
            top.insert(object, format!("{object}?: {{\n    {inner};\n  }} | null"));
        }
        let keys: Vec<String> = top.into_values().collect();
        format!(
            "/** What a worker tells the estimator (api.md, \"Answers\"): every key optional. */\nexport type Answers = {{\n  {};\n}};\n",
            keys.join(";\n  ")
        )
    }

    /// The declaration of `T`, under `what` where the Rust type's own comment speaks of Rust.
    fn decl<T: TS + ?Sized>(cfg: &Config, what: Option<&str>) -> String {
        let docs = match what {
            Some(what) => format!("/** {what} */\n"),
            None => T::docs().unwrap_or_default(),
        };
        format!("{docs}export {}\n", one_field_a_line(&T::decl(cfg)))
    }

    /// ts-rs writes an object type on few lines (`type T = { a: string, \n/** … */\nb: …, };`),
    /// which wasm-bindgen's indenting of the package's `.d.ts` then drifts on: one field a
    /// line, each under its comment, closed by `};` on a line of its own.
    fn one_field_a_line(decl: &str) -> String {
        let (Some(open), Some(body)) = (decl.find("= { "), decl.strip_suffix(" };")) else {
            return decl.to_string();
        };
        let body = &body[open + 4..];
        let (mut fields, mut field) = (Vec::new(), String::new());
        let (mut in_comment, mut depth) = (false, 0);
        let mut chars = body.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '/' if !in_comment && chars.peek() == Some(&'*') => in_comment = true,
                '*' if in_comment && chars.peek() == Some(&'/') => {
                    field.push(c);
                    field.push(chars.next().unwrap());
                    in_comment = false;
                    continue;
                }
                '<' | '{' | '(' if !in_comment => depth += 1,
                '>' | '}' | ')' if !in_comment => depth -= 1,
                ',' if !in_comment && depth == 0 => {
                    fields.push(std::mem::take(&mut field));
                    continue;
                }
                _ => {}
            }
            field.push(c);
        }
        assert!(
            field.trim().is_empty(),
            "a field after the last comma: {decl}"
        );
        let mut out = format!("{}= {{\n", &decl[..open]);
        for field in fields {
            for line in field.trim().lines() {
                let line = line.trim();
                let indent = if line.starts_with('*') { "   " } else { "  " };
                out += &format!("{indent}{line}\n");
            }
            out.truncate(out.len() - 1);
            out += ";\n";
        }
        out + "};"
    }

    fn declarations() -> String {
        let cfg = Config::new().with_large_int("number");
        let mut out = vec![HEADER.to_string(), answers()];
        out.extend([
            decl::<Estimate>(
                &cfg,
                Some("What `est.estimate(answers)` returns: the JSON `subsidy estimate` prints (api.md, \"Estimate\")."),
            ),
            decl::<BenefitResult>(&cfg, Some("One benefit of one document that reaches the region, whatever its status.")),
            decl::<Criterion>(&cfg, Some("One condition of a benefit, as the worker reads it under \"why\" and \"why not\".")),
            decl::<Source>(&cfg, Some("The document and clause a line rests on.")),
            decl::<NextStep>(&cfg, Some("Where to apply, the phone line, what to bring and by when.")),
            decl::<Totals>(&cfg, None),
            decl::<DocumentResult>(&cfg, Some("A document that reaches the region, and whether it covers `date`.")),
            decl::<Status>(&cfg, None),
            decl::<BenefitKind>(&cfg, None),
            decl::<Payee>(&cfg, None),
            decl::<SourceGrade>(&cfg, Some("How far the copy of a text that was encoded can be trusted.")),
            decl::<Questions>(&cfg, Some("What `est.questions(answers)` returns: what to ask next, and what has been answered.")),
            decl::<Question>(&cfg, Some("One question, in plain words, for the fact it fills.")),
            decl::<Theme>(&cfg, Some("A part of a long list of options, with its heading.")),
            decl::<DateWords>(&cfg, Some("The date screen's words beyond its title, hint and two cases.")),
            decl::<QuestionOption>(&cfg, None),
            decl::<OptionValue>(&cfg, Some("An option's answer: `true`/`false`, or a choice's id.")),
            decl::<Answered>(&cfg, None),
            decl::<PickerProvince>(&cfg, Some("What `est.regions()` returns: each province with its named cities, each city with its named districts.")),
            decl::<PickerCity>(&cfg, None),
            decl::<Region>(&cfg, None),
        ]);
        out.push(
            "/** What the module throws for bad input (api.md, \"Errors thrown to JavaScript\"): the
 * dotted fact name at fault (`\"training.days\"`, `\"groups[2]\"`, `\"pack\"`), or null. */
export interface EstimatorError extends Error {
  field: string | null;
}
"
            .to_string(),
        );
        out.join("\n")
    }

    #[test]
    fn docs_contract_d_ts_is_written_from_the_rust_types() {
        let want = declarations();
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/contract.d.ts");
        let have = std::fs::read_to_string(path).unwrap_or_default();
        if have != want {
            std::fs::create_dir_all(concat!(env!("CARGO_MANIFEST_DIR"), "/docs")).unwrap();
            std::fs::write(path, &want).unwrap();
            panic!("docs/contract.d.ts was out of date with the Rust types: it has been written afresh; review it and commit it");
        }
    }
}
