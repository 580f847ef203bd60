import type { LayerWeights } from "@clearbox/bicluster";

/** One layer pair of the digits CNN, clustered. */
export interface DigitsLayerPair {
  name: string;
  weights: LayerWeights;
  inputLabels: number[];
  outputLabels: number[];
  inputClusters: number;
  outputClusters: number;
}
export function digitsCnnLayerPairs(
  trained: unknown,
  pixels: readonly number[][],
  labels: readonly number[],
  options?: { samples?: number; seed?: number },
): DigitsLayerPair[];
