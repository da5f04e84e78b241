//! What the page asks, in plain words: one question per fact, its hint, its options. The
//! order comes from the estimate's `next_questions`, so a worker is only asked what could
//! still change their result.
use crate::answers::{Answers, Value};
use crate::error::Result;
use crate::estimate::Estimate;
use crate::estimate::Status;
use crate::facts::{self, FactType};
use crate::policy::{Catalog, FactRule, Test};
use crate::regions;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Question {
    /// The dotted answer key this question fills (`training.days`).
    pub fact: &'static str,
    /// The question, used as the screen's heading.
    pub title: &'static str,
    /// Plain-language help: what the words mean, where to find the number.
    pub hint: &'static str,
    /// `choice` (pick one), `multi` (pick any, or none), `number`, `date`, `region`.
    pub input: &'static str,
    pub options: Vec<QuestionOption>,
    pub min: Option<i64>,
    pub max: Option<i64>,
    pub unit: Option<&'static str>,
    /// The label of the honest "I don't know" answer; `None` where it is not offered.
    pub unknown_label: Option<&'static str>,
    /// Where the options carry a `theme`: the themes in the order a long list is shown, each
    /// with its title (the groups question: 工作和学习情况, then 家庭和其他情况); else `[]`.
    pub themes: &'static [Theme],
    /// The estimate's own date (`date`) only: the words of its month step and of what the
    /// screen says when an answer cannot be taken (`DATE_WORDS`); `null` for every other.
    pub date_words: Option<DateWords>,
}

/// The date screen's words beyond its title, hint and two cases (`WHEN`).
#[derive(Debug, Clone, Copy, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct DateWords {
    /// Shown above the year and month once the `past` case is chosen.
    pub month_prompt: &'static str,
    /// Neither case chosen.
    pub choose_case: &'static str,
    /// The `past` case chosen, its year or month not.
    pub choose_month: &'static str,
    /// The `past` case with a month after today's: it names the `planned` case.
    pub month_ahead: &'static str,
}

/// A part of a long list of options, which the page may show on a screen of its own.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Theme {
    /// What an option's `theme` says.
    pub id: &'static str,
    /// The part's heading.
    pub title: &'static str,
}

/// The groups question's themes, in the order they are shown.
pub const GROUP_THEMES: &[Theme] = &[
    Theme {
        id: "work",
        title: "工作和学习情况",
    },
    Theme {
        id: "family",
        title: "家庭和其他情况",
    },
];

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct QuestionOption {
    /// The JSON value to store under `fact`.
    pub value: OptionValue,
    pub label: &'static str,
    /// One line in plain words where the term is not obvious ("两后生", 就业困难人员…).
    pub hint: Option<&'static str>,
    /// For the groups question: `work` (工作和学习) or `family` (家庭和其他情况), so a long list
    /// can be split over two screens by theme.
    pub theme: Option<&'static str>,
}

/// An option's answer: `true`/`false` or a choice's id, written as bare JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(untagged)]
pub enum OptionValue {
    YesNo(bool),
    Choice(&'static str),
}

impl OptionValue {
    /// The choice's id, for a choice.
    pub fn as_str(&self) -> Option<&'static str> {
        match self {
            OptionValue::Choice(value) => Some(value),
            OptionValue::YesNo(_) => None,
        }
    }
}

/// One answer given so far, for the check-your-answers page.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Answered {
    pub fact: &'static str,
    pub title: &'static str,
    /// The answer in words ("企业职工", "14个月", "都不是").
    pub answer: String,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Questions {
    /// Questions still worth asking, most useful first.
    pub next: Vec<Question>,
    pub answered: Vec<Answered>,
}

struct Wording {
    fact: &'static str,
    title: &'static str,
    hint: &'static str,
}

const fn w(fact: &'static str, title: &'static str, hint: &'static str) -> Wording {
    Wording { fact, title, hint }
}

