import { tickFormat } from "d3-scale";

// d3-format through d3-scale's `tickFormat`: with an explicit precision it is exactly d3-format's `format(spec)`, and
// d3-scale is already a dependency (no second copy, no new package).
const formats = new Map<string, (v: number) => string>();
const format = (spec: string) => {
  let f = formats.get(spec);
  if (f === undefined) formats.set(spec, (f = tickFormat(0, 1, 1, spec)));
  return f;
};

const SUPERSCRIPT: Record<string, string> = { "-": "⁻", "−": "⁻", "+": "", ".": "·" };
for (let d = 0; d <= 9; d++) SUPERSCRIPT[String(d)] = "⁰¹²³⁴⁵⁶⁷⁸⁹"[d];

/** `9.271 × 10⁻⁹`, as a reader writes it (d3-format's mantissa, its exponent in superscript), not `9.271e-9`. */
const scientific = (v: number) => {
  const [mantissa, exponent] = format(".3~e")(v).split("e");
  return `${mantissa} × 10${Array.from(exponent, (c) => SUPERSCRIPT[c] ?? c).join("")}`;
};

/** A number for a readout: up to four significant digits, grouped, scientific only past 10⁶ or below 10⁻³. */
export function formatValue(v: number): string {
  if (v === 0 || !Number.isFinite(v)) return String(v);
  const size = Math.abs(v);
  return size >= 1e6 || size < 1e-3 ? scientific(v) : format(",.4~r")(v);
}

/**
 * A label formatter for a set of axis ticks (data units), all in one style: grouped numbers with just the decimals
 * the step needs ("600", "0.25", "12,000"), scientific ("1.5 × 10³⁰⁰") only when the ticks reach 10⁶ or stay below 10⁻³.
 */
export function formatTicks(ticks: ArrayLike<number>): (tick: number) => string {
  let largest = 0;
  for (let i = 0; i < ticks.length; i++) largest = Math.max(largest, Math.abs(ticks[i]));
  if (largest >= 1e6 || (largest > 0 && largest < 1e-3)) return (t) => (t === 0 ? "0" : scientific(t));
  const step = ticks.length > 1 ? Math.abs(ticks[1] - ticks[0]) : largest;
  const decimals = step > 0 ? Math.min(6, Math.max(0, -Math.floor(Math.log10(step) + 1e-9))) : 0;
  const f = format(`,.${decimals}f`);
  return (t) => f(t);
}

/** v rounded to `digits` decimals, for attribute values that stay short and stable (golden files). */
export function round(v: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
