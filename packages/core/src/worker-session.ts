// A worker that stays up between calls, for state too big to send with every call (a network's weights). callInWorker
// starts a fresh worker per call and terminates it when the call settles; a session keeps one, runs its calls one at a
// time, and replays its setup calls on a new worker after an abort (which terminates the old one mid-computation).
import { ClearboxError } from "./errors.js";
import { aborted, prepare, startThread } from "./worker-call.js";
import type { Prepared, Thread, WorkerSource } from "./worker-call.js";
import { receivedError } from "./worker-messages.js";
import type { ReplyMessage } from "./worker-messages.js";

/** A call of a worker module's export by name, with its arguments. */
export interface WorkerCall {
  name: string;
  args: unknown[];
}

/** A worker kept between calls (see {@link openWorkerSession}). */
export interface WorkerSession {
  /** Call export `name` after the calls before it; as callInWorker (`signal`, `onProgress` in an options argument). */
  call<T>(name: string, args: unknown[]): Promise<T>;
  /** Terminate the worker; later calls reject with `E_ABORTED`. */
  close(): void;
}

/** The live worker: its thread and whoever awaits its next reply. */
interface Live {
  thread: Thread;
  hear?: (reply: ReplyMessage) => void;
  fail?: (error: Error) => void;
}

/**
 * Open a worker that runs `setup` (in order) and then each call made on the session, one at a time, on the same
 * thread, so that state the setup leaves in the worker module (a network) is sent once. An aborted call terminates
 * the worker at once (`E_ABORTED`, as callInWorker); the next call starts a new one and runs `setup` on it again.
 *
 * @param source - The package's worker module (see {@link WorkerSource}).
 * @param setup - Calls to run on every new worker before anything else (their arguments are sent again each time).
 * @returns The session: `call(name, args)` and `close()`.
 * @throws (each call rejects) `E_ABORTED` on abort or after `close`; whatever a setup call or the call throws.
 */
export function openWorkerSession(source: WorkerSource, setup: readonly WorkerCall[]): WorkerSession {
  let live: Live | undefined;
  /** A worker still running its setup: `stop` must end it too (a close during setup once left it running). */
  let starting: Thread | undefined;
  let closed = false;
  let queue: Promise<unknown> = Promise.resolve();

  const stop = () => {
    live?.thread.terminate();
    starting?.terminate();
    live = starting = undefined;
  };

  const started = async (): Promise<Live> => {
    if (live !== undefined) return live;
    const thread = await startThread(source);
    if (closed) {
      thread.terminate();
      throw closedError("worker setup");
    }
    starting = thread;
    const fresh: Live = { thread };
    thread.listen(
      (reply) => fresh.hear?.(reply),
      (error) => fresh.fail?.(error),
    );
    try {
      for (const { name, args } of setup) await exchange(fresh, name, prepare(name, args));
    } catch (error) {
      thread.terminate();
      if (starting === thread) starting = undefined;
      throw error;
    }
    if (starting !== thread) throw closedError("worker setup"); // stopped while it ran its setup: already terminated
    starting = undefined;
    return (live = fresh);
  };

  /** An aborted or failed call's worker: the live one is stopped, any other (in its setup) terminated. */
  const end = (at: Live) => (live === at ? stop() : at.thread.terminate());
  const exchange = <T>(at: Live, name: string, prepared: Prepared) => exchangeOn<T>(at, name, prepared, end);

  return {
    call<T>(name: string, args: unknown[]): Promise<T> {
      let prepared: Prepared;
      try {
        prepared = prepare(name, args);
      } catch (error) {
        return Promise.reject(error);
      }
      // A call still waiting its turn rejects as soon as its signal fires, and is then skipped.
      const { signal } = prepared;
      const waiting = new Promise<never>((_, reject) =>
        signal?.addEventListener("abort", () => reject(aborted(name, signal)), { once: true }),
      );
      const run = async () => {
        if (closed) throw closedError(name);
        if (signal?.aborted) throw aborted(name, signal);
        return exchange<T>(await started(), name, prepared);
      };
      const ran = queue.then(run, run);
      queue = ran.catch(() => undefined); // the next call waits for this one's turn to end, not for its abort
      return Promise.race([ran, waiting]);
    },
    close() {
      closed = true;
      stop();
    },
  };
}

const closedError = (name: string) =>
  new ClearboxError("E_ABORTED", `The ${name} was called on a closed worker session.`, { argument: "session" });

/** Post one prepared call to the worker and settle with its reply; an abort or a failure calls `end(at)`. */
function exchangeOn<T>(at: Live, name: string, prepared: Prepared, end: (at: Live) => void): Promise<T> {
  const { signal, onProgress } = prepared;
  if (signal?.aborted) return Promise.reject(aborted(name, signal));
  return new Promise<T>((resolve, reject) => {
    const finish = (settle: () => void) => {
      at.hear = at.fail = undefined;
      signal?.removeEventListener("abort", onAbort);
      settle();
    };
    const onAbort = () => {
      end(at);
      finish(() => reject(aborted(name, signal as AbortSignal)));
    };
    signal?.addEventListener("abort", onAbort);
    at.fail = (error) => {
      end(at);
      finish(() => reject(error));
    };
    at.hear = (reply) => {
      if (reply.type === "progress") onProgress?.(reply.fraction);
      else if (reply.type === "result") finish(() => resolve(reply.value as T));
      else finish(() => reject(receivedError(reply.error)));
    };
    at.thread.post(prepared.message, prepared.transfer);
  });
}