const WORDING: &[Wording] = &[
    w("region", "您在哪里工作或参加社保？", "按您缴纳社保、参加培训的地方选择。"),
    w("date", "这次测算，是哪种情况？", "补贴按当时在执行的文件来算，所以先说一下是哪种情况。"),
    w("age", "您今年多少岁？", "按周岁填写。"),
    w("hukou", "您是农村户口还是城镇户口？", "看户口本上的户口性质。"),
    w("groups", "以下哪些情况符合您？", "可以多选，都不符合就选“都不是”。“两后生”指初中或高中毕业后没有继续上学的年轻人；就业困难人员、零就业家庭、低保家庭以当地认定为准。"),
    w("receiving_unemployment_benefit", "您现在正在领取失业保险金吗？", "失业后在社保经办机构办理了失业登记、每月领失业金的，选“是”。"),
    w("employment", "您现在的工作情况是？", "在企业上班、签了劳动合同的选“企业职工”。"),
    w("unemployment_insurance_months", "您累计缴纳失业保险多少个月？", "可以在“掌上12333”、当地人社App或社保缴费记录里查到，按累计月数填写。"),
    w("certificate.kind", "您取得或将要取得的是什么证书？", "证书上会写明种类，例如“职业技能等级证书”“特种作业操作证”。"),
    w("certificate.level", "证书是什么等级？", "等级从低到高：初级工（五级）、中级工（四级）、高级工（三级）、技师（二级）、高级技师（一级）。培训合格证本身不分等级，请选您本人的技能等级。"),
    w("certificate.first_time", "这是您第一次取得这个证书吗？", "复审、换证不算第一次。"),
    w("certificate.via_job_training", "这个证书是通过单位组织的岗位技能提升培训取得的吗？", "单位安排在岗职工参加培训后考取的，选“是”。"),
    w("certificate.issued", "证书上的核发日期是哪一天？", "看证书上印的“核发日期”或“发证日期”。还没拿到证书的，填预计拿证的日期。"),
    w("certificate.claimed_before", "这个职业（工种），您以前领过同一等级或更高等级的技能提升补贴吗？", "例如以前已经凭“电工中级”领过补贴，现在又考了“电工中级”或“电工初级”，就选“是”。"),
    w("certificate.shortage_occupation", "这个证书的职业（工种）在本省的急需紧缺职业目录里吗？", "各省人社厅会公布“急需紧缺职业（工种）目录”，可以在人社局网站查，或拨打12333问。"),
    w("certificate.matches_trade", "这个证书的职业（工种），和您所在单位做的行业对得上吗？", "例如在建筑公司工作考的是电工、焊工证，就是对得上；证书属于数字职业（如人工智能训练师）或绿色职业（如碳排放管理员）的，也选“是”。不确定可以问单位人事部门，或选“不清楚”。"),
    w("certificate.training_subsidy_received", "考这个证书时，是否已经享受过政府的职业培训补贴？", "例如参加的是政府补贴的免费培训，或者培训费由政府补给了培训机构，就选“是”。"),
    w("years_at_level", "取得这个等级后，您从事技术工作多少年了？", "按整年计算，不满一年填0。"),
    w("works_in_farming", "您是在农村种地、养殖或放牧的农牧民吗？", "自己或家里在农村种庄稼、养牲畜、放牧的，选“是”。"),
    w("years_since_senior", "从取得高级工（三级）证书算起，您从事技术工作多少年了？", "包括后来考上技师、高级技师以后的年数。按整年计算，不满一年填0。"),
    w("years_since_technician", "从取得技师（二级）证书算起，您从事技术工作多少年了？", "包括后来考上高级技师以后的年数。按整年计算，不满一年填0。"),
    w("training.kind", "您参加或打算参加哪种培训？", "不确定的话可以问培训机构或当地人社部门，也可以选“不清楚”。"),
    w("training.days", "培训一共多少天？", "按实际上课的天数填写。"),
    w("training.months", "培训一共多少个月？", "按整月计算。"),
    w("training.in_subsidy_scope", "这个培训在政府职业技能培训补贴的范围内吗？", "政府补贴哪些职业（工种）的培训，由当地人社部门公布，单位或培训机构一般知道。不确定可以选“不清楚”。"),
    w("certificate.via_organiser", "这个证书是单位或培训机构组织您免费参加考核取得的吗？", "由单位或培训机构统一报名、组织考核，您本人不交考核费的，选“是”；自己报名、自己交费考的，选“否”。还没考的，按您打算的方式选。"),
    w("school_kind", "您在哪类学校读书？", "按学籍所在的学校选。技工学校、技师学院选“技工院校”；中专、职业高中、高职选“职业院校”。不在上学就选“没有在上学”。"),
    w("school_full_time", "您是全日制学生吗？", "白天在校正常上课的是全日制；成人教育、函授、网络教育、业余学习不是全日制。"),
    w("technical_school_intent", "您想到技工院校读书、学一门技术吗？", "技工院校指技工学校、技师学院。已经在技工院校读书的也选“是”。"),
    w("employer_insured_enterprise", "吸纳您就业的单位是给职工缴纳社会保险的企业吗？", "以工代训补贴对就业困难人员、零就业家庭成员，只在“参保企业”吸纳时才发。农民专业合作社、扶贫车间等不是企业；不确定可以问单位，或选“不清楚”。"),
    w("employer_self_rating", "您所在的企业自己开展职业技能等级认定吗？", "有的企业经人社部门备案后，可以自己给职工评定技能等级、发证书。可以问单位的人事部门，不确定选“不清楚”。"),
    w("labour_brand_trade", "您做的是哪种“八桂系列”劳务品牌的工作？", "“八桂系列”是广西的劳务品牌，例如八桂家政、八桂建工、八桂米粉师傅。不是这些工作就选“都不是”。"),
    w("training.employment_rate_80", "这个培训班的就业率能达到80%吗？", "订单式、项目制培训班一般会公布就业率，可向培训机构询问。"),
    w("entrepreneurial_intent", "您有创业的打算吗？", "想自己开店、办企业或做个体经营，都算。"),
    w("subsidized_trainings_this_year", "今年您已经享受过几次政府补贴的培训？", "不算这一次。一次都没有就填0。"),
    w("skill_upgrade_claims_this_year", "今年您已经领过几次技能提升补贴？", "不算这一次。一次都没有就填0。"),
    w("same_occupation_level_this_year", "今年您是否已经参加过同一职业、同一等级的补贴培训？", "例如今年已经补贴过一次“中式烹调师初级”，再学同样的就选“是”。"),
];

