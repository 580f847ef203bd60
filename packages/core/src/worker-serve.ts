import { ClearboxError } from "./errors.js";
import type * as WorkerThreads from "node:worker_threads";
import { sendableError, transferablesOf, unpackRows } from "./worker-messages.js";
import type { CallMessage, PackedRows, ReplyMessage } from "./worker-messages.js";

type Post = (message: ReplyMessage, transfer?: ArrayBuffer[]) => void;
type Listen = (handler: (message: CallMessage) => void) => void;

// Kept in a variable so that bundlers building for the browser leave this Node-only import alone.
const NODE_WORKER_THREADS = "node:worker_threads";

/** The worker side's port: a Web Worker's global scope, or Node's `parentPort`. */
async function workerPort(): Promise<{ post: Post; listen: Listen }> {
  const scope = globalThis as unknown as {
    WorkerGlobalScope?: unknown;
    postMessage(message: unknown, transfer?: Transferable[]): void;
    addEventListener(type: "message", handler: (event: MessageEvent) => void): void;
  };
  if (scope.WorkerGlobalScope !== undefined) {
    return {
      post: (message, transfer) => scope.postMessage(message, transfer ?? []),
      listen: (handler) => scope.addEventListener("message", (event) => handler(event.data as CallMessage)),
    };
  }
  const threads = (await import(/* @vite-ignore */ NODE_WORKER_THREADS)) as typeof WorkerThreads;
  const port = threads.parentPort;
  if (port === null) throw new ClearboxError("E_TYPE", "serveWorker must run inside a worker thread.");
  return {
    post: (message, transfer) => port.postMessage(message, transfer ?? []),
    listen: (handler) => port.on("message", handler),
  };
}

/** Run one call: the named export with the caller's arguments and, when asked, an `onProgress` that posts back. */
async function answer(api: Record<string, unknown>, call: CallMessage, post: Post): Promise<void> {
  try {
    const fn = Object.hasOwn(api, call.name) ? api[call.name] : undefined;
    if (typeof fn !== "function") {
      throw new ClearboxError("E_TYPE", `The worker has no function named ${JSON.stringify(call.name)}.`);
    }
    const args = call.args.slice();
    for (const index of call.packed) args[index] = unpackRows(args[index] as PackedRows);
    if (call.progressAt >= 0) {
      const onProgress = (fraction: number) => post({ type: "progress", fraction });
      args[call.progressAt] = { ...(args[call.progressAt] as object), onProgress };
    }
    const value: unknown = await (fn as (...a: unknown[]) => unknown)(...args);
    post({ type: "result", value }, transferablesOf(value));
  } catch (error) {
    post({ type: "error", error: sendableError(error) });
  }
}

/**
 * Serve a package's functions in the worker this module runs in (a Web Worker or a `worker_threads` worker): each
 * message names an export and its arguments; the reply is its result, its error, or progress before either. A
 * package's `src/worker.ts` is `serveWorker(await import("./index.js"))`-like: one line.
 *
 * @param api - The functions callable by name (a package's public entry).
 */
export async function serveWorker(api: Record<string, unknown>): Promise<void> {
  const { post, listen } = await workerPort();
  listen((call) => void answer(api, call, post));
}
