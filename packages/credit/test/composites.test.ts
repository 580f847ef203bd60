// Composites assign rules by layer kind and position; overrides by layer name.
import { describe, expect, it } from "vitest";
import { createRandom } from "@clearbox/core";
import { fromLayersModel, lrp, prepareNetwork } from "../src/index.js";
import type { LrpRule } from "../src/index.js";
import { resnet18Like, seedWeights } from "./fixtures/keras-models.js";

const model = resnet18Like(16, [4, 6, 8, 8]);
seedWeights(model, 31);
const network = prepareNetwork(fromLayersModel(model));
model.dispose();
const random = createRandom(32);
const x = Float32Array.from({ length: 16 * 16 * 3 }, () => random.next());
const kinds = fromLayersModelKinds();

function fromLayersModelKinds(): string[] {
  const again = resnet18Like(16, [4, 6, 8, 8]);
  const kinds = fromLayersModel(again).layers.map((l) => l.type);
  again.dispose();
  return kinds;
}

/** The rules a composite should give, written out by hand: first layer, convolutions, the rest. */
function byHand(first: LrpRule, conv: LrpRule, rest: LrpRule): LrpRule[] {
  return kinds.map((kind, l) => (l === 0 ? first : kind === "conv2d" ? conv : rest));
}

describe("composites", () => {
  it("epsilonGammaBox, epsilonPlusFlat and epsilonAlpha2Beta1 equal their rules written out per layer", () => {
    expect(kinds).toHaveLength(network.layerNames.length);
    const cases: [Parameters<typeof lrp>[2], Parameters<typeof lrp>[2]][] = [
      [{ composite: "epsilonGammaBox" }, { rules: byHand("zb", "gamma", "epsilon") }],
      [{ composite: "epsilonPlusFlat" }, { rules: byHand("flat", "alphabeta", "epsilon"), alpha: 1, beta: 0 }],
      [{ composite: "epsilonAlpha2Beta1" }, { rules: byHand("alphabeta", "alphabeta", "epsilon") }],
    ];
    for (const [composite, rules] of cases) {
      const a = lrp(network, x, { ...composite, target: 2 }).relevance[0];
      const b = lrp(network, x, { ...rules, target: 2 }).relevance[0];
      expect(Array.from(a)).toEqual(Array.from(b));
    }
  });

  it("overrides set single layers by name, over a composite or a rule", () => {
    const last = network.layerNames.at(-1)!;
    const overridden = lrp(network, x, { composite: "epsilonGammaBox", overrides: { [last]: "lrp0" }, target: 2 });
    const rules = byHand("zb", "gamma", "epsilon");
    rules[rules.length - 1] = "lrp0";
    expect(Array.from(overridden.relevance[0])).toEqual(Array.from(lrp(network, x, { rules, target: 2 }).relevance[0]));
    expect(() => lrp(network, x, { overrides: { nowhere: "lrp0" } })).toThrow(
      expect.objectContaining({ code: "E_OPTION", argument: "options.overrides.nowhere" }),
    );
    expect(() => lrp(network, x, { rule: "lrp0", composite: "epsilonGammaBox" })).toThrow(
      expect.objectContaining({ code: "E_OPTION" }),
    );
    expect(() => lrp(network, x, { composite: "zennit" as never })).toThrow(
      expect.objectContaining({ code: "E_OPTION" }),
    );
  });
});