const fn option(
    value: OptionValue,
    label: &'static str,
    hint: Option<&'static str>,
    theme: Option<&'static str>,
) -> QuestionOption {
    QuestionOption {
        value,
        label,
        hint,
        theme,
    }
}

/// Every key group, in the order most workers look for themselves, each with one line in
/// plain words and its theme (`work`: 工作和学习情况, `family`: 家庭和其他情况).
pub const GROUP_HELP: &[(&str, &str, &str)] = &[
    ("employment_difficulty", "经当地人社部门认定的就业困难人员，包括“4050”人员（女40岁、男50岁以上失业的）、长期失业人员等", "work"),
    ("laid_off", "原来的单位让您下岗的职工（文件里的“下岗失业人员”）；办过失业登记的，也请选下面一项", "work"),
    ("registered_unemployed", "在当地人社部门办过失业登记的城镇人员", "work"),
    ("rural_migrant", "农村户口，出来打工或在本地做非农工作的", "work"),
    ("flexible_worker", "打零工、送外卖、跑网约车等，没有固定单位的", "work"),
    ("two_after", "初中或高中毕业后没有继续上学的年轻人", "work"),
    ("graduating_student", "今年从大学、大专、技师学院毕业的", "work"),
    ("unemployed_graduate", "已经毕业离校、还没找到工作的高校毕业生", "work"),
    ("college_student", "正在上大学、大专的学生", "work"),
    ("job_transfer", "单位转型、关停等原因需要换岗转行的职工", "work"),
    ("struggling_enterprise_employee", "所在企业经营困难、停产减产的职工", "work"),
    ("veteran", "已经退出现役的军人", "work"),
    ("retiring_soldier", "今年就要退出现役的军人", "work"),
    ("new_farmer", "种养大户、家庭农场主、农民合作社带头人、青年农（牧）场主等", "work"),
    ("poor_labor", "建档立卡贫困户或脱贫户家里的劳动力", "family"),
    ("poor_family_child", "建档立卡贫困户或脱贫户家里的孩子", "family"),
    ("zero_employment_family", "家里有劳动能力的人都没有工作", "family"),
    ("urban_low_income", "家里领城市低保", "family"),
    ("rural_low_income", "家里领农村（农牧区）低保", "family"),
    ("disabled", "持有残疾人证", "family"),
    ("relocated", "因易地扶贫搬迁住进了安置点", "family"),
    ("military_spouse", "随军的军人家属", "family"),
    ("inmate_or_released", "正在服刑或强制隔离戒毒，或已刑满释放", "family"),
];

/// The estimate's day, as the worker knows it: training or a certificate already done (then
/// its year and month), or one still planned (today). `value` is what the page's
/// `when` remembers; the answer stored is the day (`date`).
const WHEN: [QuestionOption; 2] = [
    option(
        OptionValue::Choice("past"),
        "我已经参加了培训，或已经拿到了证书",
        Some("按当时在执行的补贴文件测算"),
        None,
    ),
    option(
        OptionValue::Choice("planned"),
        "我打算参加培训或考证",
        Some("按今天在执行的补贴文件测算"),
        None,
    ),
];

