import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createRandom } from "@clearbox/core";
import { packFast, packHierarchical } from "../src/index.js";
import type { Placement } from "../src/index.js";

/** 300 "neurons" in 6 planted groups of class profiles, shuffled; sizes stand for importance. */
function neurons(seed: number, realSizes = false) {
  const random = createRandom(seed);
  const prototypes = Array.from({ length: 6 }, () => Array.from({ length: 10 }, () => random.next() ** 3));
  const group = random.shuffle(Array.from({ length: 300 }, (_, i) => i % 6));
  const features = group.map((g) => prototypes[g].map((v) => Math.max(0, v + 0.05 * random.normal())));
  const side = () => (realSizes ? 8 + random.next() * 30 : 8 + random.int(30));
  const rects = group.map(() => ({ width: side(), height: side() }));
  return { features, rects, group };
}

/** Mean share of each rectangle's 4 nearest rectangles (by centre) that belong to another planted group. */
function strangerShare(placements: Placement[], group: number[]): number {
  const centres = placements.map((p) => [p.x + p.width / 2, p.y + p.height / 2]);
  let strangers = 0;
  centres.forEach(([x, y], i) => {
    const nearest = centres
      .map(([u, v], j) => [j, Math.hypot(u - x, v - y)] as const)
      .filter(([j]) => j !== i)
      .sort((a, b) => a[1] - b[1])
      .slice(0, 4);
    for (const [j] of nearest) if (group[j] !== group[i]) strangers++;
  });
  return strangers / (4 * placements.length);
}

describe("packHierarchical", () => {
  const { features, rects, group } = neurons(7);
  const result = packHierarchical(rects, { features, padding: 1 });

  const real = neurons(8, true);
  const realResult = packHierarchical(real.rects, { features: real.features, padding: 1 });

  it.each([
    ["integer", rects, result],
    ["real-valued (packed on a grid)", real.rects, realResult],
  ] as const)("%s sizes: every rectangle once, inside its region, no overlap, shape kept", (_, rects, result) => {
    expect(result.placements.map((p) => p.index)).toEqual(rects.map((_, i) => i));
    const regionOf = new Map<number, (typeof result.regions)[number]>();
    for (const region of result.regions) for (const i of region.members) regionOf.set(i, region);
    expect(regionOf.size).toBe(rects.length);
    result.placements.forEach((p, i) => {
      expect(p.width / p.height).toBeCloseTo(rects[i].width / rects[i].height, 9);
      const region = regionOf.get(i)!;
      expect(p.scale).toBe(region.scale);
      expect(p.width).toBeCloseTo(rects[i].width * region.scale, 9);
      expect(p.x).toBeGreaterThanOrEqual(region.x - 1e-6);
      expect(p.y).toBeGreaterThanOrEqual(region.y - 1e-6);
      expect(p.x + p.width).toBeLessThanOrEqual(region.x + region.width + 1e-6);
      expect(p.y + p.height).toBeLessThanOrEqual(region.y + region.height + 1e-6);
      expect(p.x + p.width).toBeLessThanOrEqual(result.width + 1e-6);
      expect(p.y + p.height).toBeLessThanOrEqual(result.height + 1e-6);
    });
    const overlapping: Array<[number, number]> = [];
    const ps = result.placements;
    for (let a = 0; a < ps.length; a++) {
      for (let b = a + 1; b < ps.length; b++) {
        const ox = Math.min(ps[a].x + ps[a].width, ps[b].x + ps[b].width) - Math.max(ps[a].x, ps[b].x);
        const oy = Math.min(ps[a].y + ps[a].height, ps[b].y + ps[b].height) - Math.max(ps[a].y, ps[b].y);
        if (ox > 1e-6 && oy > 1e-6) overlapping.push([a, b]);
      }
    }
    expect(overlapping).toEqual([]);
    for (const region of result.regions) expect(region.members.length).toBeLessThanOrEqual(12);
    if (result === realResult) for (const region of result.regions) expect(region.optimal).toBe(false);
  });

  it("puts similar rectangles next to each other, unlike packFast", () => {
    const hierarchical = strangerShare(result.placements, group);
    const fast = strangerShare(packFast(rects).placements, group);
    expect(fast).toBeGreaterThan(0.6); // 5 of 6 groups are strangers to any rectangle when placement ignores them
    expect(hierarchical).toBeLessThan(fast / 3);
  });

  it("accepts a similarity function and a fixed size, and is deterministic", () => {
    const byGroup = packHierarchical(rects, {
      similarity: (a, b) => (group[a] === group[b] ? 1 : 0),
      width: 400,
      height: 300,
    });
    expect([byGroup.width, byGroup.height]).toEqual([400, 300]);
    expect(strangerShare(byGroup.placements, group)).toBeLessThan(0.25);
    const again = packHierarchical(rects, { features, padding: 1 });
    expect(again.regions.map((r) => r.members)).toEqual(result.regions.map((r) => r.members));
  });

  it("rejects missing or mismatched features and bad sizes; empty input gives an empty layout", () => {
    expect(() => packHierarchical(rects)).toThrow(expect.objectContaining({ code: "E_OPTION" }));
    expect(() => packHierarchical(rects, { features: features.slice(1) })).toThrow(
      expect.objectContaining({ code: "E_SHAPE" }),
    );
    expect(() => packHierarchical(rects, { features, width: 10 })).toThrow(
      expect.objectContaining({ argument: "options.height" }),
    );
    expect(() => packHierarchical(rects, { features, aspectRatio: 0 })).toThrow(
      expect.objectContaining({ code: "E_RANGE" }),
    );
    expect(() => packHierarchical(rects, { features, leafMaxNodes: 0 })).toThrow(
      expect.objectContaining({ argument: "options.leafMaxNodes" }),
    );
    expect(packHierarchical([], { similarity: () => 1 }).placements).toEqual([]);
  });

  it("repeats exactly, in one process and in another: its leaf searches stop by nodes, never by time", () => {
    const summary = (r: ReturnType<typeof packHierarchical>) =>
      JSON.stringify([r.width, r.height, r.placements, r.regions.map((g) => [g.members, g.scale, g.optimal])]);
    const sizes = rects.slice(0, 60);
    const first = summary(packHierarchical(sizes, { features: features.slice(0, 60), padding: 1 }));
    expect(summary(packHierarchical(sizes, { features: features.slice(0, 60), padding: 1 }))).toBe(first);
    const child = execFileSync(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `import { packHierarchical } from "@clearbox/rect-pack";
         const [sizes, features] = JSON.parse(process.argv[1]);
         const r = packHierarchical(sizes, { features, padding: 1 });
         process.stdout.write(JSON.stringify([r.width, r.height, r.placements, r.regions.map((g) => [g.members, g.scale, g.optimal])]));`,
        JSON.stringify([sizes, features.slice(0, 60)]),
      ],
      { cwd: fileURLToPath(new URL("..", import.meta.url)), encoding: "utf8" },
    );
    expect(child).toBe(first);
  });
});
