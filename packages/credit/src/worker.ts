// The worker behind @clearbox/credit/async: it holds the one network its session opened (sent once, as the checked
// layers prepareNetwork made) and runs the session's calls on it.
import * as tf from "@tensorflow/tfjs-core";
import { ClearboxError, serveWorker } from "@clearbox/core/internal";
import * as api from "./index.js";
import { preparedFromLayers } from "./network.js";
import type { CheckedLayer, PreparedNetwork } from "./network.js";

let network: PreparedNetwork | undefined;

/** Take the session's network and the backend to run it on (the calling thread's, by default). */
async function open(layers: CheckedLayer[], backend: "cpu" | "wasm"): Promise<true> {
  if (backend === "wasm") await import("@tensorflow/tfjs-backend-wasm");
  if (!(await tf.setBackend(backend))) {
    throw new ClearboxError(
      "E_OPTION",
      `options.backend: TensorFlow.js's ${backend} backend did not start in the worker.`,
      {
        argument: "options.backend",
      },
    );
  }
  network = preparedFromLayers(layers);
  return true;
}

function opened(): PreparedNetwork {
  if (network === undefined) throw new ClearboxError("E_TYPE", "The worker has no network: call openNetwork.");
  return network;
}

void serveWorker({
  open,
  ready: () => true,
  lrp: (input: Parameters<typeof api.lrp>[1], options?: Parameters<typeof api.lrp>[2]) =>
    api.lrp(opened(), input, options),
  lrpBatch: (inputs: Parameters<typeof api.lrpBatch>[1], options?: Parameters<typeof api.lrpBatch>[2]) =>
    api.lrpBatch(opened(), inputs, options),
  forwardPass: (input: Parameters<typeof api.forwardPass>[1]) => api.forwardPass(opened(), input),
  forwardBatch: (inputs: ArrayLike<number>[], options?: { layers?: number[] }) =>
    api.forwardBatch(opened(), inputs, options),
  forwardInfluence: (activations: ArrayLike<number>[], layer: number, options?: api.InfluenceOptions) =>
    api.forwardInfluence(opened(), activations, layer, options),
  backwardInfluence: (activations: ArrayLike<number>[], layer: number, options?: { spatial?: boolean }) =>
    api.backwardInfluence(opened(), activations, layer, options),
});
