import { ClearboxError } from "./errors.js";

/** Options every long computation in clearbox accepts. */
export interface LongRunningOptions {
  /** Cancels the computation: it throws a `ClearboxError` with code `E_ABORTED` at its next check. */
  signal?: AbortSignal;
  /** Called with the fraction done, non-decreasing in [0, 1]; 1 is reported once, at the end. */
  onProgress?: (fraction: number) => void;
}

/** Throw `E_ABORTED` if `signal` has fired. Cheap: call it inside loops. */
export function throwIfAborted(signal: AbortSignal | undefined, what = "computation"): void {
  if (signal?.aborted) {
    throw new ClearboxError("E_ABORTED", `The ${what} was aborted by its signal.`, {
      argument: "signal",
      cause: signal.reason,
    });
  }
}

/** A progress reporter: forwards monotone fractions, at most once per `minStep`, and checks the signal. */
export interface ProgressReporter {
  /** Report the fraction done (clamped to [0, 1], never decreasing) and throw if aborted. */
  report(fraction: number): void;
  /** A reporter that maps its own [0, 1] onto [from, to] of this one: for nested phases. */
  phase(from: number, to: number): ProgressReporter;
  /** Report 1 (once). */
  done(): void;
}

/**
 * Wrap `onProgress`/`signal` into a reporter. Calls are throttled to steps of `minStep` (default 1 %), so
 * callers may report from hot loops.
 */
export function createProgress(
  options: LongRunningOptions = {},
  what = "computation",
  minStep = 0.01,
): ProgressReporter {
  const { signal, onProgress } = options;
  let last = 0;
  let finished = false;
  const emit = (fraction: number): void => {
    throwIfAborted(signal, what);
    if (!onProgress || finished) return;
    const f = Math.min(1, Math.max(last, fraction));
    if (f >= 1) return; // 1 is reserved for done()
    if (f - last >= minStep) {
      last = f;
      onProgress(f);
    }
  };
  const make = (from: number, to: number): ProgressReporter => ({
    report: (fraction) => emit(from + (to - from) * Math.min(1, Math.max(0, fraction))),
    phase: (a, b) => make(from + (to - from) * a, from + (to - from) * b),
    done: () => {
      if (from === 0 && to === 1) {
        throwIfAborted(signal, what);
        if (!finished) {
          finished = true;
          onProgress?.(1);
        }
      } else {
        emit(to);
      }
    },
  });
  return make(0, 1);
}
