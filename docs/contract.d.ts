// The public contract's types (docs/api.md), written by `cargo test` from the Rust types
// (src/declarations.rs): do not edit by hand. Money is a decimal string in yuan; a day is a
// string `YYYY-MM-DD`.

/** What a worker tells the estimator (api.md, "Answers"): every key optional. */
export type Answers = {
  /** 年龄 */ age?: number | null;
  certificate?: {
    /** 证书种类 */ kind?: "qualification" | "skill_level" | "special_ability" | "special_operation" | "special_equipment" | "training_completion" | "none" | null;
    /** 证书等级 */ level?: "junior" | "intermediate" | "senior" | "technician" | "senior_technician" | null;
    /** 是否初次取证 */ first_time?: boolean | null;
    /** 是否由单位或培训机构组织免费参加评价取证 */ via_organiser?: boolean | null;
    /** 是否通过岗位技能提升培训取证 */ via_job_training?: boolean | null;
    /** 证书核发日期 */ issued?: string | null;
    /** 是否已就同一职业同等或更高等级领过技能提升补贴 */ claimed_before?: boolean | null;
    /** 证书职业是否在本省急需紧缺职业（工种）目录内 */ shortage_occupation?: boolean | null;
    /** 证书职业与所在企业行业一致，或属数字、绿色职业（证岗相适） */ matches_trade?: boolean | null;
    /** 这本证书是否已享受过职业培训补贴 */ training_subsidy_received?: boolean | null;
  } | null;
  /** 测算日期 */ date?: string | null;
  /** 吸纳您就业的单位是否为参保企业 */ employer_insured_enterprise?: boolean | null;
  /** 所在企业是否已自主开展职业技能等级认定 */ employer_self_rating?: boolean | null;
  /** 就业状态 */ employment?: "enterprise_employee" | "unemployed" | "self_employed" | "flexible" | "student" | "farmer_herder" | "other" | null;
  /** 是否有创业愿望 */ entrepreneurial_intent?: boolean | null;
  /** 所属人群 */ groups?: Array<"poor_labor" | "poor_family_child" | "graduating_student" | "unemployed_graduate" | "college_student" | "two_after" | "rural_migrant" | "laid_off" | "registered_unemployed" | "job_transfer" | "veteran" | "retiring_soldier" | "military_spouse" | "employment_difficulty" | "zero_employment_family" | "urban_low_income" | "rural_low_income" | "disabled" | "relocated" | "flexible_worker" | "struggling_enterprise_employee" | "inmate_or_released" | "new_farmer"> | null;
  /** 户口 */ hukou?: "rural" | "urban" | null;
  /** 从事的劳务品牌工作 */ labour_brand_trade?: "bagui_housekeeping" | "bagui_construction" | "bagui_rice_noodle" | "other_bagui_brand" | "none" | null;
  /** 是否正在领取失业保险金 */ receiving_unemployment_benefit?: boolean | null;
  /** 所在地区 */ region?: string | null;
  /** 今年是否已就同一职业同一等级享受过补贴 */ same_occupation_level_this_year?: boolean | null;
  /** 是否全日制就读 */ school_full_time?: boolean | null;
  /** 就读的学校 */ school_kind?: "university" | "vocational" | "technical" | "general" | "other" | "none" | null;
  /** 今年已领取技能提升补贴的次数 */ skill_upgrade_claims_this_year?: number | null;
  /** 今年已享受的补贴性培训次数 */ subsidized_trainings_this_year?: number | null;
  /** 是否想到技工院校读书 */ technical_school_intent?: boolean | null;
  training?: {
    /** 培训类型 */ kind?: "inclusive" | "employment_oriented" | "labor_preparation" | "employment_skills" | "skill_upgrade" | "entrepreneurship" | "entrepreneurship_awareness" | "start_business" | "enterprise_employee" | "apprenticeship" | "work_for_training" | "craft_apprenticeship" | "none" | null;
    /** 培训天数 */ days?: number | null;
    /** 培训月数 */ months?: number | null;
    /** 培训后就业率是否达到80% */ employment_rate_80?: boolean | null;
    /** 培训是否属于政府职业技能培训补贴范围 */ in_subsidy_scope?: boolean | null;
  } | null;
  /** 失业保险累计缴费月数 */ unemployment_insurance_months?: number | null;
  /** 是否在农村从事种植、养殖或放牧（农牧民） */ works_in_farming?: boolean | null;
  /** 取得该等级后从事技术工作的年数 */ years_at_level?: number | null;
  /** 取得高级工（三级）以来从事技术工作的年数 */ years_since_senior?: number | null;
  /** 取得技师（二级）以来从事技术工作的年数 */ years_since_technician?: number | null;
};

