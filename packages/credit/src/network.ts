import { ClearboxError, assertFiniteVector, describeValue, toDenseMatrix } from "@clearbox/core";
import type { MatrixLike } from "@clearbox/core";

/** Activation functions a layer may apply after its affine map. */
export type Activation = "relu" | "linear" | "sigmoid" | "tanh";

/** A fully connected layer: `out = activation(in · kernel + bias)`, kernel in × out (the Keras layout). */
export interface DenseLayer {
  type: "dense";
  /** in × out weights: rows are inputs, columns outputs (number[][], typed rows or ml-matrix). */
  kernel: ReadonlyArray<ArrayLike<number>> | MatrixLike;
  /** One per output; zeros when omitted. */
  bias?: ArrayLike<number>;
  /** Default "linear". */
  activation?: Activation;
}

/** A feed-forward network as plain JSON. Only dense layers so far (conv, pooling and flatten are issue #5's next part). */
export interface Network {
  layers: readonly DenseLayer[];
}

/** A validated dense layer: flat in × out kernel, bias and activation. @internal */
export interface CheckedDense {
  inputs: number;
  outputs: number;
  kernel: Float32Array;
  bias: Float32Array;
  activation: Activation;
}

const ACTIVATIONS: readonly Activation[] = ["relu", "linear", "sigmoid", "tanh"];

/**
 * Validate a network: every layer of a known type with a supported activation, kernel and bias shapes that agree,
 * each layer's inputs equal to the previous layer's outputs, every number finite. Errors name the layer index.
 * @internal
 */
export function checkNetwork(network: Network): CheckedDense[] {
  if (typeof network !== "object" || network === null || !Array.isArray(network.layers)) {
    throw new ClearboxError("E_TYPE", `network must be { layers: [...] }, got ${describeValue(network)}.`, {
      argument: "network",
    });
  }
  if (network.layers.length === 0) {
    throw new ClearboxError("E_EMPTY", "network.layers must hold at least one layer.", { argument: "network.layers" });
  }
  const checked: CheckedDense[] = [];
  network.layers.forEach((layer, l) => {
    const where = `network.layers[${l}]`;
    if (typeof layer !== "object" || layer === null || layer.type !== "dense") {
      throw new ClearboxError(
        "E_OPTION",
        `${where}.type must be "dense" (conv2d, pooling and flatten are not supported yet), got ${describeValue((layer as { type?: unknown })?.type)}.`,
        { argument: `${where}.type` },
      );
    }
    const activation = layer.activation ?? "linear";
    if (!ACTIVATIONS.includes(activation)) {
      throw new ClearboxError(
        "E_OPTION",
        `${where}.activation must be one of ${ACTIVATIONS.join(", ")}, got ${describeValue(activation)}.`,
        { argument: `${where}.activation` },
      );
    }
    const { rows, columns, values } = readKernel(layer.kernel, `${where}.kernel`);
    if (l > 0 && rows !== checked[l - 1].outputs) {
      throw new ClearboxError(
        "E_SHAPE",
        `${where}.kernel has ${rows} inputs but layer ${l - 1} has ${checked[l - 1].outputs} outputs: the layers do not chain.`,
        { argument: `${where}.kernel` },
      );
    }
    const bias = new Float32Array(columns);
    if (layer.bias !== undefined) {
      if (layer.bias.length !== columns) {
        throw new ClearboxError(
          "E_SHAPE",
          `${where}.bias must have ${columns} entries (one per output), got ${layer.bias.length}.`,
          {
            argument: `${where}.bias`,
          },
        );
      }
      for (let j = 0; j < columns; j++) {
        const b = layer.bias[j];
        if (typeof b !== "number" || !Number.isFinite(b)) {
          throw new ClearboxError("E_NAN", `${where}.bias[${j}] must be finite, got ${describeValue(b)}.`, {
            argument: `${where}.bias[${j}]`,
          });
        }
        bias[j] = b;
      }
    }
    checked.push({ inputs: rows, outputs: columns, kernel: values, bias, activation });
  });
  return checked;
}

function readKernel(kernel: unknown, where: string): { rows: number; columns: number; values: Float32Array } {
  const { rows, columns, values } = toDenseMatrix(kernel, where);
  return { rows, columns, values: Float32Array.from(values) };
}

/** Check an input vector against the network's first layer. @internal */
export function checkInput(input: ArrayLike<number>, layers: CheckedDense[], name = "input"): Float32Array {
  return Float32Array.from(assertFiniteVector(input, name, { length: layers[0].inputs }));
}
