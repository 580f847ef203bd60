/// <reference lib="webworker" />
// The worker behind polylineChart's off-thread density (src/dense-context.ts): it gathers the series it is sent (or
// reads them shared), counts them with denseLines in batches that double from FIRST_BATCH — in a strided order, so
// that the first batch is spread over every series — and paints the OffscreenCanvas it was given after the first
// batch and then every PAINT_EVERY ms. A new view (a brush end: other x positions) starts the count over from the
// series it keeps; nothing is sent again.
import { denseLines } from "./dense-lines.js";
import { paintRaster } from "./dense-paint.js";
import { FIRST_BATCH, stridedOrder } from "./dense-context-protocol.js";
import type { DensityMessage, PaintedMessage, WorkerMessage } from "./dense-context-protocol.js";

const PAINT_EVERY = 100;
const LARGEST_BATCH = 8_000;

type Init = Extract<DensityMessage, { type: "init" }>;

interface State extends Omit<Init, "type" | "canvas" | "shared" | "float64"> {
  context: OffscreenCanvasRenderingContext2D;
  values: Float32Array | Float64Array;
  /** Series received so far (all of them before counting starts). */
  received: number;
  /** Positions in `others` of the series in counting order. */
  order: Int32Array;
  raster: Float32Array;
  /** Series counted for the current view. */
  counted: number;
  lastPaint: number;
  running: boolean;
}

let state: State | undefined;
const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<DensityMessage>) => {
  const message = event.data;
  if (message.type === "init") state = start(message);
  else if (state === undefined) return;
  else if (message.type === "preview") {
    // The first batch, before the rest has arrived: painted at once (unless a new view came first).
    if (state.counted === 0 && state.view === 0) {
      const n = message.values.length / state.length;
      count(
        state,
        message.values,
        Int32Array.from({ length: n }, (_, i) => i),
      );
      paint(state, state.view, state.counted === state.others.length);
    }
  } else if (message.type === "series") {
    state.values.set(message.values, message.start * state.length);
    state.received += message.values.length / state.length;
    // Back to the main thread, which copies the next part into it (memory already in use copies fast; new does not).
    const buffer = message.values.buffer as ArrayBuffer;
    scope.postMessage({ type: "buffer", buffer } satisfies WorkerMessage, [buffer]);
  } else {
    state.view = message.view;
    state.sx = message.sx;
    state.raster.fill(0);
    state.counted = 0;
    state.lastPaint = 0;
  }
  if (state.received === state.count) void run(state);
};

function start(message: Init): State {
  const { canvas, shared, type, float64, ...rest } = message;
  void type;
  const values = shared ?? new (float64 ? Float64Array : Float32Array)(message.count * message.length);
  const context = canvas.getContext("2d");
  if (context === null) throw new Error("OffscreenCanvas has no 2d context");
  return {
    ...rest,
    context,
    values,
    received: shared ? message.count : 0,
    order: stridedOrder(message.others.length, FIRST_BATCH),
    raster: new Float32Array(message.columns * message.rows),
    counted: 0,
    lastPaint: 0,
    running: false,
  };
}

/** Count the series not yet counted for the current view, yielding between batches so that a new view can arrive. */
async function run(s: State) {
  if (s.running) return;
  s.running = true;
  try {
    let batch = new Int32Array(0);
    while (s.counted < s.others.length) {
      const view = s.view;
      const size = Math.min(LARGEST_BATCH, Math.max(FIRST_BATCH, s.counted), s.others.length - s.counted);
      if (batch.length !== size) batch = new Int32Array(size);
      for (let j = 0; j < size; j++) batch[j] = s.others[s.order[s.counted + j]];
      count(s, s.values, batch);
      const complete = s.counted === s.others.length;
      if (s.counted === size || complete || performance.now() - s.lastPaint >= PAINT_EVERY) paint(s, view, complete);
      // A macrotask boundary: the next message (a new view) is handled before the next batch.
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  } finally {
    s.running = false;
  }
}

/** Add the series `batch` of `values` to the raster. */
function count(s: State, values: Float32Array | Float64Array, batch: Int32Array) {
  const part = denseLines(values, batch, s.length, s.sx, s.y, s.columns, s.rows);
  for (let p = 0; p < part.length; p++) s.raster[p] += part[p];
  s.counted += batch.length;
}

/** The raster as colours (square root of the density over its maximum, as the main thread draws it). */
function paint(s: State, view: number, complete: boolean) {
  paintRaster(s.context, s.raster, s.columns, s.rows, s.lut);
  s.lastPaint = performance.now();
  const message: PaintedMessage = {
    type: "painted",
    view,
    series: s.counted,
    total: s.others.length,
    complete,
    raster: complete ? s.raster.slice() : undefined,
  };
  scope.postMessage(message);
}
