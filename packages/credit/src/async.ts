/**
 * @clearbox/credit/async — LRP, forward passes and influence matrices off the calling thread (a Web Worker in
 * browsers, `worker_threads` in Node). {@link openNetwork} sends a network to a worker once; its calls then run
 * there by handle, one at a time, with the synchronous forms' arguments and results. `options.signal` rejects with
 * `E_ABORTED` as soon as it fires (the worker is terminated; the next call starts a new one and sends the network
 * again). `lrp`, `lrpBatch`, `forwardPass` and `forwardBatch` here are one-call forms: open, call, close.
 *
 * @module @clearbox/credit/async
 * @packageDocumentation
 */
import * as tf from "@tensorflow/tfjs-core";
import { ClearboxError, assertOneOf, assertOptions, openWorkerSession } from "@clearbox/core/internal";
import type { WorkerSession } from "@clearbox/core/internal";
import type * as sync from "./index.js";
import type { ForwardResult } from "./forward-pass.js";
import type { ForwardBatchOptions } from "./forward-batch.js";
import type { InfluenceMatrix, InfluenceOptions } from "./influence.js";
import type { LrpOptions, LrpResult } from "./lrp.js";
import { layersOf, prepareNetwork } from "./network.js";
import type { Network, PreparedNetwork } from "./network.js";

const worker = {
  browser: () => new Worker(new URL("./worker.js", import.meta.url), { type: "module" }),
  url: new URL("./worker.js", import.meta.url),
};

/** Options of {@link openNetwork}. */
export interface OpenNetworkOptions {
  /** TensorFlow.js backend of the worker: "cpu" or "wasm" (needs @tensorflow/tfjs-backend-wasm installed). Default: the calling thread's when it is one of these, else "cpu". */
  backend?: "cpu" | "wasm";
  /** Abort the opening (rejects with `E_ABORTED`). */
  signal?: AbortSignal;
}

/** What every call of a {@link RemoteNetwork} also takes in its options: a signal that aborts it. */
export interface Abortable {
  signal?: AbortSignal;
}

/** A network held by a worker (from {@link openNetwork}): the synchronous functions without their network argument. */
export interface RemoteNetwork {
  readonly inputShape: readonly number[];
  readonly outputShapes: readonly (readonly number[])[];
  readonly layerNames: readonly string[];
  /** lrp on the worker's network. */
  lrp(input: ArrayLike<number>, options?: LrpOptions & Abortable): Promise<LrpResult>;
  /** lrpBatch on the worker's network. */
  lrpBatch(inputs: readonly ArrayLike<number>[], options?: LrpBatchOptions & Abortable): Promise<LrpResult[]>;
  /** forwardPass on the worker's network. */
  forwardPass(input: ArrayLike<number>, options?: Abortable): Promise<ForwardResult>;
  /** forwardBatch on the worker's network (values read back: `read` cannot cross to a worker). */
  forwardBatch(
    inputs: readonly ArrayLike<number>[],
    options?: ForwardBatchRemoteOptions & Abortable,
  ): Promise<Map<number, Float32Array>>;
  /** forwardInfluence on the worker's network. */
  forwardInfluence(
    activations: readonly ArrayLike<number>[],
    layer: number,
    options?: InfluenceOptions & Abortable,
  ): Promise<InfluenceMatrix>;
  /** backwardInfluence on the worker's network. */
  backwardInfluence(
    activations: readonly ArrayLike<number>[],
    layer: number,
    options?: Pick<InfluenceOptions, "spatial"> & Abortable,
  ): Promise<InfluenceMatrix>;
  /** Terminate the worker (and free its copy of the network); later calls reject with `E_ABORTED`. */
  close(): void;
}

/** Options of forwardBatch off the thread: which layers to read (their values come back). */
export type ForwardBatchRemoteOptions = Omit<ForwardBatchOptions, "read">;

/** Options of lrpBatch: lrp's, with `target` also one per input. */
export type LrpBatchOptions = NonNullable<Parameters<typeof sync.lrpBatch>[2]>;

const OPEN_OPTIONS = { backend: true, signal: true } as const;

function backendOf(options: OpenNetworkOptions): "cpu" | "wasm" {
  if (options.backend !== undefined) return assertOneOf(options.backend, "options.backend", ["cpu", "wasm"] as const);
  const current = tf.getBackend();
  return current === "wasm" ? "wasm" : "cpu";
}

/**
 * Send a network to a worker once and get a handle whose `lrp`, `lrpBatch`, `forwardPass`, `forwardBatch`, `forwardInfluence` and
 * `backwardInfluence` run there (same arguments and results as the synchronous forms, without the network). The
 * network is checked here first (as {@link sync.prepareNetwork}) and copied: later changes to it do not reach the
 * worker. Calls run one at a time in order; each takes `signal` in its options.
 * @param network - the network (plain or from {@link sync.prepareNetwork}).
 * @param options - `backend` ("cpu" or "wasm"; default the calling thread's), `signal`.
 * @returns a {@link RemoteNetwork}; `close()` it when done.
 * @throws as {@link sync.prepareNetwork} for a malformed network; `E_OPTION` for an unknown option or backend; (rejects) `E_ABORTED` on abort.
 * @example
 * const remote = await openNetwork(network, { backend: "wasm" });
 * const { relevance } = await remote.lrp(pixels, { target: 7, signal });
 * remote.close();
 */
