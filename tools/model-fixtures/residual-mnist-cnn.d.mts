import type * as tf from "@tensorflow/tfjs";

export function residualMnistCnn(options?: { channels?: number[]; seed?: number }): tf.LayersModel;
