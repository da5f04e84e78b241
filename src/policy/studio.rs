//! The studio's checks (api.md, "The studio"): one policy file as a clerk types it, checked by
//! the same loader and checks as `subsidy check` and the build, against the documents the module
//! already carries (the national ones: an id used twice, an `amends` naming a document that does
//! not exist), and compiled into the pack `subsidy packs` would write for it.
use super::*;

/// Where the file would live (`policies/<region>/<id>.toml`), read from its `[document]` table,
/// so the loader's check of a file's place does not fault a pasted text; `policies/studio.toml`
/// when the table cannot be read (the loader then says why).
fn path_of(text: &str) -> String {
    let head = toml::from_str::<toml::Table>(text).ok().and_then(|t| {
        let doc = t.get("document")?.as_table()?;
        Some((
            doc.get("region")?.as_str()?.to_string(),
            doc.get("id")?.as_str()?.to_string(),
        ))
    });
    match head {
        Some((region, id)) => format!("policies/{region}/{id}.toml"),
        None => "policies/studio.toml".to_string(),
    }
}

/// Checks one policy file beside `known` (documents already in the catalogue): every problem as
/// an `Error::Policy` of this file, or the document.
pub fn check(text: &str, known: &[Document]) -> std::result::Result<Document, Vec<Error>> {
    let path = path_of(text);
    let doc = load::document(&path, text)?;
    let mut errors = checks::document(&doc);
    let mut all: Vec<Document> = known.iter().filter(|d| d.path != path).cloned().collect();
    all.push(doc.clone());
    errors.extend(
        load::across_documents(&all)
            .into_iter()
            .filter(|e| matches!(e, Error::Policy { path: p, .. } if *p == path)),
    );
    if doc.region == crate::regions::NATIONAL {
        errors.push(Error::policy(
            &path,
            1,
            "a national document (region 000000) is built into the module, not a pack: a deployment cannot add it",
        ));
    }
    if errors.is_empty() {
        Ok(doc)
    } else {
        errors.sort_by_key(|e| match e {
            Error::Policy { line, .. } => *line,
            Error::Answer { .. } => 0,
        });
        Err(errors)
    }
}

/// The pack of one checked policy file (`pack::write`, as `subsidy packs` writes a place's).
pub fn compile(text: &str, known: &[Document]) -> std::result::Result<Vec<u8>, Vec<Error>> {
    let doc = check(text, known)?;
    let region = doc.region.clone();
    Ok(pack::write(&region, vec![doc]))
}

#[cfg(test)]
mod tests {
    use super::*;

    const JC: &str = include_str!("../../policies/140502/czf-2020-12.toml");

    #[test]
    fn a_real_file_compiles_to_the_pack_the_build_writes() {
        let national = Catalog::national().unwrap();
        let bytes = compile(JC, &national.documents).unwrap();
        let read = pack::read(&bytes).unwrap();
        assert_eq!(read.region, "140502");
        assert_eq!(read.documents.len(), 1);
        assert_eq!(read.documents[0].id, "czf-2020-12");
        // 晋城市城区 has this one document: the build's pack for it is the same bytes.
        let (_, packs) = pack::split(&Catalog::embedded().unwrap());
        let built = packs.iter().find(|(code, _)| code == "140502").unwrap();
        assert_eq!(built.1, bytes);
    }

    #[test]
    fn a_broken_file_names_its_line() {
        let broken = JC.replacen("yuan = 1500", "yuan = -1500", 1);
        assert_ne!(broken, JC);
        let errors = check(&broken, &[]).unwrap_err();
        // The row itself is named (the checker gives each table row its own line).
        let line = broken
            .lines()
            .position(|l| l.contains("yuan = -1500"))
            .unwrap()
            + 1;
        assert!(
            errors
                .iter()
                .any(|e| matches!(e, Error::Policy { line: l, .. } if *l == line)),
            "{errors:?}"
        );
        let errors = check("[document\nid = 1", &[]).unwrap_err();
        assert!(
            matches!(&errors[0], Error::Policy { line: 1, .. }),
            "{errors:?}"
        );
    }

    #[test]
    fn a_national_file_and_an_id_in_use_are_refused() {
        let national = Catalog::national().unwrap();
        let taken = &national.documents[0];
        let clash = JC.replacen("id = \"czf-2020-12\"", &format!("id = {:?}", taken.id), 1);
        let errors = check(&clash, &national.documents).unwrap_err();
        assert!(
            errors
                .iter()
                .any(|e| e.to_string().contains("also used by")),
            "{errors:?}"
        );
        let national_file = JC.replacen("region = \"140502\"", "region = \"000000\"", 1);
        let errors = check(&national_file, &[]).unwrap_err();
        assert!(
            errors
                .iter()
                .any(|e| e.to_string().contains("national document")),
            "{errors:?}"
        );
    }
}
