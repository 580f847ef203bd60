import { ClearboxError, assertInteger, assertOptions } from "@clearbox/core/internal";
import { assertGroup } from "./checks.js";
import type { NeuronGroup } from "./types.js";

/** Options of {@link neuronImage}. */
export interface NeuronImageOptions {
  /** Patches per row of the mosaic. Default 2 (a 2 × 2 mosaic of the top 4). */
  columns?: number;
  /** Grey images drawn as dark ink on white (MNIST-like). Default true for one channel. */
  invert?: boolean;
  /** Pixels per patch pixel. Default: enough for a 16-pixel patch. */
  scale?: number;
}

/**
 * A neuron's feature image: its top-k input patches (strongest first) in a mosaic, as RGB bytes, ready for a PNG
 * (charts' `pngDataUrl`) or a canvas. Input values are read as [0, 1] (clamped); cells outside the image and empty
 * slots are light grey.
 * @param group - a group of an {@link analyzeModel} result.
 * @param unit - the neuron (0 … units − 1).
 * @param options - columns, invert, scale.
 * @returns `{ width, height, rgb }` with width × height × 3 bytes.
 * @throws `E_TYPE` for a group that is not an analysis group; `E_RANGE` for a unit out of range; `E_OPTION` for an unknown option.
 * @example
 * const { width, height, rgb } = neuronImage(analysis.groups[0], 3);
 * const href = pngDataUrl(width, height, rgb);
 */
export function neuronImage(
  group: NeuronGroup,
  unit: number,
  options: NeuronImageOptions = {},
): { width: number; height: number; rgb: Uint8Array } {
  options = assertOptions(options, "options", { columns: true, invert: true, scale: true });
  assertGroup(group, "group");
  assertInteger(unit, "unit", 0, group.units - 1);
  const { k, side, channels, patches } = group.top;
  const columns =
    options.columns === undefined ? Math.min(2, k) : assertInteger(options.columns, "options.columns", 1, k);
  const rows = Math.ceil(k / columns);
  const scale =
    options.scale === undefined
      ? Math.max(1, Math.ceil(16 / side))
      : assertInteger(options.scale, "options.scale", 1, 64);
  if (typeof options.invert !== "undefined" && typeof options.invert !== "boolean") {
    throw new ClearboxError("E_TYPE", "options.invert must be a boolean.", { argument: "options.invert" });
  }
  const invert = options.invert ?? channels === 1;
  const cell = side * scale;
  const width = columns * (cell + 1) - 1;
  const height = rows * (cell + 1) - 1;
  const rgb = new Uint8Array(width * height * 3).fill(255);
  const size = side * side * channels;
  for (let r = 0; r < k; r++) {
    const x0 = (r % columns) * (cell + 1);
    const y0 = Math.floor(r / columns) * (cell + 1);
    const base = (unit * k + r) * size;
    for (let y = 0; y < cell; y++) {
      for (let x = 0; x < cell; x++) {
        const at = base + (Math.floor(y / scale) * side + Math.floor(x / scale)) * channels;
        const o = ((y0 + y) * width + x0 + x) * 3;
        for (let c = 0; c < 3; c++) rgb[o + c] = shade(patches[at + (channels === 1 ? 0 : c)], invert);
      }
    }
  }
  return { width, height, rgb };
}

function shade(v: number, invert: boolean): number {
  if (Number.isNaN(v)) return 225;
  const t = Math.min(1, Math.max(0, v));
  return Math.round(255 * (invert ? 1 - t : t));
}