/// The date screen's words: its month step and its errors (a test holds `month_ahead` to the
/// `planned` case's label).
pub const DATE_WORDS: DateWords = DateWords {
    month_prompt: "培训结束或拿到证书是哪一年、哪一月？记不清日子没关系。",
    choose_case: "请选择一项。",
    choose_month: "请选择年份和月份。",
    month_ahead: "这个月份还没到。打算以后参加的，请选“我打算参加培训或考证”。",
};

/// One line for a choice whose name is not obvious to a worker.
fn choice_hint(fact: &str, value: &str) -> Option<&'static str> {
    let hints: &[(&str, &str)] = match fact {
        "training.kind" => &[
            (
                "inclusive",
                "面向大家的免费技能短训班，比如家政、电工、烹饪",
            ),
            (
                "employment_oriented",
                "培训机构和用人单位对接，学完推荐就业的培训班",
            ),
            (
                "labor_preparation",
                "给没有继续升学的初高中毕业生的半年到一年的职业培训",
            ),
            (
                "employment_skills",
                "没有技术或想换行的人，学一门手艺好找工作，比如电工、焊工、家政",
            ),
            ("skill_upgrade", "已经会一门技术，再学一个更高的等级"),
            ("entrepreneurship", "想创业的人学开店、办企业的培训"),
            ("entrepreneurship_awareness", "给在校大学生的创业入门课"),
            ("start_business", "学习怎样办起一个企业的培训"),
            ("enterprise_employee", "单位安排在职员工参加的技能培训"),
            (
                "apprenticeship",
                "企业招的学徒，边上班边在培训机构学习，一般1至2年",
            ),
            (
                "work_for_training",
                "企业招人后以在岗工作代替培训，补贴发给企业",
            ),
            (
                "craft_apprenticeship",
                "唐卡、藏香、雕刻等民族手工艺，师傅带徒弟",
            ),
        ],
        "certificate.kind" => &[
            ("qualification", "国家职业资格证书，例如电工、焊工的资格证"),
            (
                "skill_level",
                "评价机构发的“职业技能等级证书”，分五级到一级",
            ),
            (
                "special_ability",
                "某一项专门技能的证书，例如“中式面点制作”",
            ),
            (
                "special_operation",
                "应急管理部门发的电工、焊工、高处作业等操作证",
            ),
            (
                "special_equipment",
                "市场监管部门发的叉车、锅炉、电梯等作业人员证",
            ),
            ("training_completion", "培训机构发的结业证、培训合格证"),
        ],
        _ => &[],
    };
    hints.iter().find(|(v, _)| *v == value).map(|(_, h)| *h)
}

/// The choices of `fact` that can still change a result; `None` where every choice is always
/// offered (groups and training kinds are filtered; other facts describe the worker and keep
/// every choice). A choice is offered when a condition of a benefit that is still open
/// (eligible or undetermined, its document reaching the region and covering the date) names it,
/// directly or inside `any_of`/`all_of`. So a 低保 household is offered in 晋城, where it matters
/// only together with "两后生" — comparing results one choice at a time would hide it while the
/// other facts are unknown. The engine decides; the page only shows what is left.
pub fn choices_that_matter(
    catalog: &Catalog,
    estimate: &Estimate,
    fact: &str,
) -> Option<Vec<&'static str>> {
    let all: &[facts::Choice] = match fact {
        "groups" => facts::GROUPS,
        "training.kind" => facts::TRAINING_KINDS,
        _ => return None,
    };
    let mut named: Vec<&str> = Vec::new();
    for result in estimate
        .benefits
        .iter()
        .filter(|b| matches!(b.status, Status::Eligible | Status::Undetermined))
    {
        // The rule whose line it is, by its id.
        let rule = catalog
            .documents()
            .get(result.rule.doc.at())
            .and_then(|d| d.benefits.get(result.rule.rule));
        for condition in rule.iter().flat_map(|r| &r.conditions) {
            names_in(&condition.test, fact, &mut named);
        }
    }
    Some(
        all.iter()
            .filter(|c| c.value == "none" || named.contains(&c.value))
            .map(|c| c.value)
            .collect(),
    )
}

