import * as chromatic from "d3-scale-chromatic";
import { describe, expect, it } from "vitest";
import { interpolateBlues, interpolateRdBu, schemeTableau10 } from "../src/color-schemes.js";

// The schemes written out in src/color-schemes.ts are d3-scale-chromatic's, colour for colour.
describe("color schemes", () => {
  it("match d3-scale-chromatic at 1,001 points and Tableau 10 exactly", () => {
    for (let k = 0; k <= 1000; k++) {
      expect(interpolateRdBu(k / 1000)).toBe(chromatic.interpolateRdBu(k / 1000));
      expect(interpolateBlues(k / 1000)).toBe(chromatic.interpolateBlues(k / 1000));
    }
    expect([...schemeTableau10]).toEqual([...chromatic.schemeTableau10]);
  });
});
