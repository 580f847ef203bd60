// The messages between polylineChart's main thread (src/dense-context.ts) and its density worker
// (src/dense-lines-worker.ts).

/** Main thread → worker. */
export type DensityMessage =
  | {
      type: "init";
      canvas: OffscreenCanvas;
      columns: number;
      rows: number;
      /** Series in the data, and steps per series. */
      count: number;
      length: number;
      /** The series to count (those not drawn as lines). */
      others: Int32Array;
      /** A value's row: `offset + slope · value`. */
      y: { offset: number; slope: number };
      /** Each step's column (in raster cells). */
      sx: Float64Array;
      /** 256 colours, r g b each. */
      lut: Uint8Array;
      view: number;
      /** The values' type: float64 data is kept as float64 (a float32 copy would turn values past 3.4e38 into ∞). */
      float64: boolean;
      /** Every value at once when they are on a SharedArrayBuffer (nothing copied); else sent in "series" parts. */
      shared?: Float32Array | Float64Array;
    }
  /** The first batch's series (`stridedOrder`'s first FIRST_BATCH of `others`), gathered: sent first, painted first. */
  | { type: "preview"; values: Float32Array | Float64Array }
  /** The values of series `start`, `start + 1`, … (row-major), a copy of the caller's; its buffer comes back. */
  | { type: "series"; start: number; values: Float32Array | Float64Array }
  /** Count anew for other columns (a brush end). */
  | { type: "view"; sx: Float64Array; view: number };

/** Worker → main thread: after each paint, and a "series" part's buffer handed back for the next part. */
export type WorkerMessage = PaintedMessage | { type: "buffer"; buffer: ArrayBuffer };

export interface PaintedMessage {
  type: "painted";
  view: number;
  series: number;
  total: number;
  complete: boolean;
  /** The whole raster, once complete. */
  raster?: Float32Array;
}

/** Series in the first batch counted and painted: a spread-out subset, small so that the first picture comes early. */
export const FIRST_BATCH = 1_000;

/** The order the series are counted in: 0, k, 2k, …, then 1, k + 1, …, so that any prefix is spread over all `n` (k
 * chosen so that the first `first` are). */
export function stridedOrder(n: number, first: number): Int32Array {
  const stride = Math.max(1, Math.ceil(n / first));
  const order = new Int32Array(n);
  let p = 0;
  for (let j = 0; j < stride; j++) for (let i = j; i < n; i += stride) order[p++] = i;
  return order;
}