/// The choices a test tells apart. For a single choice, `not_in = ["none"]` ("takes any
/// training") tells every choice from the listed ones, so every choice matters; for the groups,
/// `not_in` only turns on the groups it lists.
fn names_in<'a>(test: &'a Test, fact: &str, out: &mut Vec<&'a str>) {
    match test {
        Test::Fact {
            fact: f,
            rule: FactRule::NotIn(_),
        } if f.0 == fact && fact != "groups" => {
            if let Some(FactType::OneOf(choices)) = facts::fact(fact).map(|f| f.kind) {
                out.extend(choices.iter().map(|c| c.value));
            }
        }
        Test::Fact {
            fact: f,
            rule: FactRule::In(values) | FactRule::NotIn(values),
        } if f.0 == fact => out.extend(values.iter().map(String::as_str)),
        Test::AnyOf(tests) | Test::AllOf(tests) => {
            tests.iter().for_each(|t| names_in(t, fact, out))
        }
        _ => {}
    }
}

/// A 培训合格证 has no level of its own: the level that counts (城政发〔2020〕12号 三(二), "高级技师
/// 通过岗位技能提升培训取得的培训合格证") is the worker's own, so that is what is asked.
const OWN_LEVEL: Wording = w(
    "certificate.level",
    "您本人的技能等级是什么？",
    "培训合格证本身不分等级。请按您本人已经取得的职业资格或职业技能等级选择，例如您本人是高级技师，就选“高级技师（一级）”。",
);

fn wording(fact: &str) -> Option<&'static Wording> {
    WORDING.iter().find(|w| w.fact == fact)
}

/// The wording for `fact` given what is already answered.
fn wording_for(fact: &str, answers: &Answers) -> Option<&'static Wording> {
    if fact == "certificate.level"
        && answers.text("certificate.kind") == Some("training_completion")
    {
        return Some(&OWN_LEVEL);
    }
    wording(fact)
}

/// The question that fills `fact`, or `None` for a name no question fills.
pub fn question(fact: &str) -> Option<Question> {
    build(fact, wording(fact)?)
}

/// The question that fills `fact`, worded for what is already answered (a 培训合格证's level
/// is the worker's own).
pub fn question_for(fact: &str, answers: &Answers) -> Option<Question> {
    build(fact, wording_for(fact, answers)?)
}

fn build(fact: &str, words: &'static Wording) -> Option<Question> {
    let f = facts::fact(fact)?;
    let (input, options, min, max, unit) = match f.kind {
        FactType::Count { min, max, unit } => {
            ("number", Vec::new(), Some(min), Some(max), Some(unit))
        }
        FactType::YesNo => (
            "choice",
            vec![
                option(OptionValue::YesNo(true), "是", None, None),
                option(OptionValue::YesNo(false), "否", None, None),
            ],
            None,
            None,
            None,
        ),
        FactType::OneOf(choices) => (
            "choice",
            choices
                .iter()
                .map(|c| {
                    option(
                        OptionValue::Choice(c.value),
                        c.label,
                        choice_hint(f.name, c.value),
                        None,
                    )
                })
                .collect(),
            None,
            None,
            None,
        ),
        FactType::Groups => (
            "multi",
            GROUP_HELP
                .iter()
                .filter_map(|(value, hint, theme)| {
                    let label = facts::value_label("groups", value)?;
                    Some(option(
                        OptionValue::Choice(value),
                        label,
                        Some(*hint),
                        Some(*theme),
                    ))
                })
                .collect(),
            None,
            None,
            None,
        ),
        // The estimate's own day is asked as which case it is (a past month, or today); the
        // page turns the answer into the day. Any other day is asked as a day.
        FactType::Day if f.name == "date" => ("date", WHEN.to_vec(), None, None, None),
        FactType::Day => ("date", Vec::new(), None, None, None),
        FactType::RegionCode => ("region", Vec::new(), None, None, None),
    };
    // The estimate's own date and the region are always given; any other day (a
    // certificate's issue date) may honestly be unknown.
    let unknown_label = match f.name {
        "date" | "region" => None,
        _ => Some("不清楚"),
    };
    let themes = if options.iter().any(|o| o.theme.is_some()) {
        GROUP_THEMES
    } else {
        &[]
    };
    Some(Question {
        fact: f.name,
        title: words.title,
        hint: words.hint,
        input,
        options,
        min,
        max,
        unit,
        unknown_label,
        themes,
        date_words: (f.name == "date").then_some(DATE_WORDS),
    })
}

