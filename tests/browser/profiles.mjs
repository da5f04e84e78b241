// The worker profiles the browser tests walk: fact → answer, as stored in the answers.
// A fact the engine asks about that is not listed here is answered 不清楚.

export const JINCHENG_CHENGQU = ["140000", "140500", "140502"];

/** The 晋城 worker of the walks (profile a) as a shared link's answers. */
export const JINCHENG_SHARED = {
  region: "140502",
  date: "2021-06-01",
  employment: "enterprise_employee",
  unemployment_insurance_months: 14,
  certificate: { kind: "skill_level", level: "intermediate", via_job_training: true, issued: "2021-05-20" },
  training: { kind: "none" },
  groups: [],
};

/** A shared link's fragment for `answers`: `#a=` and the base64url of their UTF-8 JSON (api.md). */
export const sharedFragment = (answers) => `#a=${Buffer.from(JSON.stringify(answers), "utf8").toString("base64url")}`;

export const PROFILES = {
  a: {
    says: "企业职工，失业保险14个月，通过岗位技能提升培训取得中级工职业技能等级证书，不参加培训",
    region: JINCHENG_CHENGQU,
    date: "2021-06-01",
    facts: {
      employment: "enterprise_employee",
      unemployment_insurance_months: 14,
      "certificate.kind": "skill_level",
      "certificate.level": "intermediate",
      "certificate.via_job_training": true,
      "certificate.issued": "2021-05-20",
      "training.kind": "none",
      groups: [],
    },
  },
  b: {
    says: "农村户口的“两后生”参加12个月劳动预备制培训，今年没有享受过补贴培训",
    region: JINCHENG_CHENGQU,
    date: "2021-06-01",
    facts: {
      groups: ["two_after"],
      hukou: "rural",
      "training.kind": "labor_preparation",
      "training.months": 12,
      subsidized_trainings_this_year: 0,
      employment: "unemployed",
      "certificate.kind": "none",
    },
  },
  c: {
    says: "贫困劳动力参加10天普惠制培训",
    region: JINCHENG_CHENGQU,
    date: "2021-06-01",
    facts: {
      groups: ["poor_labor"],
      "training.kind": "inclusive",
      "training.days": 10,
      subsidized_trainings_this_year: 0,
      same_occupation_level_this_year: false,
      employment: "unemployed",
      "certificate.kind": "none",
    },
  },
  zunyi: {
    says: "遵义市红花岗区55岁的下岗失业男工，不懂政策用语：勾了下岗失业人员，看了说明也勾了就业困难人员（4050），打算参加就业技能培训，其余都选不清楚",
    region: ["520000", "520300", "520302"],
    date: "today",
    facts: {
      age: 55,
      groups: ["laid_off", "employment_difficulty"],
      employment: "unemployed",
      "training.kind": "employment_skills",
    },
  },
  nanning: {
    says: "南宁市的灵活就业人员，打算考证，其余都选不清楚",
    region: ["450000", "450100"],
    date: "today",
    facts: {
      employment: "flexible",
      groups: ["flexible_worker"],
    },
  },
};
