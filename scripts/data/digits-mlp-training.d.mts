type Block = { values: Float32Array; count: number; length: number };
export function trainingSeries(
  header: { steps: number; blocks: Array<{ name: string; count: number; offset: number }> },
  bytes: ArrayBuffer | Uint8Array,
): { weights: Block; activations: Block; loss: Block };