/// An answer in words, as the check-your-answers page shows it.
pub fn describe(fact: &str, value: &Value) -> String {
    match value {
        Value::Count(n) => {
            let unit = match facts::fact(fact).map(|f| f.kind) {
                Some(FactType::Count { unit, .. }) => unit,
                _ => "",
            };
            format!("{n}{unit}")
        }
        Value::YesNo(b) => (if *b { "是" } else { "否" }).to_string(),
        Value::Text(t) if fact == "region" => regions::full_name(t),
        Value::Text(t) => facts::value_label(fact, t).unwrap_or(t).to_string(),
        Value::Groups(g) if g.is_empty() => "都不是".to_string(),
        Value::Groups(g) => g
            .iter()
            .map(|x| facts::value_label("groups", x).unwrap_or(x))
            .collect::<Vec<_>>()
            .join("、"),
        Value::Day(d) => d.to_string(),
    }
}

/// What to ask next, and what has been answered, for the estimate already made of `answers`.
/// The groups and training-kind questions offer only the choices that can matter here.
pub fn questions(catalog: &Catalog, estimate: &Estimate, answers: &Answers) -> Result<Questions> {
    let next = estimate
        .next_questions
        .iter()
        .filter_map(|f| question_for(f, answers))
        .map(|mut q| {
            if let Some(keep) = choices_that_matter(catalog, estimate, q.fact) {
                q.options
                    .retain(|o| o.value.as_str().is_some_and(|v| keep.contains(&v)));
            }
            q
        })
        .collect();
    let answered = answers
        .iter()
        .filter_map(|(fact, value)| {
            let title = wording_for(fact, answers)?.title;
            Some(Answered {
                fact,
                title,
                answer: describe(fact, value),
            })
        })
        .collect();
    Ok(Questions { next, answered })
}

/// Every fact's name and every word of every question, each given to `put`, for a door that
/// sends words once (the wasm's, `crate::tape`).
pub fn words(put: &mut dyn FnMut(&str)) {
    for f in facts::FACTS {
        put(f.name);
    }
    for q in facts::FACTS.iter().filter_map(|f| question(f.name)) {
        let optional = [q.unit, q.unknown_label];
        for word in [q.fact, q.title, q.hint, q.input]
            .into_iter()
            .chain(optional.into_iter().flatten())
        {
            put(word);
        }
        for t in q.themes {
            put(t.id);
            put(t.title);
        }
        for option in &q.options {
            let optional = [option.value.as_str(), option.hint, option.theme];
            for word in [option.label]
                .into_iter()
                .chain(optional.into_iter().flatten())
            {
                put(word);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_fact_has_a_question_in_plain_words() {
        for f in facts::FACTS {
            let q = question(f.name).unwrap_or_else(|| panic!("no question for {}", f.name));
            assert!(
                q.title.ends_with('？'),
                "{} should be asked as a question",
                f.name
            );
            assert!(!q.hint.is_empty());
        }
    }

    /// The page splits a long list by the question's own themes: every option's theme is one
    /// of them, each theme has options, and a question without themed options has none.
    #[test]
    fn themed_options_name_a_theme_of_their_question_and_each_theme_has_some() {
        let mut themed = 0;
        for f in facts::FACTS {
            let q = question(f.name).unwrap();
            for o in &q.options {
                if let Some(theme) = o.theme {
                    assert!(
                        q.themes.iter().any(|t| t.id == theme),
                        "{}: {theme}",
                        q.fact
                    );
                }
            }
            for t in q.themes {
                assert!(!t.title.is_empty());
                assert!(q.options.iter().any(|o| o.theme == Some(t.id)), "{}", t.id);
            }
            themed += usize::from(!q.themes.is_empty());
        }
        assert_eq!(themed, 1, "the groups question alone comes in themes");
    }

    /// The date screen's words come with the date question alone, none empty, and the error
    /// for a month still ahead names the `planned` case as the screen offers it.
    #[test]
    fn the_date_question_alone_carries_its_screens_words() {
        for f in facts::FACTS {
            let q = question(f.name).unwrap();
            assert_eq!(q.date_words.is_some(), f.name == "date", "{}", f.name);
        }
        let q = question("date").unwrap();
        let words = q.date_words.unwrap();
        for w in [
            words.month_prompt,
            words.choose_case,
            words.choose_month,
            words.month_ahead,
        ] {
            assert!(!w.trim().is_empty());
        }
        let planned = q
            .options
            .iter()
            .find(|o| o.value.as_str() == Some("planned"));
        let planned = planned.expect("the planned case").label;
        assert!(
            words.month_ahead.contains(&format!("“{planned}”")),
            "{}",
            words.month_ahead
        );
    }
}
