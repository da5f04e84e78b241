//! The facts a worker can tell us, by their dotted names (`training.days`): their types,
//! their allowed values and the plain-Chinese label of each value. Policy files may only
//! name facts and values listed here; `subsidy check` enforces it.

/// What kind of value a fact holds, and what is allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FactType {
    /// A whole number within `min..=max`, counted in `unit`.
    Count {
        min: i64,
        max: i64,
        unit: &'static str,
    },
    YesNo,
    /// One of the listed values.
    OneOf(&'static [Choice]),
    /// Any number of the key groups (`groups`).
    Groups,
    /// `YYYY-MM-DD`.
    Day,
    /// A six-digit GB/T 2260 code.
    RegionCode,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choice {
    pub value: &'static str,
    pub label: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fact {
    pub name: &'static str,
    /// How the fact is named in a sentence: "失业保险缴费月数".
    pub label: &'static str,
    pub kind: FactType,
}

const fn c(value: &'static str, label: &'static str) -> Choice {
    Choice { value, label }
}

pub const GROUPS: &[Choice] = &[
    c("poor_labor", "贫困劳动力（建档立卡贫困劳动力、脱贫人口）"),
    c("poor_family_child", "贫困家庭子女"),
    c("graduating_student", "毕业年度高校毕业生"),
    c("unemployed_graduate", "离校未就业高校毕业生"),
    c("college_student", "在校大学生"),
    c("two_after", "“两后生”（城乡未继续升学的初高中毕业生）"),
    c("rural_migrant", "农村转移就业劳动者"),
    c("laid_off", "下岗失业人员"),
    c("registered_unemployed", "城镇登记失业人员"),
    c("job_transfer", "转岗转业职工"),
    c("veteran", "退役军人"),
    c("retiring_soldier", "即将退役军人"),
    c("military_spouse", "随军家属"),
    c("employment_difficulty", "就业困难人员"),
    c("zero_employment_family", "零就业家庭成员"),
    c("urban_low_income", "城市低保家庭成员"),
    c("rural_low_income", "农村（农牧区）低保家庭成员"),
    c("disabled", "残疾人"),
    c("relocated", "易地扶贫搬迁、易地安置群众"),
    c("flexible_worker", "灵活就业人员"),
    c("struggling_enterprise_employee", "困难企业职工"),
    c(
        "inmate_or_released",
        "服刑人员、强制隔离戒毒人员、刑满释放人员",
    ),
    c(
        "new_farmer",
        "新型农（牧）业经营主体带头人、青年农（牧）场主等",
    ),
];

pub const EMPLOYMENT: &[Choice] = &[
    c("enterprise_employee", "企业职工"),
    c("unemployed", "失业、没有工作"),
    c("self_employed", "个体经营、自己创业"),
    c("flexible", "灵活就业（打零工、平台接单等）"),
    c("student", "在校学生"),
    // Farmers and herders (务农、放牧) are none of the above: no document tests for them by
    // name, and every `employment` condition lists the values it accepts (`in`/`not_in`), so
    // they read as "not an enterprise employee", "not a student".
    c("farmer_herder", "务农、放牧（种地、养殖、放牧）"),
    c("other", "其他"),
];

pub const HUKOU: &[Choice] = &[c("rural", "农村户口"), c("urban", "城镇户口")];

pub const CERTIFICATE_KINDS: &[Choice] = &[
    c("qualification", "职业资格证书"),
    c("skill_level", "职业技能等级证书"),
    c("special_ability", "专项职业能力证书"),
    c("special_operation", "特种作业操作证"),
    c("special_equipment", "特种设备作业人员证"),
    c("training_completion", "培训合格证"),
    c("none", "没有证书，也不打算考"),
];

/// What school a student attends (`school_kind`): the texts name 高等院校、职业院校 and
/// 技工院校, and a 职业院校 includes a 技工院校 (遵府发〔2020〕5号 三(一) "职业院校(含技工院校)").
pub const SCHOOL_KINDS: &[Choice] = &[
    c("university", "大学、大专（高等院校）"),
    c("vocational", "职业院校（中专、职业高中、高职）"),
    c("technical", "技工院校（技工学校、技师学院）"),
    c("general", "普通初中、高中"),
    c("other", "其他学校"),
    c("none", "没有在上学"),
];

/// The trade of a labour brand (`labour_brand_trade`): 桂人社发〔2021〕43号 三(二)8 names the
/// “八桂系列” brands 八桂家政、八桂建工、八桂米粉师傅 "等".
pub const LABOUR_BRAND_TRADES: &[Choice] = &[
    c(
        "bagui_housekeeping",
        "八桂家政（保洁、保姆、月嫂、育婴、养老护理等家政服务）",
    ),
    c("bagui_construction", "八桂建工（建筑工地上的各种工种）"),
    c("bagui_rice_noodle", "八桂米粉师傅（做米粉、卖米粉）"),
    c("other_bagui_brand", "其他“八桂系列”劳务品牌的工作"),
    c("none", "都不是"),
];

pub const CERTIFICATE_LEVELS: &[Choice] = &[
    c("junior", "初级工（五级）"),
    c("intermediate", "中级工（四级）"),
    c("senior", "高级工（三级）"),
    c("technician", "技师（二级）"),
    c("senior_technician", "高级技师（一级）"),
];

pub const TRAINING_KINDS: &[Choice] = &[
    c("inclusive", "普惠制职业技能培训"),
    c("employment_oriented", "订单式、菜单式、项目制就业培训"),
    c("labor_preparation", "劳动预备制培训"),
    // 遵府发〔2020〕5号 二(二) names its kinds of training in the words of the national system
    // (国发〔2018〕11号): 劳动预备培训、就业技能培训、职业技能提升培训. 晋城's 普惠制 and 订单式
    // trainings are that city's own forms, so these two are values of their own.
    c("employment_skills", "就业技能培训（学一门技术去找工作）"),
    c("skill_upgrade", "职业技能提升培训（已有技术，再学提高）"),
    c("entrepreneurship", "创业培训"),
    c("entrepreneurship_awareness", "创业意识培训"),
    c("start_business", "创办企业培训"),
    c(
        "enterprise_employee",
        "岗位技能提升培训（单位组织的在岗培训）",
    ),
    c("apprenticeship", "企业新型学徒制"),
    c("work_for_training", "以工代训"),
    c(
        "craft_apprenticeship",
        "民族特色手工艺“以师带徒”培训（如唐卡、藏香、传统雕刻）",
    ),
    c("none", "不参加培训"),
];

const fn count(min: i64, max: i64, unit: &'static str) -> FactType {
    FactType::Count { min, max, unit }
}

const fn f(name: &'static str, label: &'static str, kind: FactType) -> Fact {
    Fact { name, label, kind }
}

/// Every fact, in the order a conversation would naturally ask them.
pub const FACTS: &[Fact] = &[
    f("region", "所在地区", FactType::RegionCode),
    f("date", "测算日期", FactType::Day),
    f("age", "年龄", count(0, 120, "岁")),
    f("hukou", "户口", FactType::OneOf(HUKOU)),
    f("groups", "所属人群", FactType::Groups),
    f("employment", "就业状态", FactType::OneOf(EMPLOYMENT)),
    f("school_kind", "就读的学校", FactType::OneOf(SCHOOL_KINDS)),
    f("school_full_time", "是否全日制就读", FactType::YesNo),
    f(
        "technical_school_intent",
        "是否想到技工院校读书",
        FactType::YesNo,
    ),
    f(
        "employer_insured_enterprise",
        "吸纳您就业的单位是否为参保企业",
        FactType::YesNo,
    ),
    f(
        "employer_self_rating",
        "所在企业是否已自主开展职业技能等级认定",
        FactType::YesNo,
    ),
    f(
        "labour_brand_trade",
        "从事的劳务品牌工作",
        FactType::OneOf(LABOUR_BRAND_TRADES),
    ),
    f(
        "unemployment_insurance_months",
        "失业保险累计缴费月数",
        count(0, 600, "个月"),
    ),
    f(
        "receiving_unemployment_benefit",
        "是否正在领取失业保险金",
        FactType::YesNo,
    ),
    f(
        "certificate.kind",
        "证书种类",
        FactType::OneOf(CERTIFICATE_KINDS),
    ),
    f(
        "certificate.level",
        "证书等级",
        FactType::OneOf(CERTIFICATE_LEVELS),
    ),
    f("certificate.first_time", "是否初次取证", FactType::YesNo),
    f(
        "certificate.via_organiser",
        "是否由单位或培训机构组织免费参加评价取证",
        FactType::YesNo,
    ),
    f(
        "certificate.via_job_training",
        "是否通过岗位技能提升培训取证",
        FactType::YesNo,
    ),
    f("certificate.issued", "证书核发日期", FactType::Day),
    f(
        "certificate.claimed_before",
        "是否已就同一职业同等或更高等级领过技能提升补贴",
        FactType::YesNo,
    ),
    f(
        "certificate.shortage_occupation",
        "证书职业是否在本省急需紧缺职业（工种）目录内",
        FactType::YesNo,
    ),
    f(
        "certificate.matches_trade",
        "证书职业与所在企业行业一致，或属数字、绿色职业（证岗相适）",
        FactType::YesNo,
    ),
    f(
        "certificate.training_subsidy_received",
        "这本证书是否已享受过职业培训补贴",
        FactType::YesNo,
    ),
    f(
        "years_at_level",
        "取得该等级后从事技术工作的年数",
        count(0, 80, "年"),
    ),
    f(
        "works_in_farming",
        "是否在农村从事种植、养殖或放牧（农牧民）",
        FactType::YesNo,
    ),
    f(
        "years_since_senior",
        "取得高级工（三级）以来从事技术工作的年数",
        count(0, 80, "年"),
    ),
    f(
        "years_since_technician",
        "取得技师（二级）以来从事技术工作的年数",
        count(0, 80, "年"),
    ),
    f("training.kind", "培训类型", FactType::OneOf(TRAINING_KINDS)),
    f("training.days", "培训天数", count(0, 3650, "天")),
    f("training.months", "培训月数", count(0, 120, "个月")),
    f(
        "training.employment_rate_80",
        "培训后就业率是否达到80%",
        FactType::YesNo,
    ),
    f(
        "training.in_subsidy_scope",
        "培训是否属于政府职业技能培训补贴范围",
        FactType::YesNo,
    ),
    f("entrepreneurial_intent", "是否有创业愿望", FactType::YesNo),
    f(
        "subsidized_trainings_this_year",
        "今年已享受的补贴性培训次数",
        count(0, 100, "次"),
    ),
    f(
        "skill_upgrade_claims_this_year",
        "今年已领取技能提升补贴的次数",
        count(0, 12, "次"),
    ),
    f(
        "same_occupation_level_this_year",
        "今年是否已就同一职业同一等级享受过补贴",
        FactType::YesNo,
    ),
];

/// The fact with this dotted name, if there is one.
pub fn fact(name: &str) -> Option<&'static Fact> {
    position(name).map(|i| &FACTS[i])
}

/// Where `name` sits in [`FACTS`], by its words: among the facts of its length (one or two
/// for most lengths, listed once), the one whose name it is.
/// The engine reads a rule's facts by the place its `FactName` carries, not by this.
pub fn position(name: &str) -> Option<usize> {
    static BY_LENGTH: std::sync::OnceLock<Vec<Vec<u8>>> = std::sync::OnceLock::new();
    let by_length = BY_LENGTH.get_or_init(|| {
        let longest = FACTS.iter().map(|f| f.name.len()).max().unwrap_or(0);
        let mut by_length = vec![Vec::new(); longest + 1];
        for (i, f) in FACTS.iter().enumerate() {
            by_length[f.name.len()].push(i as u8);
        }
        by_length
    });
    by_length
        .get(name.len())?
        .iter()
        .map(|&i| usize::from(i))
        .find(|&i| FACTS[i].name == name)
}

/// Where `name` sits in [`FACTS`], worked out when the crate is compiled: for a fact the code
/// names itself (`policy::FactName::registered`). A name that is no fact fails the build.
pub const fn registered(name: &str) -> usize {
    let mut i = 0;
    while i < FACTS.len() {
        let (a, b) = (FACTS[i].name.as_bytes(), name.as_bytes());
        let mut same = a.len() == b.len();
        let mut k = 0;
        while same && k < a.len() {
            same = a[k] == b[k];
            k += 1;
        }
        if same {
            return i;
        }
        i += 1;
    }
    panic!("no such fact in the registry")
}
const _: () = assert!(
    FACTS.len() < u8::MAX as usize,
    "a fact's place no longer fits a u8"
);

/// The Chinese label of `value` for fact `name` ("enterprise_employee" → "企业职工").
pub fn value_label(name: &str, value: &str) -> Option<&'static str> {
    let choices = match fact(name)?.kind {
        FactType::OneOf(choices) => choices,
        FactType::Groups => GROUPS,
        _ => return None,
    };
    choices.iter().find(|c| c.value == value).map(|c| c.label)
}

/// Position in [`FACTS`]: the tie-breaker when two questions are equally useful.
pub fn order(name: &str) -> usize {
    position(name).unwrap_or(usize::MAX)
}

#[cfg(test)]
mod position_tests {
    use super::*;

    #[test]
    fn a_fact_is_found_by_its_words_never_by_a_prefix() {
        for (i, f) in FACTS.iter().enumerate() {
            assert_eq!(position(f.name), Some(i));
            let copy = String::from(f.name);
            assert_eq!(position(copy.as_str()), Some(i));
            assert_eq!(registered(&copy), i);
        }
        let kind = fact("certificate.kind").unwrap().name;
        assert_eq!(position(&kind[..11]), None, "\"certificate\" is no fact");
        assert_eq!(position("nope"), None);
        assert_eq!(position(""), None);
    }
}
