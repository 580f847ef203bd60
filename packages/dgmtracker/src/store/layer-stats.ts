import { ClearboxError, describeValue } from "@clearbox/core/internal";

/** Values of one layer at one step: a typed array, a number array, or a tensor (anything with `dataSync()`). */
export type StepValues = ArrayLike<number> | { dataSync(): ArrayLike<number> };

/**
 * Flat numbers from a `StepValues` (a tensor is read once; arrays are used as they are, never modified). A float32
 * tensor of tfjs-backend-wasm comes back as a view of the wasm memory, valid until TensorFlow.js next allocates: use
 * it at once (the writer copies what it keeps), make no tensor meanwhile.
 */
export function valuesOf(value: unknown, name: string): ArrayLike<number> {
  if (typeof value === "object" && value !== null && typeof (value as { dataSync?: unknown }).dataSync === "function") {
    return wasmView(value) ?? (value as { dataSync(): ArrayLike<number> }).dataSync();
  }
  if (Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView))) {
    return value as unknown as ArrayLike<number>;
  }
  throw new ClearboxError("E_TYPE", `${name} must be an array of numbers or a tensor, got ${describeValue(value)}.`, {
    argument: name,
  });
}

/** What tfjs-backend-wasm offers its own JavaScript kernels (credit's host-values.ts uses it too). */
interface HeapBackend {
  typedArrayFromHeap(t: { dataId: unknown; shape: number[]; dtype: string }): Float32Array;
  dataIdMap: { has(dataId: unknown): boolean };
}

/**
 * The tensor's values in place when it lives on tfjs-backend-wasm; undefined otherwise (dataSync then). On wasm,
 * dataSync copies into a freshly allocated array: for the 3.6 M values of an MLP's two big layers that allocation and
 * its garbage cost the training thread ~25 % of a step, the scan itself ~3 %. The package imports nothing from
 * TensorFlow.js (any build may be the user's), so the tensor's backend is looked up in the engine every build
 * shares (`globalThis._tfengine`, which tfjs-core keeps there so that several copies of it agree); anything not
 * recognised falls back to dataSync, which gives the same values.
 */
function wasmView(value: object): Float32Array | undefined {
  const tensor = value as { dataId?: unknown; shape?: number[]; dtype?: string; isDisposed?: boolean };
  if (tensor.dtype !== "float32" || tensor.dataId === undefined || tensor.isDisposed === true) return undefined;
  type TensorInfos = { get?(dataId: unknown): { backend?: unknown } | undefined };
  const engine = (globalThis as { _tfengine?: { state?: { tensorInfo?: TensorInfos } } })._tfengine;
  const backend = engine?.state?.tensorInfo?.get?.(tensor.dataId)?.backend as Partial<HeapBackend> | undefined;
  if (typeof backend?.typedArrayFromHeap !== "function" || backend.dataIdMap?.has(tensor.dataId) !== true) {
    return undefined;
  }
  return backend.typedArrayFromHeap(tensor as Parameters<HeapBackend["typedArrayFromHeap"]>[0]);
}

/**
 * Min, mean and max of one step's values, in one pass; with `copy`, the values are also written to
 * `copy.into` from `copy.at` in that pass (a fully kept series: its values are read once, not twice). A value that is
 * not finite (a diverged training) is an error naming where it is: the store keeps finite numbers only.
 */
export function minMeanMax(
  values: ArrayLike<number>,
  name: string,
  copy?: { into: Float32Array; at: number },
): [number, number, number] {
  if (values.length === 0) {
    throw new ClearboxError("E_EMPTY", `${name} must hold at least one value.`, { argument: name });
  }
  let scanned: [number, number, number];
  if (!(values instanceof Float32Array)) {
    scanned = scan(values);
    copy?.into.set(values, copy.at);
  } else scanned = copy ? scanFloat32Into(values, copy.into, copy.at) : scanFloat32(values);
  const [min, max, sum] = scanned;
  if (!Number.isFinite(sum)) {
    let i = 0;
    while (i < values.length && Number.isFinite(values[i])) i++;
    throw new ClearboxError("E_NAN", `${name}[${i}] must be a finite number, got ${describeValue(values[i])}.`, {
      argument: `${name}[${i}]`,
    });
  }
  return [min, sum / values.length, max];
}

/** Min, max and sum of any array of numbers. */
function scan(values: ArrayLike<number>): [number, number, number] {
  let [min, max, sum] = [Infinity, -Infinity, 0];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
  }
  return [min, max, sum];
}

/** The same for a Float32Array (what tensors give): a loop V8 compiles for one element type, several times faster. */
function scanFloat32(values: Float32Array): [number, number, number] {
  let [min, max, sum] = [Infinity, -Infinity, 0];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
  }
  return [min, max, sum];
}

/** scanFloat32 that also copies the values to `into` from `at`, in the same loop. */
function scanFloat32Into(values: Float32Array, into: Float32Array, at: number): [number, number, number] {
  let [min, max, sum] = [Infinity, -Infinity, 0];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    into[at + i] = v;
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
  }
  return [min, max, sum];
}
