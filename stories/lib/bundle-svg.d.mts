import type { BundleGeometry, ClusterStrength, WeightedBiclustering } from "@clearbox/bicluster";

export function bundleSvg(p: {
  geometry: BundleGeometry;
  inputs: number;
  outputs: number;
  inputPositions: ArrayLike<number>;
  outputPositions: ArrayLike<number>;
  width: number;
  height: number;
  title: string;
}): string;
export function unbundled(strengths: readonly ClusterStrength[], threshold: number): WeightedBiclustering;
