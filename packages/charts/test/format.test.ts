import { describe, expect, it } from "vitest";
import { formatTicks, formatValue } from "../src/format.js";

describe("number formats (d3-format)", () => {
  it("writes small and large numbers as a reader does, not as 9.271e-9", () => {
    expect(formatValue(9.271e-9)).toBe("9.271 × 10⁻⁹");
    expect(formatValue(-1.5e300)).toBe("−1.5 × 10³⁰⁰");
    expect(formatValue(12_345_678)).toBe("1.235 × 10⁷");
    expect(formatValue(5e-324)).toBe("4.941 × 10⁻³²⁴");
    expect(formatValue(0.5)).toBe("0.5");
    expect(formatValue(12_345)).toBe("12,350");
    expect(formatTicks([1e300, 2e300])(1.5e300)).toBe("1.5 × 10³⁰⁰");
    expect(formatTicks([0, 200, 400, 600])(600)).toBe("600");
  });
});
