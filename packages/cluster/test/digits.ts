import { readFileSync } from "node:fs";

/** The vendored UCI digits (1,797 × 64 pixels, labels 0–9); see data/digits/README.md. */
export function loadDigits(): { pixels: number[][]; labels: number[] } {
  const text = readFileSync(new URL("../../../data/digits/digits.csv", import.meta.url), "utf8");
  const rows = text
    .trim()
    .split("\n")
    .map((line) => line.split(",").map(Number));
  return { pixels: rows.map((r) => r.slice(0, 64)), labels: rows.map((r) => r[64]) };
}

export const reference = JSON.parse(readFileSync(new URL("./fixtures/reference.json", import.meta.url), "utf8")) as {
  digits_kmeans_k10_ninit10_inertia_by_random_state: number[];
  digits_class_means_meanshift: { bandwidth: number; clusters: number };
  greedy_modularity: Record<string, { networkx: number; communities: number }>;
};

export function loadGraph(name: string): { nodes: number; edges: Array<[number, number, number]> } {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), "utf8")) as {
    nodes: number;
    edges: Array<[number, number, number]>;
  };
}
