// The 13 worker rules of 城政发〔2020〕12号 (policies/140502/czf-2020-12.toml) written for
// json-rules-engine 7, the engine a JavaScript developer would pick, as an independent reading
// of the same clauses: `make bench` times it beside the wasm and checks it against the 晋城
// golden cases it can express (tests/policies/140502/czf-2020-12.toml).
//
// json-rules-engine is two-valued: a fact it is not given makes a condition false. So it can
// say "eligible" or "not eligible", never "we need to know X"; cases whose expectations are
// `undetermined` are out of its reach and are counted, not compared. Amounts travel as data
// in each rule's event and are worked out by `amountOf` below.
import { createRequire } from "node:module";

// An npm dev dependency of www/ (the only package.json in the repository).
const { Engine } = createRequire(new URL("../www/package.json", import.meta.url))("json-rules-engine");

const KEY_GROUPS = [
  "poor_family_child", "poor_labor", "unemployed_graduate", "graduating_student", "two_after",
  "rural_migrant", "laid_off", "registered_unemployed", "job_transfer", "veteran", "employment_difficulty",
];
const PERIOD = { from: 20201026, to: 20211231 }; // 通知落款2020年10月26日；方案期2020—2021年

const is = (fact, values) => ({ fact, operator: "isIn", value: values });
const groups = (values) => ({ fact: "groups", operator: "hasAnyOf", value: values });
const yes = (fact) => ({ fact, operator: "equal", value: true });
const no = (fact) => ({ fact, operator: "equal", value: false });
const atLeast = (fact, n) => ({ fact, operator: "greaterThanInclusive", value: n });
const below = (fact, n) => ({ fact, operator: "lessThan", value: n });
const fewerThan3 = below("subsidized_trainings_this_year", 3);

/** Benefits other rules name ("培训期间生活费" needs one of the trainings). */
const NAMED = {
  inclusive: { all: [groups(KEY_GROUPS), is("training.kind", ["inclusive"]), fewerThan3, no("same_occupation_level_this_year")] },
  employment_oriented: {
    all: [groups(KEY_GROUPS), is("training.kind", ["employment_oriented"]), yes("training.employment_rate_80"), fewerThan3, no("same_occupation_level_this_year")],
  },
  labor_prep: { all: [groups(["two_after"]), is("training.kind", ["labor_preparation"]), atLeast("training.months", 6), fewerThan3] },
};

const level = (rows) => rows.map(([lv, yuan]) => ({ when: { "certificate.level": [lv] }, yuan }));

