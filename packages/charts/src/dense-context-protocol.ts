// The messages between polylineChart's main thread (src/dense-context.ts) and its density worker
// (src/dense-lines-worker.ts).

/** Main thread → worker. */
export type DensityMessage =
  | {
      type: "init";
      canvas: OffscreenCanvas;
      columns: number;
      rows: number;
      /** Steps per series. */
      length: number;
      /** Series that will be sent in all. */
      total: number;
      /** 256 colours, r g b each. */
      lut: Uint8Array;
      /** Each step's column (in raster cells). */
      sx: Float64Array;
      view: number;
    }
  /** `count` series, row-major, already as raster rows (y), in the order they should be counted. */
  | { type: "series"; values: Float32Array; count: number }
  /** Count anew for other columns (a brush end). */
  | { type: "view"; sx: Float64Array; view: number };

/** Worker → main thread, after each paint. */
export interface PaintedMessage {
  type: "painted";
  view: number;
  series: number;
  total: number;
  complete: boolean;
  /** The whole raster, once complete. */
  raster?: Float32Array;
}
