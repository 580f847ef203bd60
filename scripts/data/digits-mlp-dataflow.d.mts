import type { DataflowData } from "@clearbox/charts";

type Block = { values: Float32Array; count: number; length: number };
export function blockSummary(block: Block): { min: Float64Array; mean: Float64Array; max: Float64Array };
export function mlpDataflow(training: { weights: Block; activations: Block; loss: Block }): DataflowData & {
  steps: number[];
};
