import { describe, expect, it } from "vitest";
import { createProgress, throwIfAborted } from "../src/internal.js";

describe("progress and cancellation", () => {
  it("reports non-decreasing fractions, throttled, and 1 exactly once", () => {
    const seen: number[] = [];
    const progress = createProgress({ onProgress: (f) => seen.push(f) });
    for (let i = 0; i <= 1000; i++) progress.report(i / 1000);
    progress.report(0.2); // going back is ignored
    progress.done();
    progress.done();
    expect(seen.length).toBeLessThanOrEqual(101);
    expect(seen.at(-1)).toBe(1);
    expect(seen.filter((f) => f === 1)).toHaveLength(1);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThan(seen[i - 1]);
  });

  it("maps nested phases into the parent's range", () => {
    const seen: number[] = [];
    const progress = createProgress({ onProgress: (f) => seen.push(f) });
    progress.phase(0.5, 1).report(0.5);
    expect(seen).toEqual([0.75]);
  });

  it("throws E_ABORTED once the signal fires", () => {
    const controller = new AbortController();
    const progress = createProgress({ signal: controller.signal }, "test job");
    progress.report(0.1);
    controller.abort(new Error("user left"));
    expect(() => progress.report(0.2)).toThrow(expect.objectContaining({ code: "E_ABORTED" }));
    expect(() => throwIfAborted(controller.signal, "test job")).toThrow("The test job was aborted by its signal.");
  });
});
