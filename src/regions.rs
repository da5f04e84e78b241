//! Where a worker lives, by GB/T 2260 code, and which documents reach them: a national
//! document (`000000`) applies everywhere, a province's (`540000`) to every code under it,
//! a city's (`520300`) to its districts and counties.
use serde::Serialize;

/// The code policy files use for documents of the central government.
pub const NATIONAL: &str = "000000";

#[derive(Debug, Clone, Copy, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Region {
    pub code: &'static str,
    pub name: &'static str,
}

const fn r(code: &'static str, name: &'static str) -> Region {
    Region { code, name }
}

/// Every province-level division (GB/T 2260).
pub const PROVINCES: &[Region] = &[
    r("110000", "北京市"),
    r("120000", "天津市"),
    r("130000", "河北省"),
    r("140000", "山西省"),
    r("150000", "内蒙古自治区"),
    r("210000", "辽宁省"),
    r("220000", "吉林省"),
    r("230000", "黑龙江省"),
    r("310000", "上海市"),
    r("320000", "江苏省"),
    r("330000", "浙江省"),
    r("340000", "安徽省"),
    r("350000", "福建省"),
    r("360000", "江西省"),
    r("370000", "山东省"),
    r("410000", "河南省"),
    r("420000", "湖北省"),
    r("430000", "湖南省"),
    r("440000", "广东省"),
    r("450000", "广西壮族自治区"),
    r("460000", "海南省"),
    r("500000", "重庆市"),
    r("510000", "四川省"),
    r("520000", "贵州省"),
    r("530000", "云南省"),
    r("540000", "西藏自治区"),
    r("610000", "陕西省"),
    r("620000", "甘肃省"),
    r("630000", "青海省"),
    r("640000", "宁夏回族自治区"),
    r("650000", "新疆维吾尔自治区"),
    r("710000", "台湾省"),
    r("810000", "香港特别行政区"),
    r("820000", "澳门特别行政区"),
];

/// Cities and districts named in the picker: those of the provinces our documents cover.
/// Any other well-formed code under a known province is accepted too; it is named by its
/// province and code.
pub const PLACES: &[Region] = &[
    // 山西省
    r("140100", "太原市"),
    r("140200", "大同市"),
    r("140300", "阳泉市"),
    r("140400", "长治市"),
    r("140500", "晋城市"),
    r("140600", "朔州市"),
    r("140700", "晋中市"),
    r("140800", "运城市"),
    r("140900", "忻州市"),
    r("141000", "临汾市"),
    r("141100", "吕梁市"),
    r("140502", "城区"),
    r("140521", "沁水县"),
    r("140522", "阳城县"),
    r("140524", "陵川县"),
    r("140525", "泽州县"),
    r("140581", "高平市"),
    // 贵州省
    r("520100", "贵阳市"),
    r("520200", "六盘水市"),
    r("520300", "遵义市"),
    r("520400", "安顺市"),
    r("520500", "毕节市"),
    r("520600", "铜仁市"),
    r("522300", "黔西南布依族苗族自治州"),
    r("522600", "黔东南苗族侗族自治州"),
    r("522700", "黔南布依族苗族自治州"),
    r("520302", "红花岗区"),
    r("520303", "汇川区"),
    r("520304", "播州区"),
    r("520322", "桐梓县"),
    r("520323", "绥阳县"),
    r("520324", "正安县"),
    r("520325", "道真仡佬族苗族自治县"),
    r("520326", "务川仡佬族苗族自治县"),
    r("520327", "凤冈县"),
    r("520328", "湄潭县"),
    r("520329", "余庆县"),
    r("520330", "习水县"),
    r("520381", "赤水市"),
    r("520382", "仁怀市"),
    // 西藏自治区
    r("540100", "拉萨市"),
    r("540200", "日喀则市"),
    r("540300", "昌都市"),
    r("540400", "林芝市"),
    r("540500", "山南市"),
    r("540600", "那曲市"),
    r("542500", "阿里地区"),
    // 广西壮族自治区
    r("450100", "南宁市"),
    r("450200", "柳州市"),
    r("450300", "桂林市"),
    r("450400", "梧州市"),
    r("450500", "北海市"),
    r("450600", "防城港市"),
    r("450700", "钦州市"),
    r("450800", "贵港市"),
    r("450900", "玉林市"),
    r("451000", "百色市"),
    r("451100", "贺州市"),
    r("451200", "河池市"),
    r("451300", "来宾市"),
    r("451400", "崇左市"),
];