export const RULES = [
  {
    id: "jc_skill_upgrade_bonus", payee: "worker",
    conditions: { all: [
      is("employment", ["enterprise_employee"]), atLeast("unemployment_insurance_months", 12), yes("certificate.via_job_training"),
      { any: [is("certificate.kind", ["qualification", "skill_level"]), { all: [is("certificate.kind", ["training_completion"]), is("certificate.level", ["senior_technician"])] }] },
    ] },
    amount: { table: level([["junior", 1000], ["intermediate", 1500], ["senior", 2000], ["technician", 4000], ["senior_technician", 6000]]) },
  },
  {
    id: "jc_certificate_subsidy", payee: "provider",
    conditions: { all: [
      is("certificate.kind", ["qualification", "skill_level", "special_ability", "special_operation", "special_equipment"]),
      { any: [{ fact: "certificate.kind", operator: "isNotIn", value: ["special_operation", "special_equipment"] }, yes("certificate.first_time")] },
      yes("certificate.via_organiser"),
    ] },
    amount: { table: [
      { when: { "certificate.kind": ["special_ability"] }, yuan: 150 },
      { when: { "certificate.kind": ["special_operation", "special_equipment"] }, yuan: 300 },
      { when: { "certificate.kind": ["qualification", "skill_level"], "certificate.level": ["junior"] }, yuan: 300 },
      { when: { "certificate.kind": ["qualification", "skill_level"], "certificate.level": ["senior"] }, yuan: 600 },
      { when: { "certificate.kind": ["qualification", "skill_level"], "certificate.level": ["intermediate", "technician", "senior_technician"] }, yuan: null },
    ] },
  },
  { id: "jc_inclusive_training", payee: "provider", conditions: { all: [{ condition: "inclusive" }] }, amount: { rate: 150, per: "training.days", cap: 1000 } },
  { id: "jc_employment_oriented_training", payee: "provider", conditions: { all: [{ condition: "employment_oriented" }] }, amount: { upTo: 4000 } },
  {
    id: "jc_training_living_allowance", payee: "worker",
    conditions: { all: [
      { any: [{ condition: "inclusive" }, { condition: "employment_oriented" }] },
      { any: [groups(["poor_labor", "employment_difficulty", "zero_employment_family"]), { all: [groups(["two_after"]), { any: [is("hukou", ["rural"]), groups(["urban_low_income"])] }] }] },
    ] },
    amount: { rate: 15, per: "training.days" },
  },
  { id: "jc_labor_prep_training", payee: "provider", conditions: { all: [{ condition: "labor_prep" }] }, amount: { steps: "training.months", at: [[12, 2500], [6, 1300]] } },
  {
    id: "jc_labor_prep_living_allowance", payee: "worker",
    conditions: { all: [{ condition: "labor_prep" }, { any: [is("hukou", ["rural"]), groups(["urban_low_income"])] }] },
    amount: { rate: 200, per: "training.months" },
  },
  {
    id: "jc_entrepreneurship_training", payee: "provider",
    conditions: { all: [
      yes("entrepreneurial_intent"), groups(["poor_family_child", "graduating_student", "two_after", "rural_migrant", "registered_unemployed"]),
      is("training.kind", ["entrepreneurship", "entrepreneurship_awareness", "start_business"]),
      fewerThan3,
    ] },
    once: "entrepreneurship_training",
    amount: { rate: 180, per: "training.days", cap: 1800 },
  },
  {
    id: "jc_student_entrepreneurship_awareness", payee: "provider",
    conditions: { all: [groups(["college_student"]), yes("entrepreneurial_intent"), is("training.kind", ["entrepreneurship_awareness"]), fewerThan3] },
    amount: { fixed: 150 },
    once: "entrepreneurship_training",
  },
  {
    id: "jc_student_start_business", payee: "provider",
    conditions: { all: [groups(["college_student"]), yes("entrepreneurial_intent"), is("training.kind", ["start_business"]), fewerThan3] },
    amount: { fixed: 500 },
    once: "entrepreneurship_training",
  },
  {
    id: "jc_employee_training_subsidy", payee: "employer",
    conditions: { all: [is("employment", ["enterprise_employee"]), is("training.kind", ["enterprise_employee"]), yes("training.in_subsidy_scope"), atLeast("training.days", 3)] },
    amount: { fixed: 300 },
  },
  {
    id: "jc_apprenticeship", payee: "employer",
    conditions: { all: [is("employment", ["enterprise_employee"]), is("training.kind", ["apprenticeship"])] },
    amount: { from: 4000, to: 6000 },
  },
  {
    id: "jc_work_for_training", payee: "employer",
    conditions: { all: [
      { any: [groups(["poor_labor"]), { all: [groups(["employment_difficulty", "zero_employment_family"]), yes("employer_insured_enterprise")] }] },
      is("training.kind", ["work_for_training"]),
    ] },
    amount: { rate: 300, per: "training.months", maxUnits: 6 },
  },
];

/** One engine for all runs: rules, the named conditions and two-valued set operators. */
export function makeEngine() {
  const engine = new Engine([], { allowUndefinedFacts: true });
  const known = (a) => a !== undefined && a !== null;
  engine.addOperator("isIn", (a, b) => known(a) && b.includes(a));
  engine.addOperator("isNotIn", (a, b) => known(a) && !b.includes(a));
  engine.addOperator("hasAnyOf", (a, b) => Array.isArray(a) && a.some((x) => b.includes(x)));
  for (const [name, conditions] of Object.entries(NAMED)) engine.setCondition(name, conditions);
  engine.addRule({
    name: "czf_in_force",
    conditions: { all: [
      { fact: "day", operator: "greaterThanInclusive", value: PERIOD.from },
      { fact: "day", operator: "lessThanInclusive", value: PERIOD.to },
    ] },
    event: { type: "in_force" },
  });
  for (const rule of RULES) {
    engine.addRule({ name: rule.id, conditions: rule.conditions, event: { type: "eligible", params: { id: rule.id, payee: rule.payee, amount: rule.amount } } });
  }
  return engine;
}

/** The answers as flat facts: `certificate.kind` and the day as a number (20210601). */
export function factsOf(answers, today) {
  const facts = {};
  for (const [key, value] of Object.entries(answers)) {
    if (value && typeof value === "object" && !Array.isArray(value)) {
      for (const [inner, v] of Object.entries(value)) facts[`${key}.${inner}`] = v;
    } else facts[key] = value;
  }
  facts.day = Number((answers.date || today).replaceAll("-", ""));
  return facts;
}

