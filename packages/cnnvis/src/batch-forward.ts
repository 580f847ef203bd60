import * as tf from "@tensorflow/tfjs-core";
import { disposeNetwork, forwardBatch, prepareNetwork } from "@clearbox/credit";
import type { Network, PreparedNetwork } from "@clearbox/credit";

// CNNVis streams thousands of images: credit's forwardBatch runs a whole batch per layer on the backend, and the
// `read` hook below reduces each watched layer there, so only per-channel summaries are copied back.

/** What one batch leaves of a watched layer: per sample and channel the mean and max over positions, and where. */
export interface ChannelSummary {
  mean: Float32Array;
  max: Float32Array;
  argMax: Int32Array;
  /** Channels (the last axis) and positions per channel. */
  channels: number;
  positions: number;
}

/** Per sample and channel: mean, max and argmax over positions, read back at once. */
function summarise(t: tf.Tensor): ChannelSummary {
  const batch = t.shape[0];
  const channels = t.shape[t.shape.length - 1];
  const positions = t.size / batch / channels;
  const [mean, max, arg] = tf.tidy(() => {
    const rows = tf.reshape(t, [batch, positions, channels]);
    return [tf.mean(rows, 1), tf.max(rows, 1), tf.argMax(rows, 1)];
  });
  const out = {
    mean: mean.dataSync() as Float32Array,
    max: max.dataSync() as Float32Array,
    argMax: Int32Array.from(arg.dataSync()),
    channels,
    positions,
  };
  tf.dispose([mean, max, arg]);
  return out;
}

/** A batched forward pass over a network, prepared once, that reads back only the watched layers' summaries. */
export class BatchForward {
  private readonly prepared: PreparedNetwork;
  private readonly inputSize: number;

  constructor(network: Network) {
    this.prepared = prepareNetwork(network);
    this.inputSize = this.prepared.inputShape.reduce((a, b) => a * b, 1);
  }

  /** Run `batch` inputs (flat, channels last); summaries of the layers in `watch` (activation indices). */
  run(images: Float32Array, batch: number, watch: ReadonlySet<number>): Map<number, ChannelSummary> {
    const size = this.inputSize;
    const inputs = Array.from({ length: batch }, (_, n) => images.subarray(n * size, (n + 1) * size));
    return forwardBatch(this.prepared, inputs, { layers: [...watch], read: summarise });
  }

  /** Free the prepared network's tensors. */
  dispose(): void {
    disposeNetwork(this.prepared);
  }
}
