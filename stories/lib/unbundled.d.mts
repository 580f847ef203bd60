import type { ClusterStrength, WeightedBiclustering } from "@clearbox/bicluster";

export function unbundled(strengths: ClusterStrength[], threshold: number): WeightedBiclustering;
