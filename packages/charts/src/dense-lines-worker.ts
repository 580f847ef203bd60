/// <reference lib="webworker" />
// The worker behind polylineChart's off-thread density (src/dense-context.ts): it keeps the series it is sent
// (already in raster rows), counts them with denseLines chunk by chunk and paints the OffscreenCanvas it was given
// after the first chunk and then every PAINT_EVERY ms, so that a first picture comes early and refines. A new view
// (a brush end: other x positions) starts the count over from the series it keeps; nothing is sent again.
import { denseLines } from "./dense-lines.js";
import type { DensityMessage, PaintedMessage } from "./dense-context-protocol.js";

const PAINT_EVERY = 100;

interface State {
  canvas: OffscreenCanvas;
  context: OffscreenCanvasRenderingContext2D;
  columns: number;
  rows: number;
  length: number;
  total: number;
  lut: Uint8Array;
  chunks: { values: Float32Array; count: number }[];
  view: number;
  sx: Float64Array;
  raster: Float32Array;
  /** Chunks counted for the current view, and the series in them. */
  done: number;
  counted: number;
  lastPaint: number;
  running: boolean;
}

let state: State | undefined;
const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<DensityMessage>) => {
  const message = event.data;
  if (message.type === "init") {
    const context = message.canvas.getContext("2d");
    if (context === null) throw new Error("OffscreenCanvas has no 2d context");
    state = {
      ...message,
      context,
      chunks: [],
      view: 0,
      raster: new Float32Array(message.columns * message.rows),
      done: 0,
      counted: 0,
      lastPaint: 0,
      running: false,
    };
    return;
  }
  if (state === undefined) return;
  if (message.type === "series") state.chunks.push({ values: message.values, count: message.count });
  else {
    state.view = message.view;
    state.sx = message.sx;
    state.raster.fill(0);
    state.done = 0;
    state.counted = 0;
    state.lastPaint = 0;
  }
  void run(state);
};

/** Count the chunks not yet counted for the current view, yielding between chunks so that a new view can arrive. */
async function run(s: State) {
  if (s.running) return;
  s.running = true;
  try {
    while (s.done < s.chunks.length) {
      const view = s.view;
      const chunk = s.chunks[s.done];
      const part = denseLines(
        chunk.values,
        identity(chunk.count),
        s.length,
        s.sx,
        { offset: 0, slope: 1 },
        s.columns,
        s.rows,
      );
      for (let p = 0; p < part.length; p++) s.raster[p] += part[p];
      s.done++;
      s.counted += chunk.count;
      const complete = s.counted === s.total;
      const now = performance.now();
      if (s.done === 1 || complete || now - s.lastPaint >= PAINT_EVERY) paint(s, view, complete);
      // A macrotask boundary: the next message (a new view, more series) is handled before the next chunk.
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  } finally {
    s.running = false;
  }
}

let identities = new Int32Array(0);
/** 0, 1, …, count − 1: every series of a chunk (one list, grown as needed). */
function identity(count: number) {
  if (identities.length < count) identities = Int32Array.from({ length: count }, (_, i) => i);
  return identities.subarray(0, count);
}

/** The raster as colours (square root of the density over its maximum, as the synchronous path draws it). */
function paint(s: State, view: number, complete: boolean) {
  let max = 0;
  for (let p = 0; p < s.raster.length; p++) if (s.raster[p] > max) max = s.raster[p];
  const image = s.context.createImageData(s.columns, s.rows);
  for (let p = 0; p < s.raster.length; p++) {
    if (s.raster[p] === 0) continue;
    const q = 3 * Math.round(255 * Math.sqrt(s.raster[p] / (max || 1)));
    image.data[4 * p] = s.lut[q];
    image.data[4 * p + 1] = s.lut[q + 1];
    image.data[4 * p + 2] = s.lut[q + 2];
    image.data[4 * p + 3] = 255;
  }
  s.context.putImageData(image, 0, 0);
  s.lastPaint = performance.now();
  const message: PaintedMessage = {
    type: "painted",
    view,
    series: s.counted,
    total: s.total,
    complete,
    raster: complete ? s.raster.slice() : undefined,
  };
  scope.postMessage(message);
}
