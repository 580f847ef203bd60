import { UNIT_TYPES } from "./graph.js";
import type { Graph, GraphNode } from "./graph.js";

/** A group of consecutive layers whose neurons CNNVis clusters together (thesis §3.3). */
export interface LayerGroupSpec {
  /** Display name: its layers' names, shortened when many. */
  name: string;
  /** Names of its layers, in the network's order (only layers credit reads: Dropout and kin are not layers). */
  layers: string[];
  /** The layer whose output channels are the group's neurons: its last layer that is not a flatten, reshape, padding or cropping. */
  readout: string;
  /** Activation index of the readout (layer position + 1). */
  readoutIndex: number;
  /** Activation indices of the group's layers. */
  indices: number[];
}

/** How layers are grouped: at resolution and pooling boundaries (§3.3 a) or by similar mean activation (§3.3 b). */
export type Grouping = "boundaries" | "activation";

// Layers that only move or pad cells: a group's readout is the last layer that is none of these.
const PASSIVE = new Set(["flatten", "reshape", "zeroPadding2d", "cropping2d"]);

/** "28×28" for a spatial output, "flat" for a vector. */
function resolution(node: GraphNode): string {
  return node.outShape.length === 3 ? `${node.outShape[0]}×${node.outShape[1]}` : "flat";
}

/**
 * Split the layers into runs, each starting at a unit layer (a layer with a kernel) and holding the non-unit layers
 * after it; a unit layer joins the current run when `joins(run's first unit layer, it)` says so. Layers before the
 * first unit layer join the first run.
 */
function runs(graph: Graph, joins: (first: GraphNode, next: GraphNode) => boolean): GraphNode[][] {
  const out: GraphNode[][] = [];
  let current: GraphNode[] = [];
  let first: GraphNode | undefined;
  for (const node of graph.nodes) {
    const isUnit = UNIT_TYPES.has(node.layer.type);
    if (isUnit && first !== undefined && !joins(first, node)) {
      out.push(current);
      current = [];
      first = undefined;
    }
    if (isUnit) first ??= node;
    current.push(node);
  }
  if (current.length) out.push(current);
  return out;
}

function toSpec(nodes: GraphNode[]): LayerGroupSpec {
  const readout = graphReadout(nodes);
  const layers = nodes.map((n) => n.name);
  const name =
    layers.length <= 3 ? layers.join(" + ") : `${layers[0]} … ${layers[layers.length - 1]} (${layers.length} layers)`;
  return { name, layers, readout: readout.name, readoutIndex: readout.index, indices: nodes.map((n) => n.index) };
}

/**
 * §3.3 a: a new group starts at a unit layer whose output resolution differs from the current group's (after a
 * pooling layer, a stride-2 convolution, a residual stage's downsampling) and at every dense layer.
 */
export function groupsByBoundaries(graph: Graph): LayerGroupSpec[] {
  const joins = (first: GraphNode, next: GraphNode) =>
    next.layer.type !== "dense" && first.layer.type !== "dense" && resolution(first) === resolution(next);
  return runs(graph, joins).map(toSpec);
}

/**
 * §3.3 b: start from one group per unit layer (with the layers after it) and merge a group into the one before it
 * when both are spatial or both flat and their readouts' mean activations differ by at most `tolerance` times the
 * larger magnitude. `means` holds each activation index's mean activation.
 */
export function groupsByActivation(
  graph: Graph,
  means: ReadonlyMap<number, number>,
  tolerance: number,
): LayerGroupSpec[] {
  const fine = runs(graph, () => false);
  const merged: GraphNode[][] = [];
  for (const run of fine) {
    const previous = merged[merged.length - 1];
    if (previous !== undefined && similar(previous, run, means, tolerance)) previous.push(...run);
    else merged.push([...run]);
  }
  return merged.map(toSpec);
}

function similar(a: GraphNode[], b: GraphNode[], means: ReadonlyMap<number, number>, tolerance: number): boolean {
  const ra = graphReadout(a);
  const rb = graphReadout(b);
  if ((ra.outShape.length === 3) !== (rb.outShape.length === 3)) return false;
  const ma = means.get(ra.index) ?? 0;
  const mb = means.get(rb.index) ?? 0;
  return Math.abs(ma - mb) <= tolerance * Math.max(Math.abs(ma), Math.abs(mb));
}

function graphReadout(nodes: GraphNode[]): GraphNode {
  for (let i = nodes.length - 1; i >= 0; i--) if (!PASSIVE.has(nodes[i].layer.type)) return nodes[i];
  return nodes[nodes.length - 1];
}

/** The readout of every unit layer's fine group (one per unit layer): what §3.3 b compares. */
export function fineReadouts(graph: Graph): number[] {
  return runs(graph, () => false).map((run) => graphReadout(run).index);
}
