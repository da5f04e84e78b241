// An embedder's page, as TypeScript: it installs dist/pkg (`npm install dist/pkg`) and calls
// every method of the module with the contract's types (docs/contract.d.ts). It is compiled,
// never run, by tests/browser/declarations.test.mjs (`tsc --noEmit`, strict). The lines under
// `@ts-expect-error` must fail to compile: were a method's types `any`, tsc would report the
// directive unused and the test would fail.
import init, { Estimator, loadPlace } from "subsidy-estimator";
import type {
  Answered,
  Answers,
  BenefitKind,
  BenefitResult,
  Criterion,
  DocumentResult,
  Estimate,
  EstimatorError,
  NextStep,
  Payee,
  PickerProvince,
  Question,
  Questions,
  Source,
  SourceGrade,
  Status,
} from "subsidy-estimator";

export async function embed(base: URL, packBytes: Uint8Array): Promise<string[]> {
  await init();
  const est = new Estimator();

  const answers: Answers = {
    region: "140502",
    date: "2021-06-01",
    employment: "enterprise_employee",
    unemployment_insurance_months: 14,
    groups: ["poor_labor", "two_after"],
    certificate: { kind: "skill_level", level: "intermediate", via_job_training: true, issued: "2021-06-01" },
    training: { kind: "inclusive", days: 5, months: null },
    hukou: null,
  };
  const said: string[] = [];

  // Policy packs: the files a place needs, the deployment's list, one pack, a whole place.
  const files: string[] = est.packsFor("140502");
  const listed: number = est.listPacks("140502.0123abcd.pack\n");
  const place: string = est.addPack(packBytes);
  const fromBuffer: string = est.addPack(packBytes.slice().buffer);
  const added: string[] = await loadPlace(est, "140502", base);
  const addedFromText: string[] = await loadPlace(est, "520300", "https://example.cn/butie/");
  said.push(...files, String(listed), place, fromBuffer, ...added, ...addedFromText);

  const estimate: Estimate = est.estimate(answers);
  const total: string = estimate.totals.worker;
  const missingPacks: string[] = estimate.packs_missing;
  for (const line of estimate.benefits) {
    const b: BenefitResult = line;
    const status: Status = b.status;
    const kind: BenefitKind = b.kind;
    const payee: Payee = b.payee;
    const amount: string | null = b.amount;
    const source: Source = b.source;
    const grade: SourceGrade = source.source_grade;
    const step: NextStep | null = b.next_step;
    const why: Criterion[] = b.criteria;
    const met: (boolean | null)[] = why.map((c) => c.met);
    said.push(status, kind, payee, amount ?? "", grade, step?.phone ?? "", String(met.length));
  }
  const documents: DocumentResult[] = estimate.documents;
  said.push(total, ...missingPacks, ...documents.map((d) => d.period_text));

  const next: Questions = est.questions(answers);
  const first: Question | undefined = next.next[0];
  const answered: Answered[] = next.answered;
  const one: Question = est.question("training.days");
  said.push(first?.title ?? "", ...answered.map((a) => a.answer), one.hint, String(one.max ?? ""));

  const picker: PickerProvince[] = est.regions();
  const name: string = est.regionName("140502");
  const today: string = est.today();
  said.push(...picker.map((p) => p.cities.length + p.name), name, today);

  try {
    est.estimate({ training: { days: -3 } });
  } catch (error) {
    const field: string | null = (error as EstimatorError).field;
    said.push(field ?? "", (error as EstimatorError).message);
  }
  est.forget();
  est.zeroFreedMemory();

  // What the contract does not allow does not compile.
  // @ts-expect-error: "astronaut" is not a group of the contract
  est.estimate({ groups: ["astronaut"] });
  // @ts-expect-error: days are a number, not a string
  est.questions({ training: { days: "5" } });
  // @ts-expect-error: an unknown key is refused, as the module refuses it
  est.estimate({ insurance_months: 14 });
  // @ts-expect-error: money is a decimal string in yuan, never a number
  const asNumber: number = estimate.totals.worker;
  // @ts-expect-error: a status is one of four words
  const wrongStatus: Status = "maybe";
  // @ts-expect-error: addPack takes bytes, not a file name
  est.addPack("140502.0123abcd.pack");
  // @ts-expect-error: loadPlace gives the places added, not an estimate
  const notAnEstimate: Estimate = await loadPlace(est, "140502", base);
  said.push(String(asNumber), wrongStatus, String(notAnEstimate));
  return said;
}
