// The checker's messages in Chinese for the studio (studio.js): the common shapes the loader
// and the checks write (src/policy/load.rs, load/, checks.rs; the TOML reader's own). Each
// problem is shown as `第12行：…` with the original English kept beside it, so a message not
// translated here still reads, and a developer can find it in the source.
const SHAPES = [
  [/^unknown field `([^`]+)`/, (m) => `不认识的字段“${m[1]}”（拼写错误，或放错了表）`],
  [/^missing field `([^`]+)`/, (m) => `缺少必填字段“${m[1]}”`],
  [/^duplicate key/, () => "同一个字段写了两次"],
  [/^invalid type: (.+), expected (.+)$/, (m) => `值的类型不对：写的是 ${m[1]}，应当是 ${m[2]}`],
  [/^unknown variant `([^`]+)`, expected (.+)$/, (m) => `“${m[1]}”不是可选的值，可选：${m[2]}`],
  [/^(?:invalid|expected|unclosed|unexpected)/i, () => "TOML 写法有误（引号、括号或等号不配对）"],
  [/^region "([^"]*)" is not a GB\/T 2260 code/, (m) => `地区代码“${m[1]}”不是GB/T 2260行政区划代码（全国用000000）`],
  [/^this file should be at (\S+)/, (m) => `文件应放在 ${m[1]}（由 [document] 的 region 和 id 决定）`],
  [/^(\S+) is negative \(([^)]*)\)/, (m) => `${m[1]} 是负数（${m[2]}）：金额不能小于零`],
  [/^(\S+) has no cite/, (m) => `${m[1]} 没有写出处（cite）：请写明依据的条款`],
  [/^unknown fact "([^"]*)"/, (m) => `不认识的事实“${m[1]}”（可用的事实见 src/facts.rs）`],
  [/^unknown benefit "([^"]*)"/, (m) => `不认识的补贴项目“${m[1]}”`],
  [/^unknown amount rule "([^"]*)"/, (m) => `不认识的金额规则“${m[1]}”`],
  [/^document id "([^"]*)" is also used by (\S+)/, (m) => `文件编号“${m[1]}”已被 ${m[2]} 使用`],
  [/the period ends \(([^)]*)\) before it starts \(([^)]*)\)/, (m) => `执行期的结束日（${m[1]}）早于开始日（${m[2]}）`],
  [/^condition has no text/, () => "条件没有写 text：请用群众能看懂的话写出这个条件"],
  [/^a table needs at least one/, () => "金额表至少需要一行（[[…amount.row]]）"],
  [/^steps need at least one/, () => "分档金额至少需要一档（[[…amount.step]]）"],
  [/^a row gives `yuan`/, () => "一行金额只能写 yuan（金额）或 up_to（上限）之一"],
  [/^cap (\S+) is below the rate (\S+)/, (m) => `封顶 ${m[1]} 低于单价 ${m[2]}：连一个单位都付不全`],
  [/^(\S+) runs from (\S+) to (\S+); (\S+) can never be the threshold/, (m) => `${m[1]} 的取值是 ${m[2]} 到 ${m[3]}，${m[4]} 不可能成为门槛`],
  [/^(\S+) is a choice: use `in` or `not_in`/, (m) => `${m[1]} 是选项：请用 in 或 not_in`],
  [/^(\S+) is a count: use `at_least` or `below`/, (m) => `${m[1]} 是数量：请用 at_least 或 below`],
  [/^(\S+) is yes or no/, (m) => `${m[1]} 是“是/否”：请用 is = true 或 is = false`],
  [/^unknown named condition "([^"]*)"/, (m) => `不认识的共用条件“${m[1]}”：use 要写本文件某个 [[named_condition]] 的 name`],
  [/^named condition "([^"]*)" is used by no condition/, (m) => `共用条件“${m[1]}”没有被任何条件使用：请用上它（use = "${m[1]}"）或删掉`],
  [/^named condition "([^"]*)" is defined twice/, (m) => `共用条件“${m[1]}”定义了两次`],
  [/^named condition "([^"]*)": a name is written/, (m) => `共用条件的名字“${m[1]}”只能用小写字母、数字和下划线`],
  [/^a \[\[named_condition\]\] needs a `name`/, () => "[[named_condition]] 需要写 name，各条件用 use = \"…\" 引用它"],
  [/^a condition with `use` has nothing else/, () => "写了 use 的条件不能再写别的字段：文字、出处和判断都来自共用条件"],
  [/^a named condition cannot use another one/, () => "共用条件不能再引用另一个共用条件：请直接写出判断"],
  [/^`name` belongs to a \[\[named_condition\]\]/, () => "name 只用于 [[named_condition]]；补贴的条件用 use = \"…\" 引用共用条件"],
  [/^a condition needs exactly one of/, () => "一个条件只能写 fact、any_of、all_of、benefit 中的一个"],
  [/overlaps (?:its other version|another amendment)/, () => "与同一补贴的另一个版本执行期重叠"],
  [/depends on itself|need each other in a cycle/, () => "补贴之间互相依赖，成了环，永远无法判断"],
  [/^a national document/, () => "全国文件（region = 000000）编在模块里，不能做成政策包"],
  [/is not a day|not a date/i, () => "日期写法不对，应为 YYYY-MM-DD"],
];

/** `{ line, message }` → the Chinese line shown (`第12行：…`) and the original message. */
export function inChinese({ line, message }) {
  for (const [shape, say] of SHAPES) {
    const m = shape.exec(message);
    if (m) return { line, chinese: `第${line}行：${say(m)}`, original: message };
  }
  return { line, chinese: `第${line}行：${message}`, original: null };
}
