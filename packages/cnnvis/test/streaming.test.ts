// Streaming: the facts do not depend on the batch size or on how the samples are cut into blocks; the bounded heap
// keeps exactly the top k of a brute-force sort; bad input gets coded errors.
import { describe, expect, it } from "vitest";
import { createRandom } from "@clearbox/core";
import { analyzeModel } from "../src/index.js";
import { TopKHeaps } from "../src/top-k-heap.js";
import { classImages, sequentialCnn } from "@clearbox/fixtures/keras-models";

describe("analyzeModel streams samples", () => {
  const model = sequentialCnn(12, 4);
  const { images, labels } = classImages(50, [12, 12, 1], 4, 9);
  const whole = analyzeModel(model, { images, labels }, { batchSize: 64 });

  it("gives the same facts for batches of 7 and for an iterable of blocks", () => {
    const small = analyzeModel(model, { images, labels }, { batchSize: 7 });
    const blocks = [0, 20, 35].map((from, i, all) => {
      const to = all[i + 1] ?? 50;
      return { images: images.subarray(from * 144, to * 144), labels: labels.slice(from, to) };
    });
    const streamed = analyzeModel(model, blocks, { batchSize: 8, classes: ["0", "1", "2", "3"] });
    for (const other of [small, streamed]) {
      other.groups.forEach((group, g) => {
        const base = whole.groups[g];
        group.vectors.forEach((v, u) => v.forEach((x, c) => expect(x).toBeCloseTo(base.vectors[u][c], 4)));
        expect(Array.from(group.top.samples)).toEqual(Array.from(base.top.samples));
        expect(Array.from(group.top.patches)).toEqual(Array.from(base.top.patches));
      });
      expect(other.clusters).toEqual(whole.clusters);
    }
  });

  it("stores each top patch as the input under the receptive field of the peak", () => {
    const g = whole.groups[2]; // the hidden dense layer sees the whole image
    const k = g.top.k;
    const s = g.top.samples[0 * k];
    expect(g.top.side).toBe(12);
    expect(Array.from(g.top.patches.subarray(0, 144))).toEqual(Array.from(images.subarray(s * 144, (s + 1) * 144)));
    expect(whole.groups[0].top.field).toEqual({ size: [6, 6], jump: [2, 2], start: [-2, -2] });
  });

  it("refuses bad input with coded errors", () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        return (error as { code?: string }).code;
      }
      return "no error";
    };
    expect(code(() => analyzeModel(model, { images, labels }, { batchSzie: 3 } as never))).toBe("E_OPTION");
    expect(code(() => analyzeModel(model, { images: images.subarray(1), labels }))).toBe("E_SHAPE");
    expect(code(() => analyzeModel(model, { images, labels: labels.map(() => 9) }, { classes: ["a", "b"] }))).toBe(
      "E_RANGE",
    );
    const bad = images.slice();
    bad[5] = Number.NaN;
    expect(code(() => analyzeModel(model, { images: bad, labels }))).toBe("E_NAN");
    expect(code(() => analyzeModel(model, [{ images, labels }]))).toBe("E_OPTION");
    expect(code(() => analyzeModel({ layers: [] }, { images, labels }))).toBe("E_EMPTY");
    const controller = new AbortController();
    controller.abort();
    expect(code(() => analyzeModel(model, { images, labels }, { signal: controller.signal }))).toBe("E_ABORTED");
  });

  it("merges adjacent layers of similar mean activation (§3.3 b) with a loose tolerance, none with a tight one", () => {
    const loose = analyzeModel(model, { images, labels }, { grouping: "activation", tolerance: 1e9 });
    const tight = analyzeModel(model, { images, labels }, { grouping: "activation", tolerance: 1e-9 });
    expect(tight.groups.map((g) => g.layers[0])).toEqual(["conv1", "conv2", "conv3", "hidden", "logits"]);
    expect(loose.groups.length).toBeLessThan(tight.groups.length);
    expect(loose.groups.flatMap((g) => g.layers)).toEqual(tight.groups.flatMap((g) => g.layers));
  });
});

describe("TopKHeaps", () => {
  it("keeps the k largest values (earliest sample on ties), as a full sort does", () => {
    const random = createRandom(4);
    for (const k of [1, 3, 8]) {
      const heaps = new TopKHeaps(5, k);
      const seen: { u: number; v: number; s: number }[] = [];
      for (let s = 0; s < 300; s++) {
        for (let u = 0; u < 5; u++) {
          const v = Math.round(random.next() * 40); // many ties
          heaps.push(u, v, s, s % 7);
          seen.push({ u, v, s });
        }
      }
      for (let u = 0; u < 5; u++) {
        const expected = seen
          .filter((e) => e.u === u)
          .sort((a, b) => b.v - a.v || a.s - b.s)
          .slice(0, k);
        const got = heaps
          .ranked(u)
          .map((slot) => ({ u, v: heaps.values[u * k + slot], s: heaps.samples[u * k + slot] }));
        expect(got).toEqual(expected);
      }
    }
  });
});
