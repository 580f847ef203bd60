import { ClearboxError, assertOneOf, describeValue } from "@clearbox/core/internal";
import type { NodeBase } from "./kinds/kind.js";
import type { LrpRule } from "./rules.js";
import { RULES } from "./rules.js";

/**
 * Named rule assignments by layer kind and position, after zennit's composites: the first layer with weights (the
 * one reading the input), convolutions, and dense / batch-norm layers each get their rule.
 */
export type Composite = "epsilonPlusFlat" | "epsilonGammaBox" | "epsilonAlpha2Beta1";

/** [first layer, convolutions, dense and the rest]; "alphabeta" under epsilonPlusFlat is z⁺ (α = 1, β = 0). */
const PRESETS: Record<Composite, [LrpRule, LrpRule, LrpRule]> = {
  epsilonPlusFlat: ["flat", "alphabeta", "epsilon"],
  epsilonGammaBox: ["zb", "gamma", "epsilon"],
  epsilonAlpha2Beta1: ["alphabeta", "alphabeta", "epsilon"],
};

/** @internal */
export const COMPOSITES = Object.keys(PRESETS) as Composite[];

/** The α and β a composite implies when the caller gives none. @internal */
export function compositeAlphaBeta(composite: Composite | undefined): { alpha: number; beta: number } {
  return composite === "epsilonPlusFlat" ? { alpha: 1, beta: 0 } : { alpha: 2, beta: 1 };
}

const CONVOLUTIONS = new Set(["conv2d", "depthwiseConv2d", "conv2dTranspose"]);
const WEIGHTED = new Set([...CONVOLUTIONS, "dense", "batchNorm"]);

/** One rule per layer from a composite. @internal */
export function compositeRules(composite: unknown, layers: readonly NodeBase[]): LrpRule[] {
  const name = assertOneOf(composite, "options.composite", COMPOSITES);
  const [first, convolution, rest] = PRESETS[name];
  return layers.map((layer) => {
    if (WEIGHTED.has(layer.type) && layer.inputs.includes(0)) return first;
    return CONVOLUTIONS.has(layer.type) ? convolution : rest;
  });
}

/** Per-layer overrides by layer name, applied to `rules` in place. @internal */
export function applyOverrides(rules: LrpRule[], overrides: unknown, layers: readonly NodeBase[]): void {
  if (overrides === undefined) return;
  if (typeof overrides !== "object" || overrides === null || Array.isArray(overrides)) {
    throw new ClearboxError(
      "E_TYPE",
      `options.overrides must be { layerName: rule }, got ${describeValue(overrides)}.`,
      {
        argument: "options.overrides",
      },
    );
  }
  const indexOf = new Map(layers.map((layer, l) => [layer.name, l]));
  for (const [name, rule] of Object.entries(overrides)) {
    const l = indexOf.get(name);
    if (l === undefined) {
      throw new ClearboxError("E_OPTION", `options.overrides names "${name}", which is no layer's name.`, {
        argument: `options.overrides.${name}`,
      });
    }
    rules[l] = assertOneOf(rule, `options.overrides.${name}`, RULES);
  }
}
