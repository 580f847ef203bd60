import { ClearboxError, assertOptions, describeValue } from "@clearbox/core/internal";
import { checksOf, keysOf, withDefaults } from "./defaults.js";
import type { ChartDefaults, WithDefaults } from "./defaults.js";
import { checkOptionValues } from "./frame.js";
import type { BaseChartOptions } from "./frame.js";

/** A pure layout's size: the chart's width and height in pixels (the marks' area, below any heading). */
export interface LayoutSize {
  width: number;
  height: number;
}

/**
 * The arguments of a chart's pure layout function, checked as the chart checks them — the same option keys and
 * values (E_OPTION), a positive size (E_RANGE) — except that data the chart would draw as an empty state is an
 * `E_SHAPE` here carrying the same message: a layout has no empty state to draw.
 */
export function readLayoutInput<C, O extends BaseChartOptions, D extends ChartDefaults<O>>(
  data: unknown,
  options: O & LayoutSize,
  defaults: D,
  read: (data: unknown, options: O) => C | string,
): { checked: C; options: WithDefaults<O, D>; width: number; height: number } {
  const given = assertOptions(options, "options", keysOf<O>(defaults)) as O | undefined;
  for (const key of ["width", "height"] as const) {
    const value = (given as Partial<LayoutSize> | undefined)?.[key];
    if (!(typeof value === "number" && Number.isFinite(value) && value > 0)) {
      throw new ClearboxError("E_RANGE", `options.${key} must be a positive number, got ${describeValue(value)}.`, {
        argument: `options.${key}`,
      });
    }
  }
  const checkedOptions = given as O & LayoutSize;
  checkOptionValues(checksOf(defaults), checkedOptions);
  const checked = read(data, checkedOptions);
  if (typeof checked === "string") throw new ClearboxError("E_SHAPE", checked, { argument: "data" });
  return {
    checked,
    options: withDefaults(checkedOptions, defaults),
    width: checkedOptions.width,
    height: checkedOptions.height,
  };
}
