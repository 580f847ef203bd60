// polylineChart's density context off the main thread: the canvas handed to a worker as an OffscreenCanvas, the
// series sent to it in chunks (each chunk its own task here, so the page keeps drawing frames), the worker counting
// them with denseLines and painting after the first chunk, then refining. Series go in a strided order, so that the
// first chunks are a spread-out subset and the first picture already looks like the whole.
import type { DensityMessage, PaintedMessage } from "./dense-context-protocol.js";

/** What `onDensity` reports after each paint of the off-thread density. */
export interface DensityProgress {
  /** True once every series of the context is counted (the picture is final for this range). */
  complete: boolean;
  /** Series counted so far, of `total`. */
  series: number;
  total: number;
  /** The raster's size in cells (2 px each) and, once complete, its weights (`columns × rows`, row-major). */
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
  values: ArrayLike<number>;
  /** The series to count (those not drawn as lines). */
  others: Int32Array;
  length: number;
  sx: Float64Array;
  y: { offset: number; slope: number };
  columns: number;
  rows: number;
  lut: Uint8Array;
  onPainted(progress: DensityProgress): void;
  /** The worker failed (e.g. its file did not load): the caller paints synchronously instead. */
  onError(error: unknown): void;
}

const FIRST_CHUNK = 2_000;
const LARGEST_CHUNK = 16_000;

/** True where a canvas can be painted by a worker (not server-side, not in browsers without OffscreenCanvas). */
export function canPaintOffThread(canvas: HTMLCanvasElement): boolean {
  return (
    typeof Worker === "function" &&
    typeof OffscreenCanvas === "function" &&
    typeof canvas.transferControlToOffscreen === "function"
  );
}

/** Hand `canvas` to a new density worker and stream it the series; see the file's comment. */
export function paintDensityOffThread(canvas: HTMLCanvasElement, job: OffThreadJob): OffThreadDensity {
  // A URL the user's bundler resolves (as src/async.ts does); built to dist/dense-lines-worker.js, beside the chunk
  // this module lands in.
  const worker = new Worker(new URL("./dense-lines-worker.js", import.meta.url), { type: "module" });
  let view = 0;
  let stopped = false;
  const stop = () => {
    stopped = true;
    worker.terminate();
  };
  worker.onmessage = (event: MessageEvent<PaintedMessage>) => {
    const m = event.data;
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
  const { columns, rows, length, lut, sx } = job;
  post(worker, { type: "init", canvas: offscreen, columns, rows, length, total: job.others.length, lut, sx, view }, [
    offscreen,
  ]);
  sendSeries(worker, job, () => stopped);
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

/** Send the series in chunks of doubling size, one chunk per task, converted to raster rows (float32) on the way. */
function sendSeries(worker: Worker, job: OffThreadJob, stopped: () => boolean) {
  const order = stridedOrder(job.others.length, FIRST_CHUNK);
  const { values, length, y } = job;
  let sent = 0;
  let size = FIRST_CHUNK;
  const next = () => {
    if (stopped() || sent >= order.length) return;
    const count = Math.min(size, order.length - sent);
    const chunk = new Float32Array(count * length);
    for (let j = 0; j < count; j++) {
      const base = job.others[order[sent + j]] * length;
      for (let k = 0; k < length; k++) chunk[j * length + k] = y.offset + y.slope * values[base + k];
    }
    post(worker, { type: "series", values: chunk, count }, [chunk.buffer]);
    sent += count;
    size = Math.min(LARGEST_CHUNK, 2 * size);
    yieldThen(next);
  };
  next();
}

/** 0, k, 2k, …, then 1, k + 1, …: any prefix is spread over all `n` (k chosen so the first `first` are). */
export function stridedOrder(n: number, first: number): Int32Array {
  const stride = Math.max(1, Math.ceil(n / first));
  const order = new Int32Array(n);
  let p = 0;
  for (let j = 0; j < stride; j++) for (let i = j; i < n; i += stride) order[p++] = i;
  return order;
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
