// The recorded digits-MLP training (scripts/data/digits-mlp-training.mjs) as dataflowDag's data: the network's layers
// with the min, mean and max of a recorded statistic per step. Shared by the dataflowDag story and docs figure.

/** min, mean and max over a block's series at every step. */
export function blockSummary(block) {
  const min = new Float64Array(block.length).fill(Infinity);
  const max = new Float64Array(block.length).fill(-Infinity);
  const mean = new Float64Array(block.length);
  for (let i = 0; i < block.count; i++) {
    for (let t = 0; t < block.length; t++) {
      const v = block.values[i * block.length + t];
      min[t] = Math.min(min[t], v);
      max[t] = Math.max(max[t], v);
      mean[t] += v / block.count;
    }
  }
  return { min, mean, max };
}

/**
 * @param training - trainingSeries(…)'s `{ weights, activations, loss }`
 * @returns `{ nodes, steps }`: pixels → dense 64→32 (its weights) → ReLU (activations) → dense 32→10 (the loss)
 */
export function mlpDataflow(training) {
  return {
    steps: Array.from({ length: training.weights.length }, (_, k) => k),
    nodes: [
      { id: "pixels", label: "64 pixels" },
      { id: "dense-1", label: "dense 64→32: weights", parents: ["pixels"], series: blockSummary(training.weights) },
      { id: "hidden", label: "ReLU: activations", parents: ["dense-1"], series: blockSummary(training.activations) },
      { id: "loss", label: "dense 32→10: loss", parents: ["hidden"], series: blockSummary(training.loss) },
    ],
  };
}