/** What `est.estimate(answers)` returns: the JSON `subsidy estimate` prints (api.md, "Estimate"). */
export type Estimate = {
  date: string;
  /**
   * `null` until the worker says where they live; then only national documents are listed.
   */
  region: string | null;
  region_name: string | null;
  benefits: Array<BenefitResult>;
  totals: Totals;
  /**
   * Unknown facts that could still change some benefit, most useful first.
   */
  next_questions: Array<string>;
  /**
   * Each document that reaches the region, and whether it covers `date`.
   */
  documents: Array<DocumentResult>;
  /**
   * Set when no document in force on `date` states an amount: where to ask instead.
   */
  nothing_in_force_note: string | null;
  /**
   * The packs (file names) that reach the region but are not loaded: the wasm door fills
   * it where a place's packs have not been added (api.md, "Policy packs"); always empty
   * for the command line, which has every document.
   */
  packs_missing: Array<string>;
};

/** One benefit of one document that reaches the region, whatever its status. */
export type BenefitResult = {
  id: string;
  title: string;
  kind: BenefitKind;
  payee: Payee;
  status: Status;
  amount: string | null;
  amount_max: string | null;
  amount_note: string | null;
  missing: Array<string>;
  criteria: Array<Criterion>;
  /**
   * One sentence: why this status.
   */
  reason: string;
  /**
   * The last day to apply, where a condition sets a claim window and the day it runs
   * from is known (证书核发之日起12个月内).
   */
  deadline: string | null;
  /**
   * Where to apply, the phone line, what to bring and by when: set on benefits that apply
   * or may apply (`engine::steps`).
   */
  next_step: NextStep | null;
  /**
   * Set instead of `source.ended_note` where the document governing the line has ended but
   * the worker's claim window under it is still open on the device's today: "证书在2025年取得，
   * 按这份通知办理，2026年12月20日前申请" (`engine::steps`).
   */
  claim_window_note: string | null;
  source: Source;
};

/** One condition of a benefit, as the worker reads it under "why" and "why not". */
export type Criterion = {
  text: string;
  /**
   * `null`: unknown.
   */
  met: boolean | null;
  cite: string;
  /**
   * When not met: what would change it ("再缴纳3个月失业保险即可申领").
   */
  hint: string | null;
};

/** The document and clause a line rests on. */
export type Source = {
  document: string;
  doc_number: string | null;
  clause: string;
  effective_from: string;
  effective_to: string | null;
  document_id: string;
  issuer: string;
  /**
   * The clause's own words.
   */
  quote: string;
  amount_cite: string;
  /**
   * `official`, `official_mirror`, `news` or `secondary`: the copy of the text encoded.
   */
  source_grade: SourceGrade;
  /**
   * Set for a copy that is not the official text: "来源为转载，请以官方原文为准".
   */
  source_warning: string | null;
  /**
   * Plain words about what the period rests on, where it is not the text itself.
   */
  period_note: string | null;
  /**
   * Set when the document covered the chosen date but has ended since (a past date):
   * "这份文件已于2021年12月31日到期，现在申请是否还能受理，请先向…确认".
   */
  ended_note: string | null;
};

/** Where to apply, the phone line, what to bring and by when. */
export type NextStep = {
  /**
   * The office to apply to ("晋城市城区人力资源和社会保障局（区人社局）").
   */
  office: string;
  /**
   * The clause that names the office, as a citation reads ("人社部发〔2017〕40号 二(一)");
   * `null` where no document names one (the office is then "当地人社部门").
   */
  office_cite: string | null;
  /**
   * How the policy file says it, in full ("向…咨询申领，或拨打12333").
   */
  how: string;
  /**
   * `12333`, for a `tel:` link.
   */
  phone: string;
  /**
   * Materials the document states, with `materials_cite`; empty where it states none.
   */
  materials: Array<string>;
  materials_cite: string | null;
  /**
   * Where the document states no materials: the general list, to be shown as "一般需要".
   */
  materials_general: Array<string>;
  /**
   * The last day to apply, where a condition sets a claim window and its start is known.
   */
  deadline: string | null;
  /**
   * The deadline is before the estimate's own date (rulings.md, "Third round": "已过" only
   * against that date): a claim may no longer be accepted then.
   */
  deadline_passed: boolean;
  /**
   * The deadline in the document's words ("证书核发之日起12个月内"), with its citation.
   */
  deadline_text: string | null;
  deadline_cite: string | null;
};

export type Totals = {
  /**
   * Sum of exact amounts of eligible benefits paid to the worker.
   */
  worker: string;
  /**
   * Eligible benefits paid to the worker whose exact amount is not known yet, so not in
   * `worker`.
   */
  worker_uncounted: Array<string>;
};

