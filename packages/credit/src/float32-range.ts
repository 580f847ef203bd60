import { ClearboxError } from "@clearbox/core/internal";

/** Largest finite float32. */
const FLOAT32_MAX = 3.4028234663852886e38;

/** Inputs beyond float32's range would become ±Infinity on the backend (and NaN after): refused instead. @internal */
export function assertFloat32Range(values: ArrayLike<number>, name: string): void {
  for (let i = 0; i < values.length; i++) {
    if (Math.abs(values[i]) > FLOAT32_MAX) {
      throw new ClearboxError(
        "E_RANGE",
        `${name}[${i}] is ${values[i]}, beyond float32's range (±3.4e38) that TensorFlow.js computes in; scale the input.`,
        { argument: `${name}[${i}]` },
      );
    }
  }
}

/**
 * Values computed in float32 that overflowed (±Infinity, or NaN from Infinity − Infinity) are refused, naming the
 * first layer where it happened, rather than returned. @internal
 */
export function assertComputedFinite(
  arrays: readonly Float32Array[],
  what: string,
  layerName: (i: number) => string,
): void {
  arrays.forEach((values, i) => {
    if (allFinite(values)) return;
    throw new ClearboxError(
      "E_RANGE",
      `${what} overflowed float32 at ${layerName(i)}: the input's values are too large for this network; scale them down.`,
      { argument: "input" },
    );
  });
}

/** Whether every value is finite (a plain loop: `every` with a callback costs several times more on large layers). */
function allFinite(values: Float32Array): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return false;
  return true;
}
