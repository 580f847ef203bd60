import { ClearboxError, describeValue } from "@clearbox/core/internal";
import type { OptionKeys } from "@clearbox/core/internal";

/** One option of a chart: its default, the values it takes, and what it does — the single place each is written. */
export interface OptionRule {
  /** The default value, filled in before drawing. Absent when the default is computed (see `defaultText`) or none. */
  default?: unknown;
  /** The default as the docs table shows it, when it is computed from the data or there is none. Default "—". */
  defaultText?: string;
  /** What the option does, as the docs table's "what" column says it. */
  doc: string;
  /** The only values allowed: anything else is an E_OPTION naming them. */
  choices?: readonly unknown[];
  /** The smallest number allowed (inclusive): anything else is an E_OPTION. */
  min?: number;
  /** Numbers must be integers. */
  integer?: boolean;
}

/** A chart's DEFAULTS: every option key of `O`, each with its rule. */
export type ChartDefaults<O> = { readonly [K in keyof O]-?: OptionRule };

/** The options as a chart's draw code reads them: those with a default are always set. */
export type WithDefaults<O, D> = O & {
  [K in keyof O & keyof D as D[K] extends { default: unknown } ? K : never]-?: NonNullable<O[K]>;
};

/** The options every chart takes (frame.ts's BaseChartOptions). */
export const BASE_DEFAULTS = {
  width: { defaultText: "the container's", doc: "width in pixels", min: Number.MIN_VALUE },
  height: { defaultText: "the container's", doc: "height in pixels", min: Number.MIN_VALUE },
  document: { defaultText: "the container's", doc: "the document to draw in (SSR passes linkedom's)" },
  title: { defaultText: "`heading`, else the chart's kind", doc: "the accessible name (`<title>`, `aria-label`)" },
  heading: { doc: "a visible title above the marks" },
  resize: { defaultText: "false", doc: "redraw at the container's size when it changes" },
} as const;

/** The option keys of a DEFAULTS object (what `assertOptions` accepts). */
export function keysOf<O>(defaults: ChartDefaults<O>): OptionKeys<O> {
  return Object.fromEntries(Object.keys(defaults).map((key) => [key, true])) as OptionKeys<O>;
}

/** The checks of a DEFAULTS object in the form renderChart applies them: allowed values and numeric ranges. */
export function checksOf<O>(defaults: ChartDefaults<O>): {
  choices: Partial<Record<keyof O, readonly unknown[]>>;
  numbers: Partial<Record<keyof O, { min: number; integer?: boolean }>>;
} {
  const choices: Partial<Record<keyof O, readonly unknown[]>> = {};
  const numbers: Partial<Record<keyof O, { min: number; integer?: boolean }>> = {};
  for (const [key, rule] of Object.entries(defaults) as [keyof O & string, OptionRule][]) {
    if (key === "width" || key === "height") continue; // the frame checks sizes itself (E_RANGE)
    if (rule.choices) choices[key] = rule.choices;
    if (rule.min !== undefined) numbers[key] = { min: rule.min, integer: rule.integer };
  }
  return { choices, numbers };
}

/** The options with every default filled in where the caller left a key undefined (a new object; input untouched). */
export function withDefaults<O extends object, D extends ChartDefaults<O>>(
  options: O,
  defaults: D,
): WithDefaults<O, D> {
  const filled: Record<string, unknown> = { ...(options as Record<string, unknown>) };
  for (const [key, rule] of Object.entries(defaults) as [string, OptionRule][]) {
    if (filled[key] === undefined && "default" in rule) filled[key] = rule.default;
  }
  return filled as WithDefaults<O, D>;
}

const shown = (rule: OptionRule): string => {
  if (rule.defaultText !== undefined) return rule.defaultText;
  if (!("default" in rule)) return "—";
  const value = rule.default;
  if (typeof value === "string") return `\`"${value}"\``;
  if (typeof value === "number") return value >= 10_000 ? value.toLocaleString("en") : String(value);
  return `\`${String(value)}\``;
};

/**
 * The docs' options table of a chart, written from its DEFAULTS (the base options left out: one table for them on
 * the charts' index page): `| option | default | what |` rows, one per key, allowed values named. The docs pages'
 * tables are checked against it (packages/charts/test/defaults.test.ts).
 *
 * @param defaults - A chart's DEFAULTS, e.g. `polylineChartDefaults`.
 * @returns The table's body rows as Markdown, one string per option.
 * @throws ClearboxError `E_TYPE` when `defaults` is not a DEFAULTS object (each key's rule an object with a `doc`).
 * @example
 * optionsTable(polylineChartDefaults)[0];
 * // => '| `context` | `"lines"` | the other series, beneath (…): `"lines"`, `"density"`, `"none"` |'
 */
export function optionsTable<O>(defaults: ChartDefaults<O>): string[] {
  assertDefaults(defaults);
  return (Object.entries(defaults) as [string, OptionRule][])
    .filter(([key]) => !(key in BASE_DEFAULTS))
    .map(([key, rule]) => {
      const allowed = rule.choices ? `: ${rule.choices.map((c) => `\`${JSON.stringify(c)}\``).join(", ")}` : "";
      return `| \`${key}\` | ${shown(rule)} | ${rule.doc.replace(/\|/g, "\\|")}${allowed} |`;
    });
}

/** A DEFAULTS object as optionsTable reads it: an object of rules, each with its `doc` text. */
function assertDefaults(defaults: unknown): void {
  const isRule = (rule: unknown) =>
    typeof rule === "object" && rule !== null && typeof (rule as { doc?: unknown }).doc === "string";
  if (
    typeof defaults !== "object" ||
    defaults === null ||
    Array.isArray(defaults) ||
    !Object.values(defaults).every(isRule)
  ) {
    throw new ClearboxError(
      "E_TYPE",
      `defaults must be a chart's DEFAULTS object (option key → { doc, default?, choices? }), got ${describeValue(defaults)}.`,
      { argument: "defaults" },
    );
  }
}
