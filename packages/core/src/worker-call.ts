import { ClearboxError } from "./errors.js";
import type * as WorkerThreads from "node:worker_threads";
import { describeValue } from "./validate.js";
import { packRows, receivedError } from "./worker-messages.js";
import type { CallMessage, ReplyMessage } from "./worker-messages.js";

/**
 * Where a package's worker module is. `browser` must be written in the package itself as
 * `() => new Worker(new URL("./worker.js", import.meta.url), { type: "module" })`: that literal pattern is what
 * Vite, webpack, Rollup and esbuild plugins look for to bundle the worker. `url` is the same module for Node.
 */
export interface WorkerSource {
  browser: () => Worker;
  url: URL;
}

/** One worker thread, whatever the platform: post, hear back, be terminated. */
export interface Thread {
  post(message: CallMessage, transfer: ArrayBuffer[]): void;
  listen(onMessage: (message: ReplyMessage) => void, onFailure: (error: Error) => void): void;
  terminate(): void;
}

// Kept in a variable so that bundlers building for the browser leave this Node-only import alone.
const NODE_WORKER_THREADS = "node:worker_threads";

/** A Web Worker where the platform has one (browsers, Deno, Bun), else a `node:worker_threads` worker. */
export async function startThread(source: WorkerSource): Promise<Thread> {
  if (typeof globalThis.Worker === "function") {
    const worker = source.browser();
    return {
      post: (message, transfer) => worker.postMessage(message, transfer),
      listen: (onMessage, onFailure) => {
        worker.addEventListener("message", (event) => onMessage(event.data as ReplyMessage));
        worker.addEventListener("error", (event) => onFailure(new Error(`The worker failed: ${event.message}`)));
        worker.addEventListener("messageerror", () => onFailure(new Error("A worker reply could not be read.")));
      },
      terminate: () => worker.terminate(),
    };
  }
  const threads = (await import(/* @vite-ignore */ NODE_WORKER_THREADS)) as typeof WorkerThreads;
  const worker = new threads.Worker(source.url);
  return {
    post: (message, transfer) => worker.postMessage(message, transfer),
    listen: (onMessage, onFailure) => {
      worker.on("message", onMessage);
      worker.on("error", onFailure);
      worker.on("exit", (code) => onFailure(new Error(`The worker exited (code ${code}) before it answered.`)));
    },
    terminate: () => void worker.terminate(),
  };
}

/** The call's options split for the crossing: `signal` and `onProgress` stay here, everything else is sent. */
export interface Prepared {
  message: CallMessage;
  transfer: ArrayBuffer[];
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/** ml-matrix `Matrix` and other matrix-likes lose their class in a structured clone: sent as rows of numbers. */
function sendableArgument(value: unknown): unknown {
  const m = value as { rows?: unknown; columns?: unknown; get?: unknown };
  if (isPlainObject(value) || typeof m?.get !== "function") return value;
  if (typeof m.rows !== "number" || typeof m.columns !== "number") return value;
  const get = (m.get as (i: number, j: number) => number).bind(value);
  return Array.from({ length: m.rows as number }, (_, i) =>
    Float64Array.from({ length: m.columns as number }, (_, j) => get(i, j)),
  );
}

/** Take `signal` and `onProgress` out of the options argument and refuse any other function, naming it. */
function takeCallbacks(
  name: string,
  index: number,
  options: Record<string, unknown>,
  into: Prepared,
): Record<string, unknown> {
  const { signal, onProgress, ...rest } = options;
  if (signal !== undefined) {
    if (!(signal instanceof AbortSignal)) {
      throw new ClearboxError("E_TYPE", `options.signal must be an AbortSignal, got ${describeValue(signal)}.`, {
        argument: "options.signal",
      });
    }
    into.signal = signal;
  }
  if (onProgress !== undefined) {
    if (typeof onProgress !== "function") {
      throw new ClearboxError("E_TYPE", `options.onProgress must be a function, got ${describeValue(onProgress)}.`, {
        argument: "options.onProgress",
      });
    }
    into.onProgress = onProgress as (fraction: number) => void;
    into.message.progressAt = index;
  }
  for (const [key, value] of Object.entries(rest)) {
    if (typeof value === "function") {
      throw new ClearboxError(
        "E_TYPE",
        `options.${key} is a function, and functions cannot be sent to a worker: the async ${name} takes data and named options only (call the synchronous ${name} to pass a function).`,
        { argument: `options.${key}` },
      );
    }
  }
  return rest;
}

export function prepare(name: string, args: unknown[]): Prepared {
  const prepared: Prepared = { message: { name, args: [], progressAt: -1, packed: [] }, transfer: [] };
  prepared.message.args = args.map((arg, index) => {
    if (typeof arg === "function") {
      throw new ClearboxError(
        "E_TYPE",
        `Argument ${index + 1} of the async ${name} is a function, which cannot be sent to a worker.`,
        { argument: `argument ${index + 1}` },
      );
    }
    if (isPlainObject(arg)) return takeCallbacks(name, index, arg, prepared);
    const packed = packRows(arg);
    if (packed === undefined) return sendableArgument(arg);
    prepared.message.packed.push(index);
    prepared.transfer.push(packed.values.buffer as ArrayBuffer);
    return packed;
  });
  // A trailing `{ signal }` is accepted even where the synchronous form takes no options: it is not sent.
  const last = args[args.length - 1];
  const sent = prepared.message.args;
  if (isPlainObject(last) && Object.keys(last).join() === "signal") sent.pop();
  return prepared;
}

export function aborted(name: string, signal: AbortSignal): ClearboxError {
  return new ClearboxError("E_ABORTED", `The ${name} was aborted by its signal.`, {
    argument: "signal",
    cause: signal.reason,
  });
}

/** Post the call on a fresh thread and settle with its one answer; an abort terminates the thread at once. */
function run<T>(thread: Thread, name: string, prepared: Prepared): Promise<T> {
  const { signal, onProgress } = prepared;
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const finish = (settle: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener("abort", onAbort);
      thread.terminate();
      settle();
    };
    const onAbort = () => finish(() => reject(aborted(name, signal as AbortSignal)));
    signal?.addEventListener("abort", onAbort);
    thread.listen(
      (reply) => {
        if (reply.type === "progress") {
          try {
            if (!settled) onProgress?.(reply.fraction);
          } catch (error) {
            finish(() => reject(error)); // as in the synchronous form, a throwing onProgress stops the work
          }
        } else if (reply.type === "result") finish(() => resolve(reply.value as T));
        else finish(() => reject(receivedError(reply.error)));
      },
      (error) => finish(() => reject(error)),
    );
    try {
      thread.post(prepared.message, prepared.transfer);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      finish(() =>
        reject(
          new ClearboxError(
            "E_TYPE",
            `The arguments of the async ${name} cannot be sent to a worker (${detail}): pass plain data.`,
            { cause: error },
          ),
        ),
      );
    }
  });
}

