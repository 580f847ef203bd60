import csv from "../../data/digits/digits.csv?raw";

/** The UCI digits (1,797 images, 8 × 8 pixels valued 0–16, labels 0–9); see data/digits/README.md. */
export const digits: { pixels: number[][]; labels: number[] } = (() => {
  const rows = csv
    .trim()
    .split("\n")
    .map((line) => line.split(",").map(Number));
  return { pixels: rows.map((r) => r.slice(0, 64)), labels: rows.map((r) => r[64]) };
})();