export async function openNetwork(
  network: Network | PreparedNetwork,
  options: OpenNetworkOptions = {},
): Promise<RemoteNetwork> {
  options = assertOptions(options, "options", OPEN_OPTIONS);
  const prepared = prepareNetwork(network);
  const session = openWorkerSession(worker, [{ name: "open", args: [layersOf(prepared), backendOf(options)] }]);
  try {
    await session.call("ready", [{ signal: options.signal }]);
  } catch (error) {
    session.close();
    throw error;
  }
  return remoteOf(prepared, session);
}

function remoteOf(prepared: PreparedNetwork, session: WorkerSession): RemoteNetwork {
  const call =
    (name: string) =>
    (...args: unknown[]) =>
      session.call(name, args);
  return {
    inputShape: prepared.inputShape,
    outputShapes: prepared.outputShapes,
    layerNames: prepared.layerNames,
    lrp: call("lrp") as RemoteNetwork["lrp"],
    lrpBatch: call("lrpBatch") as RemoteNetwork["lrpBatch"],
    // The trailing { signal } is not sent (the synchronous forwardPass takes no options).
    forwardPass: call("forwardPass") as RemoteNetwork["forwardPass"],
    forwardBatch: (inputs, options) =>
      (options as { read?: unknown } | undefined)?.read === undefined
        ? (session.call("forwardBatch", [inputs, options]) as Promise<Map<number, Float32Array>>)
        : Promise.reject(
            new ClearboxError("E_OPTION", "options.read cannot cross to a worker: use the synchronous forwardBatch.", {
              argument: "options.read",
            }),
          ),
    forwardInfluence: call("forwardInfluence") as RemoteNetwork["forwardInfluence"],
    backwardInfluence: call("backwardInfluence") as RemoteNetwork["backwardInfluence"],
    close: () => session.close(),
  };
}

/** Open a worker for one call on `network`, then close it (the one-call forms). */
async function once<T>(
  network: Network | PreparedNetwork,
  signal: AbortSignal | undefined,
  run: (remote: RemoteNetwork) => Promise<T>,
): Promise<T> {
  const remote = await openNetwork(network, { signal });
  try {
    return await run(remote);
  } finally {
    remote.close();
  }
}

/**
 * {@link sync.lrp} off the calling thread, in a worker opened for this call (use {@link openNetwork} for several).
 * @param network - the network (plain or prepared).
 * @param input - the input, flat and row-major.
 * @param options - as {@link sync.lrp}, and `signal`.
 * @returns (a Promise of) the synchronous form's result.
 * @throws (rejects) as {@link sync.lrp}; `E_ABORTED` on abort.
 * @example
 * const { relevance } = await lrp(network, pixels, { target: 7, signal: AbortSignal.timeout(5000) });
 */
export function lrp(
  network: Network | PreparedNetwork,
  input: ArrayLike<number>,
  options?: LrpOptions & Abortable,
): Promise<LrpResult> {
  return once(network, options?.signal, (remote) => remote.lrp(input, options));
}

/**
 * {@link sync.lrpBatch} off the calling thread, in a worker opened for this call.
 * @param network - the network (plain or prepared).
 * @param inputs - the inputs, each flat and row-major.
 * @param options - as {@link sync.lrpBatch}, and `signal`.
 * @returns (a Promise of) the synchronous form's result.
 * @throws (rejects) as {@link sync.lrpBatch}; `E_ABORTED` on abort.
 * @example
 * const explanations = await lrpBatch(network, images, { target: labels });
 */
export function lrpBatch(
  network: Network | PreparedNetwork,
  inputs: readonly ArrayLike<number>[],
  options?: LrpBatchOptions & Abortable,
): Promise<LrpResult[]> {
  return once(network, options?.signal, (remote) => remote.lrpBatch(inputs, options));
}

/**
 * {@link sync.forwardPass} off the calling thread, in a worker opened for this call.
 * @param network - the network (plain or prepared).
 * @param input - the input, flat and row-major.
 * @param options - `signal`.
 * @returns (a Promise of) the synchronous form's result.
 * @throws (rejects) as {@link sync.forwardPass}; `E_ABORTED` on abort.
 * @example
 * const { activations } = await forwardPass(network, pixels);
 */
export function forwardPass(
  network: Network | PreparedNetwork,
  input: ArrayLike<number>,
  options?: Abortable,
): Promise<ForwardResult> {
  return once(network, options?.signal, (remote) => remote.forwardPass(input, options));
}

/**
 * {@link sync.forwardBatch} off the calling thread, in a worker opened for this call; the listed layers' values come
 * back (`read` cannot cross to a worker).
 * @param network - the network (plain or prepared).
 * @param inputs - the inputs, each flat and row-major.
 * @param options - `layers` as {@link sync.forwardBatch}, and `signal`.
 * @returns (a Promise of) the synchronous form's result with its default `read`: a Map from layer index to values.
 * @throws (rejects) as {@link sync.forwardBatch}; `E_OPTION` for `read`; `E_ABORTED` on abort.
 * @example
 * const outputs = await forwardBatch(network, images, { layers: [3, 5] });
 */
export function forwardBatch(
  network: Network | PreparedNetwork,
  inputs: readonly ArrayLike<number>[],
  options?: ForwardBatchRemoteOptions & Abortable,
): Promise<Map<number, Float32Array>> {
  return once(network, options?.signal, (remote) => remote.forwardBatch(inputs, options));
}
