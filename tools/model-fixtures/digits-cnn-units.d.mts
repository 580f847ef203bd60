import type { PreparedNetwork } from "@clearbox/credit";

export interface DenseNeurons {
  /** classMeans[n][c]: neuron n's mean activation over the digits of class c. */
  classMeans: number[][];
  /** Mean activation over all the digits. */
  importance: number[];
  /** k-means cluster of the class-mean vectors. */
  cluster: number[];
  /** The class each neuron responds to most. */
  topClass: number[];
}
export function denseNeurons(
  network: PreparedNetwork,
  pixels: readonly number[][],
  labels: readonly number[],
  options?: { samples?: number; clusters?: number },
): DenseNeurons;
export function convMapsGrid(
  network: PreparedNetwork,
  pixels: readonly number[],
): { values: number[]; influences: number[][]; labels: string[]; columns: number };