/** A document that reaches the region, and whether it covers `date`. */
export type DocumentResult = {
  id: string;
  title: string;
  doc_number: string | null;
  issuer: string;
  region: string;
  region_name: string;
  /**
   * The signing day, where the captured text carries one.
   */
  issued: string | null;
  effective_from: string;
  effective_to: string | null;
  in_force: boolean;
  /**
   * "2020-10-26至2021-12-31", and why.
   */
  period_text: string;
  period_cite: string;
  /**
   * Plain words about what the period rests on, where it is not the text itself.
   */
  period_note: string | null;
  /**
   * The copy of the text encoded, and how far it can be trusted.
   */
  source: string;
  source_grade: SourceGrade;
  /**
   * Set when the captured text is cut off: what is missing.
   */
  incomplete: string | null;
  /**
   * With `incomplete`: the last clause the captured text reaches ("四(二)"), as data, so
   * that no one need find it in `incomplete`'s words.
   */
  incomplete_after: string | null;
  apply: string | null;
  benefit_count: number;
  /**
   * The day the document's text was last checked (`verified_on` of its policy file).
   */
  verified_on: string | null;
};

export type Status = "eligible" | "ineligible" | "undetermined" | "not_in_force";

export type BenefitKind = "personal_bonus" | "training_subsidy" | "living_allowance" | "employer_subsidy" | "career_pathway" | "program";

/**
 * Who receives the money.
 */
export type Payee = "worker" | "provider" | "employer" | "none";

/** How far the copy of a text that was encoded can be trusted. */
export type SourceGrade = "official" | "official_mirror" | "news" | "secondary" | "unverified";

/** What `est.questions(answers)` returns: what to ask next, and what has been answered. */
export type Questions = {
  /**
   * Questions still worth asking, most useful first.
   */
  next: Array<Question>;
  answered: Array<Answered>;
};

/** One question, in plain words, for the fact it fills. */
export type Question = {
  /**
   * The dotted answer key this question fills (`training.days`).
   */
  fact: string;
  /**
   * The question, used as the screen's heading.
   */
  title: string;
  /**
   * Plain-language help: what the words mean, where to find the number.
   */
  hint: string;
  /**
   * `choice` (pick one), `multi` (pick any, or none), `number`, `date`, `region`.
   */
  input: string;
  options: Array<QuestionOption>;
  min: number | null;
  max: number | null;
  unit: string | null;
  /**
   * The label of the honest "I don't know" answer; `None` where it is not offered.
   */
  unknown_label: string | null;
  /**
   * Where the options carry a `theme`: the themes in the order a long list is shown, each
   * with its title (the groups question: 工作和学习情况, then 家庭和其他情况); else `[]`.
   */
  themes: Array<Theme>;
  /**
   * The estimate's own date (`date`) only: the words of its month step and of what the
   * screen says when an answer cannot be taken (`DATE_WORDS`); `null` for every other.
   */
  date_words: DateWords | null;
};

/** A part of a long list of options, with its heading. */
export type Theme = {
  /**
   * What an option's `theme` says.
   */
  id: string;
  /**
   * The part's heading.
   */
  title: string;
};

/** The date screen's words beyond its title, hint and two cases. */
export type DateWords = {
  /**
   * Shown above the year and month once the `past` case is chosen.
   */
  month_prompt: string;
  /**
   * Neither case chosen.
   */
  choose_case: string;
  /**
   * The `past` case chosen, its year or month not.
   */
  choose_month: string;
  /**
   * The `past` case with a month after today's: it names the `planned` case.
   */
  month_ahead: string;
};

export type QuestionOption = {
  /**
   * The JSON value to store under `fact`.
   */
  value: OptionValue;
  label: string;
  /**
   * One line in plain words where the term is not obvious ("两后生", 就业困难人员…).
   */
  hint: string | null;
  /**
   * For the groups question: `work` (工作和学习) or `family` (家庭和其他情况), so a long list
   * can be split over two screens by theme.
   */
  theme: string | null;
};

/** An option's answer: `true`/`false`, or a choice's id. */
export type OptionValue = boolean | string;

/**
 * One answer given so far, for the check-your-answers page.
 */
export type Answered = {
  fact: string;
  title: string;
  /**
   * The answer in words ("企业职工", "14个月", "都不是").
   */
  answer: string;
};

/** What `est.regions()` returns: each province with its named cities, each city with its named districts. */
export type PickerProvince = {
  code: string;
  name: string;
  cities: Array<PickerCity>;
};

export type PickerCity = {
  code: string;
  name: string;
  districts: Array<Region>;
};

export type Region = {
  code: string;
  name: string;
};

/** What the module throws for bad input (api.md, "Errors thrown to JavaScript"): the
 * dotted fact name at fault (`"training.days"`, `"groups[2]"`, `"pack"`), or null. */
export interface EstimatorError extends Error {
  field: string | null;
}
