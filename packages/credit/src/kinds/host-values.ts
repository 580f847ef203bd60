import * as tf from "@tensorflow/tfjs-core";
import { sizeOf } from "./checks.js";

/** What tfjs-backend-wasm offers its own JavaScript kernels: a tensor's values as a view of the module's memory. */
interface HeapBackend {
  typedArrayFromHeap(t: tf.TensorInfo): Float32Array;
  dataIdMap: { has(dataId: unknown): boolean };
}

// On the wasm backend dataSync and tf.tensor each copy into a freshly allocated typed array, and in a process holding
// a large wasm memory those allocations cost more than the loops they feed (~0.3 ms per 32 k values, mostly GC):
// the views that tfjs-backend-wasm's own JavaScript kernels (Slice, Identity) use avoid them.
function heapBackend(tensors: readonly tf.Tensor[]): HeapBackend | undefined {
  const backend = tf.backend() as Partial<HeapBackend>;
  if (typeof backend.typedArrayFromHeap !== "function" || backend.dataIdMap === undefined) return undefined;
  const owns = tensors.every((t) => t.dtype === "float32" && backend.dataIdMap!.has(t.dataId));
  return owns ? (backend as HeapBackend) : undefined;
}

/**
 * `f` of the tensors' values: views of the wasm memory in place, dataSync's arrays on other backends (which may be
 * the backend's own). `f` must copy what it keeps and must not make tensors. @internal
 */
export function withHostValues<T>(tensors: readonly tf.Tensor[], f: (values: Float32Array[]) => T): T {
  const backend = heapBackend(tensors);
  return f(tensors.map((t) => (backend === undefined ? t.dataSync() : backend.typedArrayFromHeap(t)) as Float32Array));
}

/**
 * A new float32 tensor of `shape` whose values `fill` writes (they start at 0) from the values of `inputs`, read
 * and written in place on the wasm backend and through copies on others. `fill` must not make tensors (an
 * allocation may grow the wasm memory, which detaches the views). @internal
 */
export function fromHostValues(
  inputs: readonly tf.Tensor[],
  shape: number[],
  fill: (values: Float32Array[], out: Float32Array) => void,
): tf.Tensor {
  const backend = heapBackend(inputs);
  if (backend === undefined) {
    const out = new Float32Array(sizeOf(shape));
    fill(
      inputs.map((t) => t.dataSync() as Float32Array),
      out,
    );
    return tf.tensor(out, shape);
  }
  const result = tf.zeros(shape); // made before the views are taken
  fill(
    inputs.map((t) => backend.typedArrayFromHeap(t)),
    backend.typedArrayFromHeap(result),
  );
  return result;
}
