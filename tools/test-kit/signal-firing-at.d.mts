/** A stand-in signal that reads as aborted at its `at`-th read of `aborted` (never when `at` is 0), counting reads. */
export function signalFiringAt(at: number): { reads: number; readonly aborted: boolean; reason: undefined };
