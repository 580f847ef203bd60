// polylineChart's density context off the main thread: the canvas handed to a worker as an OffscreenCanvas, the
// series copied to it in parts (each part its own task here, a plain memory copy, so the page keeps drawing frames)
// or shared, the worker counting them with denseLines and painting after a first spread-out subset, then refining
// (src/dense-lines-worker.ts).
import { FIRST_BATCH, stridedOrder } from "./dense-context-protocol.js";
import type { DensityMessage, WorkerMessage } from "./dense-context-protocol.js";

/** What `onDensity` reports after each paint of the off-thread density. */
export interface DensityProgress {
  /** True once every series of the context is counted (the picture is final for this range). */
  complete: boolean;
  /** Series counted so far, of `total`. */
  series: number;
  total: number;
  /**
   * The raster's size in cells (2 px each) and, once complete, its weights (`columns × rows`, row-major) — absent when
   * the worker could not start and the main thread painted the density instead.
   */
  columns: number;
  rows: number;
  raster?: Float32Array;
}

/** A density being painted by a worker. */
export interface OffThreadDensity {
  /** Count anew for other step columns (a brush end); the worker keeps the series. */
  view(sx: Float64Array): void;
  /** Terminate the worker (abort, destroy, redraw). */
  stop(): void;
}

export interface OffThreadJob {
  values: Float32Array | Float64Array;
  count: number;
  length: number;
  /** The series to count (those not drawn as lines), increasing. */
  others: Int32Array;
  sx: Float64Array;
  y: { offset: number; slope: number };
  columns: number;
  rows: number;
  lut: Uint8Array;
  onPainted(progress: DensityProgress): void;
  /** The worker failed (e.g. its file did not load): the caller paints on the main thread instead. */
  onError(error: unknown): void;
}

/** Values per part sent to the worker (2 MB of float32), and the part buffers in flight, reused. */
const PART_VALUES = 500_000;
const PART_BUFFERS = 3;

/** True where a canvas can be painted by a worker (not server-side, not in browsers without OffscreenCanvas). */
export function canPaintOffThread(canvas: HTMLCanvasElement): boolean {
  return (
    typeof Worker === "function" &&
    typeof OffscreenCanvas === "function" &&
    typeof canvas.transferControlToOffscreen === "function"
  );
}

/** A new density worker. Throws where workers cannot start (no import.meta.url in the bundle, a page's policy). */
export function spawnDensityWorker(): Worker {
  // A URL the user's bundler resolves (as src/async.ts does); built to dist/dense-lines-worker.js, beside the chunk
  // this module lands in.
  return new Worker(new URL("./dense-lines-worker.js", import.meta.url), { type: "module" });
}

/** Hand `canvas` to a density worker (a new one, or `worker` spawned earlier) and send it the series. */
export function paintDensityOffThread(
  canvas: HTMLCanvasElement,
  job: OffThreadJob,
  worker: Worker = spawnDensityWorker(),
): OffThreadDensity {
  let view = 0;
  let stopped = false;
  const stop = () => {
    stopped = true;
    worker.terminate();
  };
  let returned: (buffer: ArrayBuffer) => void = () => {};
  worker.onmessage = (event: MessageEvent<WorkerMessage>) => {
    const m = event.data;
    if (m.type === "buffer") return returned(m.buffer);
    if (stopped || m.view !== view) return;
    const { complete, series, total, raster } = m;
    job.onPainted({ complete, series, total, columns: job.columns, rows: job.rows, raster });
  };
  worker.onerror = (event) => {
    if (stopped) return;
    event.preventDefault();
    stop();
    job.onError(event.message || "the density worker failed");
  };
  const offscreen = canvas.transferControlToOffscreen();
  offscreen.width = job.columns;
  offscreen.height = job.rows;
  // Values on a SharedArrayBuffer (a cross-origin isolated page) are read in place; others are copied in parts.
  const shared = typeof SharedArrayBuffer === "function" && job.values.buffer instanceof SharedArrayBuffer;
  const { columns, rows, count, length, others, y, lut, sx } = job;
  const float64 = job.values instanceof Float64Array;
  const init = { columns, rows, count, length, others, y, sx, lut, view, float64 };
  post(worker, { type: "init", canvas: offscreen, ...init, shared: shared ? job.values : undefined }, [offscreen]);
  if (!shared) {
    post(worker, { type: "preview", values: firstBatch(job) }, []);
    returned = sendSeries(worker, job, () => stopped);
  }
  return {
    view(next) {
      if (stopped) return;
      view++;
      post(worker, { type: "view", sx: next, view }, []);
    },
    stop,
  };
}

function post(worker: Worker, message: DensityMessage, transfer: Transferable[]) {
  worker.postMessage(message, transfer);
}

/** The values of the first batch the worker counts, gathered (1,000 series: a fraction of a millisecond's copy). */
function firstBatch(job: OffThreadJob): Float32Array | Float64Array {
  const { others, length, values } = job;
  const order = stridedOrder(others.length, FIRST_BATCH).subarray(0, Math.min(FIRST_BATCH, others.length));
  const batch = new (values instanceof Float64Array ? Float64Array : Float32Array)(order.length * length);
  for (let j = 0; j < order.length; j++) {
    const base = others[order[j]] * length;
    batch.set(values.subarray(base, base + length), j * length);
  }
  return batch;
}

/**
 * Send copies of the values in parts of whole series, each part's buffer transferred and handed back by the worker
 * for a later part: a copy into memory already touched is a plain memcpy (~0.3 ms for 2 MB), where fresh memory's
 * page faults made the same copy 10–50 ms on the shared benchmark machine. Returns what to do with a returned buffer.
 */
function sendSeries(worker: Worker, job: OffThreadJob, stopped: () => boolean): (buffer: ArrayBuffer) => void {
  const perPart = Math.max(1, Math.floor(PART_VALUES / job.length));
  const Values = job.values instanceof Float64Array ? Float64Array : Float32Array;
  const free: ArrayBuffer[] = [];
  let made = 0;
  let start = 0;
  const next = () => {
    if (stopped() || start >= job.count) return;
    if (free.length === 0 && made < PART_BUFFERS) {
      free.push(new ArrayBuffer(perPart * job.length * Values.BYTES_PER_ELEMENT));
      made++;
    }
    const buffer = free.pop();
    if (buffer === undefined) return; // the next returned buffer sends the next part
    const end = Math.min(job.count, start + perPart);
    const values = new Values(buffer, 0, (end - start) * job.length);
    values.set(job.values.subarray(start * job.length, end * job.length));
    post(worker, { type: "series", start, values }, [buffer]);
    start = end;
    yieldThen(next);
  };
  next();
  return (buffer) => {
    free.push(buffer);
    next();
  };
}

/** Run `f` in a task of its own (a message, not setTimeout: nested timeouts are clamped to 4 ms). */
function yieldThen(f: () => void) {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    channel.port1.close();
    f();
  };
  channel.port2.postMessage(null);
}