/**
 * Call export `name` of a package's worker module off the calling thread and resolve with its result — the engine of
 * every package's `./async` entry. A fresh worker runs each call and is terminated when the call settles, so an
 * abort frees it at once: `options.signal` (a real `AbortController`, `AbortSignal.timeout`) rejects with
 * `E_ABORTED` as soon as it fires, whatever the computation is doing. `options.onProgress` is called on this thread
 * with the worker's progress. Arguments are copied (structured clone; the caller's arrays are never transferred or
 * detached); typed arrays in the result are transferred. Functions cannot cross threads: any other function in the
 * options is refused with `E_TYPE`, naming it.
 *
 * @param source - The package's worker module (see {@link WorkerSource}).
 * @param name - The export to call.
 * @param args - Its arguments, as for the synchronous form.
 * @returns The result, as the synchronous form returns it (same seed, same result).
 * @throws (rejects) `E_ABORTED` on abort; `E_TYPE` for arguments that cannot cross; whatever the function throws.
 */
export async function callInWorker<T>(source: WorkerSource, name: string, args: unknown[]): Promise<T> {
  const prepared = prepare(name, args);
  if (prepared.signal?.aborted) throw aborted(name, prepared.signal);
  const thread = await startThread(source);
  if (prepared.signal?.aborted) {
    thread.terminate();
    throw aborted(name, prepared.signal);
  }
  return run<T>(thread, name, prepared);
}

/** An argument of an async form: an options object also takes `signal` (which never crosses to the worker). */
export type WithSignal<T> =
  NonNullable<T> extends readonly unknown[] | ArrayBufferView
    ? T
    : NonNullable<T> extends object
      ? (NonNullable<T> & { signal?: AbortSignal }) | Extract<T, undefined>
      : T;

/** The awaitable form of a synchronous function `F`: same arguments (options take `signal`), a Promise of its result. */
export type AsyncForm<F> = F extends (...args: infer A) => infer R
  ? (...args: { [K in keyof A]: WithSignal<A[K]> }) => Promise<Awaited<R>>
  : never;

/**
 * Make the awaitable form of export `name`: `export const kmeans = inWorker<typeof sync.kmeans>(worker, "kmeans")`
 * is all a package's `src/async.ts` needs per function (its worker serves every export of its public entry).
 */
export function inWorker<F>(source: WorkerSource, name: string): AsyncForm<F> {
  return ((...args: unknown[]) => callInWorker(source, name, args)) as AsyncForm<F>;
}
