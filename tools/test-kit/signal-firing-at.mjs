// A stand-in AbortSignal for tests of the synchronous forms: it fires at a chosen read, so a test can abort at every
// check a call makes and assert that the call stops at that very check.

/**
 * A signal that reads as aborted at its `at`-th read of `aborted` (never when `at` is 0), counting its reads.
 * @param {number} at
 */
export function signalFiringAt(at) {
  const signal = {
    reads: 0,
    get aborted() {
      return ++signal.reads === at;
    },
    reason: undefined,
  };
  return signal;
}