/// The province a code lies in, if the first two digits name one.
pub fn province_of(code: &str) -> Option<&'static Region> {
    let prefix = code.get(..2)?;
    PROVINCES.iter().find(|p| p.code.starts_with(prefix))
}

fn city_code(code: &str) -> Option<String> {
    code.get(..4).map(|p| format!("{p}00"))
}

/// Does a document issued for `document_region` reach a worker in `worker_region`?
pub fn reaches(document_region: &str, worker_region: &str) -> bool {
    if document_region == NATIONAL {
        return true;
    }
    // A province's code ends in 0000 and reaches every code that starts like it; a city's in
    // 00. (Counted byte by byte: no string search.)
    let zeros = document_region
        .bytes()
        .rev()
        .take_while(|b| *b == b'0')
        .count();
    let cut = match zeros {
        4.. => 4,
        2.. => 2,
        _ => return document_region == worker_region,
    };
    worker_region.starts_with(&document_region[..document_region.len() - cut])
}

fn place(code: &str) -> Option<&'static Region> {
    PLACES.iter().find(|p| p.code == code)
}

/// "山西省晋城市城区", "西藏自治区拉萨市", "全国"; codes we have no name for keep their code.
pub fn full_name(code: &str) -> String {
    if code == NATIONAL {
        return "全国".into();
    }
    let Some(province) = province_of(code) else {
        return code.to_string();
    };
    let mut name = province.name.to_string();
    if code == province.code {
        return name;
    }
    let city = city_code(code).unwrap_or_default();
    if city != province.code {
        match place(&city) {
            Some(p) => name.push_str(p.name),
            None => return format!("{name}（地区代码{code}）"),
        }
    }
    if code != city {
        match place(code) {
            Some(p) => name.push_str(p.name),
            None => name.push_str(&format!("（地区代码{code}）")),
        }
    }
    name
}

/// The picker's tree: each province with its named cities, each city with its named
/// districts.
#[derive(Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct PickerProvince {
    pub code: &'static str,
    pub name: &'static str,
    pub cities: Vec<PickerCity>,
}

#[derive(Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct PickerCity {
    pub code: &'static str,
    pub name: &'static str,
    pub districts: Vec<Region>,
}

pub fn picker() -> Vec<PickerProvince> {
    PROVINCES
        .iter()
        .map(|p| PickerProvince {
            code: p.code,
            name: p.name,
            cities: PLACES
                .iter()
                .filter(|c| c.code.starts_with(&p.code[..2]) && c.code.ends_with("00"))
                .map(|c| PickerCity {
                    code: c.code,
                    name: c.name,
                    districts: PLACES
                        .iter()
                        .filter(|d| d.code.starts_with(&c.code[..4]) && !d.code.ends_with("00"))
                        .copied()
                        .collect(),
                })
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_reach_down_the_hierarchy_and_not_sideways() {
        assert!(reaches("000000", "450100"));
        assert!(reaches("540000", "540100"));
        assert!(reaches("540000", "542500"));
        assert!(reaches("520300", "520302"));
        assert!(reaches("140502", "140502"));
        assert!(
            !reaches("140502", "140500"),
            "a district's document does not reach the whole city"
        );
        assert!(!reaches("520300", "520100"));
        assert!(!reaches("540000", "450100"));
    }

    #[test]
    fn names_read_from_province_down() {
        assert_eq!(full_name("140502"), "山西省晋城市城区");
        assert_eq!(full_name("540100"), "西藏自治区拉萨市");
        assert_eq!(full_name("450000"), "广西壮族自治区");
        assert_eq!(full_name("000000"), "全国");
        assert_eq!(full_name("330100"), "浙江省（地区代码330100）");
    }

    #[test]
    fn every_named_place_lies_in_a_province() {
        for p in PLACES {
            assert!(province_of(p.code).is_some(), "{} {}", p.code, p.name);
        }
    }
}
