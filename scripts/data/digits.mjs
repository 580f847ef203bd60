// The vendored UCI digits (data/digits/digits.csv) read in Node: 1,797 images of 8 × 8 pixels (0–16) and labels.
// The browser side imports the file instead (stories/lib/digits.ts).
import { readFileSync } from "node:fs";

/** @returns { pixels: number[][] (64 values 0–16 per digit), labels: number[] } */
export function readDigits() {
  const rows = readFileSync(new URL("../../data/digits/digits.csv", import.meta.url), "utf8")
    .trim()
    .split("\n")
    .map((line) => line.split(",").map(Number));
  return { pixels: rows.map((r) => r.slice(0, 64)), labels: rows.map((r) => r[64]) };
}
