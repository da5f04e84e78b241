//! Policy packs (api.md, "Policy packs"): the national catalogue plus a place's packs answers
//! every golden case exactly as the whole catalogue does; every pack of this build reads back;
//! a pack damaged anywhere (cut short, a flipped byte, extra bytes, another format version,
//! another build's pack) is refused with the field `pack`; `packs_for` names a province's,
//! city's and county's packs in that order and nothing for a place without documents.
use subsidy_estimator::embedded::{own_pack, packs, packs_for, PACK_BYTES};
use subsidy_estimator::policy::pack;
use subsidy_estimator::{estimate, Catalog};

#[path = "common/golden_cases.rs"]
mod golden_cases;

/// The national catalogue with the packs `region` needs, read through `pack::read`.
fn with_packs(region: &str) -> Catalog {
    let mut catalog = Catalog::national().unwrap();
    for path in packs_for(region) {
        let name = path.strip_prefix("packs/").unwrap();
        let at = packs().iter().position(|(_, n)| n == name).unwrap();
        let bytes = PACK_BYTES[at];
        assert_eq!(
            own_pack(bytes).as_deref(),
            Some(name),
            "{name} is this build's"
        );
        let read = pack::read(bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        catalog = catalog.with(read.documents);
    }
    catalog
}

#[test]
fn every_golden_case_through_packs_equals_the_whole_catalogue() {
    let whole = Catalog::embedded().unwrap();
    let mut count = 0;
    let mut with_local = 0;
    for (says, answers, today) in golden_cases::answered_cases() {
        let region = answers.region().unwrap_or("000000").to_string();
        let packed = with_packs(&region);
        let expected = estimate(&whole, &answers, today).map(|e| e.to_json());
        let got = estimate(&packed, &answers, today).map(|e| e.to_json());
        assert_eq!(got, expected, "「{says}」 in {region}");
        count += 1;
        if !packs_for(&region).is_empty() {
            with_local += 1;
        }
    }
    assert!(count > 100, "{count} cases");
    assert!(with_local > 50, "{with_local} cases with a pack");
}

#[test]
fn the_module_carries_national_documents_only_and_every_other_place_has_one_pack() {
    let national = Catalog::national().unwrap();
    assert!(!national.documents().is_empty());
    assert!(national.documents().iter().all(|d| d.region == "000000"));
    let whole = Catalog::embedded().unwrap();
    let mut places: Vec<&str> = whole
        .documents()
        .iter()
        .map(|d| d.region.as_str())
        .filter(|r| *r != "000000")
        .collect();
    places.sort();
    places.dedup();
    let index = packs();
    let packed: Vec<&str> = index.iter().map(|(code, _)| code.as_str()).collect();
    assert_eq!(packed, places);
    let mut documents = national.documents().len();
    for (bytes, (code, name)) in PACK_BYTES.iter().zip(&index) {
        assert_eq!(&pack::file_name(code, bytes), name);
        let read = pack::read(bytes).unwrap();
        assert_eq!(read.region, *code);
        documents += read.documents.len();
    }
    assert_eq!(documents, whole.documents().len());
}

#[test]
fn packs_for_a_place_without_documents_a_county_a_city_and_a_province() {
    let index = packs();
    let name = |code: &str| format!("packs/{}", index.iter().find(|(c, _)| c == code).unwrap().1);
    assert_eq!(packs_for("330100"), Vec::<String>::new(), "杭州市: none");
    assert_eq!(
        packs_for("330106"),
        Vec::<String>::new(),
        "杭州市西湖区: none"
    );
    assert_eq!(packs_for("000000"), Vec::<String>::new(), "全国");
    assert_eq!(packs_for("nonsense"), Vec::<String>::new());
    assert_eq!(
        packs_for("140502"),
        [name("140000"), name("140502")],
        "晋城市城区, a county: its province's pack (山西 2025's own figure) first"
    );
    assert_eq!(
        packs_for("520300"),
        [name("520000"), name("520300")],
        "遵义市, a city: its province's pack (贵州 2025's own figure) first"
    );
    assert_eq!(
        packs_for("520302"),
        [name("520000"), name("520300")],
        "a district of 遵义市"
    );
    assert_eq!(
        packs_for("540000"),
        [name("540000")],
        "西藏自治区, a province"
    );
    assert_eq!(
        packs_for("540102"),
        [name("540000")],
        "a district of 拉萨市"
    );
    // Where a province and its city both have documents, the province's comes first.
    let province = index.iter().find(|(c, _)| c.ends_with("0000"));
    let city = index
        .iter()
        .find(|(c, _)| !c.ends_with("0000") && c.ends_with("00"));
    if let (Some(p), Some(c)) = (province, city) {
        if p.0[..2] == c.0[..2] {
            assert_eq!(packs_for(&c.0), [name(&p.0), name(&c.0)]);
        }
    }
}

fn refused(bytes: &[u8], words: &str) {
    let error = pack::read(bytes).expect_err("a damaged pack is refused");
    assert_eq!(error.field(), Some("pack"), "{error}");
    assert!(
        error.to_string().contains(words),
        "{error} (expected {words})"
    );
}

#[test]
fn a_damaged_pack_is_refused_at_every_byte_naming_the_field() {
    for bytes in PACK_BYTES {
        // Cut short at every length.
        for cut in 0..bytes.len() {
            let error = pack::read(&bytes[..cut]).expect_err("cut short");
            assert_eq!(error.field(), Some("pack"));
            assert_eq!(own_pack(&bytes[..cut]), None);
        }
        // A byte changed at every position: refused by the header or the hash, and never one
        // of this build's packs. (FNV-1a sees any one changed byte: each step, an xor and a
        // multiplication by an odd number, is one-to-one, so one way of changing it is enough.)
        let mut copy = bytes.to_vec();
        for at in 0..copy.len() {
            copy[at] ^= 0xff;
            let error = pack::read(&copy).expect_err("a changed byte");
            assert_eq!(error.field(), Some("pack"), "at {at}: {error}");
            assert_eq!(own_pack(&copy), None, "at {at}");
            copy[at] ^= 0xff;
        }
        // Extra bytes at the end.
        let mut longer = bytes.to_vec();
        longer.push(0);
        refused(&longer, "damaged");
        assert_eq!(own_pack(&longer), None);
        // Another format version, its hash still right: the one before (no `office_cite`)
        // and the one after.
        for version in [pack::FORMAT - 1, pack::FORMAT + 1] {
            let mut other = bytes.to_vec();
            other[4] = version;
            refused(&other, "format version");
        }
    }
}

#[test]
fn another_builds_pack_reads_but_is_not_this_builds() {
    // A pack built from other documents (another build) is well-formed, so `read` accepts it;
    // the door refuses it because its name is none of this build's (`own_pack`).
    let whole = Catalog::embedded().unwrap();
    let mut doc = whole
        .documents()
        .iter()
        .find(|d| d.region == "140502")
        .unwrap()
        .clone();
    doc.title.push_str("（另一版）");
    let foreign = pack::write("140502", vec![doc]);
    assert!(pack::read(&foreign).is_ok());
    assert_eq!(own_pack(&foreign), None);
    // A pack that claims a place its documents are not of.
    let doc = whole
        .documents()
        .iter()
        .find(|d| d.region == "140502")
        .unwrap()
        .clone();
    let mut lying = pack::write("140502", vec![doc]);
    lying[5..11].copy_from_slice(b"140503");
    refused(&lying, "holds a document of 140502");
}
