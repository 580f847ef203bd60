import type { LongRunningOptions } from "@clearbox/core";
import type { Grouping } from "./layer-groups.js";
import type { ReceptiveField } from "./receptive-field.js";

export type { Grouping, ReceptiveField };

/** Labelled inputs: `images` holds `labels.length` inputs in the model's input shape, flat, channels last. */
export interface Samples {
  images: ArrayLike<number>;
  /** One class index (an integer in 0 … classes − 1) per input. */
  labels: ArrayLike<number>;
  /** Class names; default "0", "1", … (or `options.classes`). */
  classes?: readonly string[];
}

/** Options of {@link analyzeModel}. */
export interface AnalyzeOptions extends LongRunningOptions {
  /** Inputs per forward pass: memory holds one batch's activations. Default 64. */
  batchSize?: number;
  /** Top patches kept per neuron (a bounded heap). Default 4. */
  topK?: number;
  /** Largest side of a stored patch, in pixels; larger receptive fields are resampled to it. Default 32. */
  patchSize?: number;
  /** "boundaries" (default, §3.3 a) or "activation" (§3.3 b: adjacent layers of similar mean activation merged). */
  grouping?: Grouping;
  /** "activation" grouping: the largest relative difference of mean activation that still merges. Default 0.25. */
  tolerance?: number;
  /** "activation" grouping: how many samples (the first) measure the layers' mean activations. Default 256. */
  groupingSamples?: number;
  /** Class names (required when `samples` is an iterable of batches: it fixes the class count). */
  classes?: readonly string[];
  /** k of the default k-means clustering per group (default √units; one cluster per unit for an output of ≤ 20). */
  clusters?: readonly number[];
  /** Seed of the default clustering. Default 1. */
  seed?: number;
}

/** A neuron's top inputs: for each unit up to k samples, strongest first, and the input patch under each peak. */
export interface TopPatches {
  k: number;
  /** A patch is side × side × channels values (NaN where the receptive field lies outside the image). */
  side: number;
  channels: number;
  /** How many entries each unit holds (≤ k). */
  counts: Int32Array;
  /** samples[u · k + r]: the sample of unit u's r-th strongest response (−1 when fewer), its value, its patch. */
  samples: Int32Array;
  values: Float32Array;
  patches: Float32Array;
  /** The readout's receptive field in input pixels; null when it sees the whole input (a vector layer). */
  field: ReceptiveField | null;
}

/** A layer group and the facts of its neurons (the channels of its readout layer). */
export interface NeuronGroup {
  name: string;
  layers: string[];
  readout: string;
  /** "channels" for a spatial readout (neurons are feature maps), "units" for a vector. */
  kind: "channels" | "units";
  units: number;
  /** Positions per channel (1 for units). */
  positions: number;
  /** Mean activation over neurons, positions and samples. */
  meanActivation: number;
  /** vectors[u][c]: unit u's mean response to class c (eq. 3-1; a response is the mean over positions). */
  vectors: number[][];
  /** Mean |response| over all samples. */
  importance: Float64Array;
  /** The class each unit responds to most. */
  topClass: Int32Array;
  top: TopPatches;
}

/** The weights between two consecutive groups' neurons, rows × columns (see channelMap in the README). */
export interface GroupConnection {
  from: number;
  to: number;
  rows: number;
  columns: number;
  weights: Float64Array;
  /** Linear layers composed between the readouts: 1 means one kernel; more means a linearisation. */
  layersCrossed: number;
}

/** What {@link analyzeModel} returns. */
export interface Analysis {
  inputShape: number[];
  classes: string[];
  /** Samples per class. */
  classCounts: number[];
  count: number;
  grouping: Grouping;
  /** Every layer of the network as credit reads it (Dropout and kin skipped), by name. */
  layerNames: string[];
  groups: NeuronGroup[];
  connections: GroupConnection[];
  /** The default clustering: clusters[g][u] is unit u's cluster in group g. */
  clusters: number[][];
}
