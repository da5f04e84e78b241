//! What the page asks, in plain words: one question per fact, its hint, its options. The
//! order comes from the estimate's `next_questions`, so a worker is only asked what could
//! still change their result.
use crate::answers::{Answers, Value};
use crate::error::Result;
use crate::estimate::Estimate;
use crate::facts::{self, FactType};
use crate::regions;
use serde::Serialize;
use serde_json::{json, Value as Json};

#[derive(Debug, Clone, Serialize)]
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
}

#[derive(Debug, Clone, Serialize)]
pub struct QuestionOption {
    /// The JSON value to store under `fact`.
    pub value: Json,
    pub label: &'static str,
}

/// One answer given so far, for the check-your-answers page.
#[derive(Debug, Clone, Serialize)]
pub struct Answered {
    pub fact: &'static str,
    pub title: &'static str,
    /// The answer in words ("企业职工", "14个月", "都不是").
    pub answer: String,
}

#[derive(Debug, Clone, Serialize)]
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
    w("date", "按哪一天测算？", "一般选今天。如果要申请以前参加的培训或以前取得的证书，选培训结束或取证的日期。"),
    w("age", "您今年多少岁？", "按周岁填写。"),
    w("hukou", "您是农村户口还是城镇户口？", "看户口本上的户口性质。"),
    w("groups", "以下哪些情况符合您？", "可以多选，都不符合就选“都不是”。“两后生”指初中或高中毕业后没有继续上学的年轻人；就业困难人员、零就业家庭、低保家庭以当地认定为准。"),
    w("receiving_unemployment_benefit", "您现在正在领取失业保险金吗？", "失业后在社保经办机构办理了失业登记、每月领失业金的，选“是”。"),
    w("employment", "您现在的工作情况是？", "在企业上班、签了劳动合同的选“企业职工”。"),
    w("unemployment_insurance_months", "您累计缴纳失业保险多少个月？", "可以在“掌上12333”、当地人社App或社保缴费记录里查到，按累计月数填写。"),
    w("certificate.kind", "您取得或将要取得的是什么证书？", "证书上会写明种类，例如“职业技能等级证书”“特种作业操作证”。"),
    w("certificate.level", "证书是什么等级？", "等级从低到高：初级工（五级）、中级工（四级）、高级工（三级）、技师（二级）、高级技师（一级）。"),
    w("certificate.first_time", "这是您第一次取得这个证书吗？", "复审、换证不算第一次。"),
    w("certificate.via_job_training", "这个证书是通过单位组织的岗位技能提升培训取得的吗？", "单位安排在岗职工参加培训后考取的，选“是”。"),
    w("certificate.issued", "证书上的核发日期是哪一天？", "看证书上印的“核发日期”或“发证日期”。还没拿到证书的，填预计拿证的日期。"),
    w("certificate.claimed_before", "这个职业（工种），您以前领过同一等级或更高等级的技能提升补贴吗？", "例如以前已经凭“电工中级”领过补贴，现在又考了“电工中级”或“电工初级”，就选“是”。"),
    w("certificate.shortage_occupation", "这个证书的职业（工种）在本省的急需紧缺职业目录里吗？", "各省人社厅会公布“急需紧缺职业（工种）目录”，可以在人社局网站查，或拨打12333问。"),
    w("certificate.training_subsidy_received", "考这个证书时，是否已经享受过政府的职业培训补贴？", "例如参加的是政府补贴的免费培训，或者培训费由政府补给了培训机构，就选“是”。"),
    w("years_at_level", "取得这个等级后，您从事技术工作多少年了？", "按整年计算，不满一年填0。"),
    w("training.kind", "您参加或打算参加哪种培训？", "不确定的话可以问培训机构或当地人社部门，也可以选“不清楚”。"),
    w("training.days", "培训一共多少天？", "按实际上课的天数填写。"),
    w("training.months", "培训一共多少个月？", "按整月计算。"),
    w("training.employment_rate_80", "这个培训班的就业率能达到80%吗？", "订单式、项目制培训班一般会公布就业率，可向培训机构询问。"),
    w("entrepreneurial_intent", "您有创业的打算吗？", "想自己开店、办企业或做个体经营，都算。"),
    w("subsidized_trainings_this_year", "今年您已经享受过几次政府补贴的培训？", "不算这一次。一次都没有就填0。"),
    w("skill_upgrade_claims_this_year", "今年您已经领过几次技能提升补贴？", "不算这一次。一次都没有就填0。"),
    w("same_occupation_level_this_year", "今年您是否已经参加过同一职业、同一等级的补贴培训？", "例如今年已经补贴过一次“中式烹调师初级”，再学同样的就选“是”。"),
];

fn wording(fact: &str) -> Option<&'static Wording> {
    WORDING.iter().find(|w| w.fact == fact)
}

/// The question that fills `fact`, or `None` for a name no question fills.
pub fn question(fact: &str) -> Option<Question> {
    let f = facts::fact(fact)?;
    let words = wording(fact)?;
    let (input, options, min, max, unit) = match f.kind {
        FactType::Count { min, max, unit } => {
            ("number", Vec::new(), Some(min), Some(max), Some(unit))
        }
        FactType::YesNo => (
            "choice",
            vec![
                QuestionOption {
                    value: json!(true),
                    label: "是",
                },
                QuestionOption {
                    value: json!(false),
                    label: "否",
                },
            ],
            None,
            None,
            None,
        ),
        FactType::OneOf(choices) => (
            "choice",
            choices
                .iter()
                .map(|c| QuestionOption {
                    value: json!(c.value),
                    label: c.label,
                })
                .collect(),
            None,
            None,
            None,
        ),
        FactType::Groups => (
            "multi",
            facts::GROUPS
                .iter()
                .map(|c| QuestionOption {
                    value: json!(c.value),
                    label: c.label,
                })
                .collect(),
            None,
            None,
            None,
        ),
        FactType::Day => ("date", Vec::new(), None, None, None),
        FactType::RegionCode => ("region", Vec::new(), None, None, None),
    };
    // The estimate's own date and the region are always given; any other day (a
    // certificate's issue date) may honestly be unknown.
    let unknown_label = match f.name {
        "date" | "region" => None,
        _ => Some("不清楚"),
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
pub fn questions(estimate: &Estimate, answers: &Answers) -> Result<Questions> {
    let next = estimate
        .next_questions
        .iter()
        .filter_map(|f| question(f))
        .collect();
    let answered = answers
        .iter()
        .filter_map(|(fact, value)| {
            let title = wording(fact)?.title;
            Some(Answered {
                fact,
                title,
                answer: describe(fact, value),
            })
        })
        .collect();
    Ok(Questions { next, answered })
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
}
