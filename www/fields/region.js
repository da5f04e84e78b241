// Where the worker lives and is insured: province → city → district selects, each with an
// honest "其他 / 不清楚" that answers with the level above. The provinces are in the first
// load; a province's cities and counties (every one of GB/T 2260) are fetched when it is
// chosen (places.js), with a plain line while they come.
import { h } from "../dom.js";
import { heading } from "./parts.js";
import { provinceCities } from "../places.js";

const OTHER = "__other__";

export function regionField(q, current, provinces, { hint, error }) {
  const code = typeof current === "string" ? current : "";
  const select = (id, label, items, chosen, otherLabel) => {
    const el = h(
      "select",
      { id, name: id },
      h("option", { value: "" }, "请选择"),
      items.map((item) => h("option", { value: item.code, selected: item.code === chosen }, item.name)),
      otherLabel ? h("option", { value: OTHER, selected: chosen === OTHER }, otherLabel) : null,
    );
    const wrap = h("div", { class: "select-field" }, h("label", { for: id }, label), el);
    return { el, wrap };
  };
  const province = provinces.find((p) => code && p.code.slice(0, 2) === code.slice(0, 2));
  const cityOf = () => province?.cities?.find((c) => c.code.slice(0, 4) === code.slice(0, 4));
  const districtOf = () => cityOf()?.districts.find((d) => d.code === code);
  /** The province whose cities are still on their way (read() waits for them), or null. */
  let loading = null;
  let status = null;
  const slots = h("div", { class: "region-picker" });
  const p = select("province", "省份（自治区、直辖市）", provinces, province ? province.code : "");
  slots.append(p.wrap);
  let c = null;
  let d = null;
  const showCities = (initial) => {
    for (const later of [c, d]) if (later) later.wrap.remove();
    c = d = null;
    status?.remove();
    status = loading = null;
    const chosen = provinces.find((x) => x.code === p.el.value);
    if (!chosen) return;
    if (!chosen.cities) {
      loading = chosen;
      status = h("p", { class: "loading", role: "status" }, "正在加载城市列表……");
      slots.append(status);
      provinceCities(chosen).then(
        (cities) => {
          chosen.cities = cities;
          if (p.el.value === chosen.code) showCities(initial);
        },
        (error) => {
          console.info("province:", String(error && error.message));
          if (p.el.value !== chosen.code) return;
          loading = null;
          status.textContent = "城市列表没有加载成功，请检查网络后重新选择省份；也可以只选省份，直接点“继续”。";
        },
      );
      return;
    }
    if (chosen.cities.length === 0) return;
    const city = cityOf();
    const pick = !initial ? "" : city ? city.code : code === chosen.code ? OTHER : "";
    c = select("city", "城市", chosen.cities, pick, "其他城市 / 不清楚");
    c.el.addEventListener("change", () => showDistricts(false));
    slots.append(c.wrap);
    showDistricts(initial);
  };
  const showDistricts = (initial) => {
    if (d) d.wrap.remove();
    d = null;
    const chosenProvince = provinces.find((x) => x.code === p.el.value);
    const chosen = chosenProvince && c && chosenProvince.cities.find((x) => x.code === c.el.value);
    if (!chosen || chosen.districts.length === 0) return;
    const district = districtOf();
    const pick = !initial ? "" : district ? district.code : code === chosen.code ? OTHER : "";
    d = select("district", "区县", chosen.districts, pick, "其他区县 / 不清楚");
    slots.append(d.wrap);
  };
  p.el.addEventListener("change", () => showCities(false));
  showCities(true);
  const node = h("fieldset", { "aria-describedby": "hint error" }, h("legend", {}, heading(q.title)), hint, error, slots);
  return {
    node,
    read() {
      if (!p.el.value) return { error: "请选择省份。" };
      if (loading) return { error: "城市列表还在加载，请稍等片刻再点“继续”。" };
      if (c && !c.el.value) return { error: "请选择城市；不在列表里或不清楚，请选“其他城市 / 不清楚”。" };
      if (d && !d.el.value) return { error: "请选择区县；不在列表里或不清楚，请选“其他区县 / 不清楚”。" };
      if (d && d.el.value !== OTHER) return { value: d.el.value };
      if (c && c.el.value !== OTHER) return { value: c.el.value };
      return { value: p.el.value };
    },
  };
}