const yuan = (n) => (n === null || n === undefined ? null : String(n));

/** An eligible benefit's amount and ceiling from its event's data and the facts. */
export function amountOf(spec, facts) {
  if ("fixed" in spec) return [yuan(spec.fixed), null];
  if ("upTo" in spec) return [null, yuan(spec.upTo)];
  if ("from" in spec) return [yuan(spec.from), yuan(spec.to)];
  if ("steps" in spec) {
    const n = facts[spec.steps];
    if (n === undefined) return [null, yuan(spec.at[0][1])];
    const step = spec.at.find(([least]) => n >= least);
    return [step ? yuan(step[1]) : null, null];
  }
  if ("rate" in spec) {
    const n = facts[spec.per];
    const ceiling = spec.cap ?? (spec.maxUnits ? spec.rate * spec.maxUnits : null);
    if (n === undefined) return [null, yuan(ceiling)];
    const raw = spec.rate * (spec.maxUnits ? Math.min(n, spec.maxUnits) : n);
    return [yuan(spec.cap ? Math.min(raw, spec.cap) : raw), null];
  }
  for (const row of spec.table) {
    const holds = Object.entries(row.when).every(([fact, values]) => values.includes(facts[fact]));
    if (holds) return [yuan(row.yuan), null];
  }
  return [null, null];
}

/** Statuses and amounts of the 13 benefits for one set of answers. */
export async function estimate(engine, answers, today) {
  const facts = factsOf(answers, today);
  const { events } = await engine.run(facts);
  const inForce = events.some((e) => e.type === "in_force");
  const eligible = new Map(events.filter((e) => e.type === "eligible").map((e) => [e.params.id, e.params]));
  const benefits = {};
  for (const rule of RULES) {
    if (!inForce) {
      benefits[rule.id] = { status: "not_in_force", amount: null, amount_max: null };
    } else if (eligible.has(rule.id)) {
      const [amount, amount_max] = amountOf(rule.amount, facts);
      benefits[rule.id] = { status: "eligible", amount, amount_max };
    } else {
      benefits[rule.id] = { status: "ineligible", amount: null, amount_max: null };
    }
  }
  // 同一次培训不重复补贴: of the eligible rules sharing `once`, only the largest is paid
  // (ties: the first in the file).
  for (const group of new Set(RULES.map((r) => r.once).filter(Boolean))) {
    const worth = (b) => Number(b.amount ?? b.amount_max ?? 0);
    const members = RULES.filter((r) => r.once === group && benefits[r.id].status === "eligible");
    const kept = members.reduce((best, r) => (best && worth(benefits[best.id]) >= worth(benefits[r.id]) ? best : r), null);
    for (const r of members) if (r !== kept) benefits[r.id] = { status: "ineligible", amount: null, amount_max: null };
  }
  let worker = 0;
  for (const rule of RULES) {
    const b = benefits[rule.id];
    if (b.status === "eligible" && rule.payee === "worker" && b.amount !== null) worker += Number(b.amount);
  }
  return { benefits, worker: String(worker) };
}

/**
 * Whether a golden case is within reach (every 晋城 expectation is eligible, ineligible or
 * not_in_force), and if so the disagreements between this reading and the case.
 */
export async function check(engine, c, today) {
  const expect = Object.entries(c.expect || {}).filter(([id]) => id.startsWith("jc_"));
  if (expect.length === 0) return { expressible: false };
  if (expect.some(([, e]) => e.status === "undetermined")) return { expressible: false };
  const got = await estimate(engine, c.answers || {}, c.today || today);
  const wrong = [];
  const money = (want, have) => (want === "none" ? have === null : have === want);
  for (const [id, e] of expect) {
    const b = got.benefits[id];
    if (e.status && b.status !== e.status) wrong.push(`${id}: ${b.status}, expected ${e.status}`);
    if (e.amount !== undefined && !money(e.amount, b.amount)) wrong.push(`${id}: amount ${b.amount}, expected ${e.amount}`);
    if (e.amount_max !== undefined && !money(e.amount_max, b.amount_max)) wrong.push(`${id}: amount_max ${b.amount_max}, expected ${e.amount_max}`);
  }
  if (c.totals_worker !== undefined && got.worker !== c.totals_worker) wrong.push(`totals.worker ${got.worker}, expected ${c.totals_worker}`);
  return { expressible: true, wrong };
}
