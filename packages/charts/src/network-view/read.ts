import { isAllowedImage, readImageOrigins } from "../image-href.js";
import { isArrayLike, readNumbers, readObject } from "../read-data.js";
import type { NetworkViewData } from "./types.js";

/** The data checked (a message for the empty state when it is not drawable); image URLs against the policy when asked. */
export function readNetwork(data: unknown, imageOrigins: unknown, checkImages = true): NetworkViewData | string {
  const object = readObject(data, "data");
  if (typeof object === "string") return object;
  const sizes = readNumbers([object.pairWidth, object.bandHeight], "data.pairWidth / data.bandHeight");
  if (typeof sizes === "string" || sizes[0] <= 0 || sizes[1] <= 0)
    return "data.pairWidth and data.bandHeight must be positive.";
  if (!Array.isArray(object.columns) || object.columns.length === 0)
    return "data.columns must list at least one layer group.";
  if (!Array.isArray(object.pairs) || object.pairs.length !== object.columns.length - 1) {
    return `data.pairs must hold one bundle geometry per pair of neighbouring columns (${object.columns.length - 1}).`;
  }
  const origins = checkImages ? readImageOrigins(imageOrigins) : undefined;
  for (let g = 0; g < object.columns.length; g++) {
    const problem = readColumn(object.columns[g], `data.columns[${g}]`, origins);
    if (problem !== undefined) return problem;
  }
  for (let p = 0; p < object.pairs.length; p++) {
    const pair = object.pairs[p] as { rects?: unknown; curves?: unknown } | null;
    if (!isArrayLike(pair?.rects) || !isArrayLike(pair?.curves)) return `data.pairs[${p}] must be { rects, curves }.`;
  }
  return object as unknown as NetworkViewData;
}

function readColumn(column: unknown, where: string, origins: ReadonlySet<string> | undefined): string | undefined {
  const c = column as { clusters?: unknown } | null;
  if (!Array.isArray(c?.clusters)) return `${where}.clusters must be an array.`;
  for (let k = 0; k < c.clusters.length; k++) {
    const cluster = c.clusters[k] as {
      id?: unknown;
      packing?: { placements?: unknown; width?: unknown; height?: unknown };
      neurons?: unknown;
    };
    const at = `${where}.clusters[${k}]`;
    if (!Number.isInteger(cluster?.id) || (cluster.id as number) < 0) return `${at}.id must be an integer ≥ 0.`;
    const size = readNumbers([cluster.packing?.width, cluster.packing?.height], `${at}.packing size`);
    if (typeof size === "string") return size;
    if (!isArrayLike(cluster.packing?.placements) || !Array.isArray(cluster.neurons))
      return `${at} needs packing.placements and neurons.`;
    for (const neuron of cluster.neurons as { href?: unknown }[]) {
      if (origins !== undefined && typeof neuron?.href === "string" && !isAllowedImage(neuron.href, origins))
        return `${at}: image URL not allowed (see imageOrigins).`;
    }
  }
  return undefined;
}
