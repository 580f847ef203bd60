import type { ChannelSummary } from "./batch-forward.js";
import type { ReceptiveField } from "./receptive-field.js";
import { TopKHeaps } from "./top-k-heap.js";

/** The input images of one batch, flat and channels last. */
export interface Batch {
  images: Float32Array;
  labels: Int32Array;
  /** Index of the batch's first sample in the whole stream. */
  start: number;
}

/**
 * One group's per-neuron statistics, accumulated batch by batch so memory does not grow with the number of images:
 * per class the sum of each neuron's response (its mean over positions), the sum of |response|, and the top-k
 * responses (each a maximum over positions) with a copy of the input patch under them.
 */
export class GroupAccumulator {
  readonly classSums: Float64Array;
  readonly absSum: Float64Array;
  readonly heaps: TopKHeaps;
  /** Patch pixels per heap slot: side × side × channels each, NaN outside the image. */
  readonly patches: Float32Array;
  readonly side: number;
  totalMean = 0;

  constructor(
    readonly units: number,
    readonly classes: number,
    k: number,
    readonly field: ReceptiveField | null,
    readonly outWidth: number,
    readonly inputShape: number[],
    patchSize: number,
  ) {
    this.classSums = new Float64Array(units * classes);
    this.absSum = new Float64Array(units);
    this.heaps = new TopKHeaps(units, k);
    const [h, w] = inputShape.length === 3 ? inputShape : [1, inputShape[0]];
    const seen = field === null ? Math.max(h, w) : Math.max(field.size[0], field.size[1]);
    this.side = Math.max(1, Math.min(patchSize, Math.ceil(seen)));
    this.patches = new Float32Array(units * k * this.side * this.side * this.channels).fill(Number.NaN);
  }

  get channels(): number {
    return this.inputShape.length === 3 ? this.inputShape[2] : 1;
  }

  add(summary: ChannelSummary, batch: Batch): void {
    const { units, classes } = this;
    const n = batch.labels.length;
    for (let s = 0; s < n; s++) {
      const c = batch.labels[s];
      for (let u = 0; u < units; u++) {
        const m = summary.mean[s * units + u];
        this.classSums[u * classes + c] += m;
        this.absSum[u] += Math.abs(m);
        this.totalMean += m;
        const peak = summary.max[s * units + u];
        if (!this.heaps.accepts(u, peak)) continue;
        const slot = this.heaps.push(u, peak, batch.start + s, summary.argMax[s * units + u]);
        this.copyPatch(u * this.heaps.k + slot, batch.images, s, summary.argMax[s * units + u]);
      }
    }
  }

  /** Copy the input under output cell `position` (the whole input for a vector layer), resampled to side × side. */
  private copyPatch(slot: number, images: Float32Array, s: number, position: number): void {
    const [h, w, ch] = this.inputShape.length === 3 ? this.inputShape : [1, this.inputShape[0], 1];
    const f = this.field;
    const size = f === null ? [h, w] : f.size;
    const top = f === null ? 0 : f.start[0] + Math.floor(position / this.outWidth) * f.jump[0];
    const left = f === null ? 0 : f.start[1] + (position % this.outWidth) * f.jump[1];
    const side = this.side;
    const base = slot * side * side * ch;
    const image = s * h * w * ch;
    for (let py = 0; py < side; py++) {
      const y = Math.floor(top + ((py + 0.5) * size[0]) / side);
      for (let px = 0; px < side; px++) {
        const x = Math.floor(left + ((px + 0.5) * size[1]) / side);
        const inside = y >= 0 && y < h && x >= 0 && x < w;
        for (let c = 0; c < ch; c++) {
          this.patches[base + (py * side + px) * ch + c] = inside ? images[image + (y * w + x) * ch + c] : Number.NaN;
        }
      }
    }
  }
}
