// Every layer kind, by type. A new kind is one module implementing LayerKind, listed here.
import type { Layer } from "../layer-types.js";
import { activationKind } from "./activation.js";
import { addKind } from "./add.js";
import { batchNormKind } from "./batch-norm.js";
import { concatenateKind } from "./concatenate.js";
import { conv2dKind } from "./conv2d.js";
import { conv2dTransposeKind } from "./conv2d-transpose.js";
import { denseKind } from "./dense.js";
import { depthwiseConv2dKind } from "./depthwise-conv2d.js";
import { flattenKind, reshapeKind } from "./flatten.js";
import { globalPool2dKind } from "./global-pool2d.js";
import type { LayerKind, NodeBase } from "./kind.js";
import { pool2dKind } from "./pool2d.js";
import { cropping2dKind, upSampling2dKind, zeroPadding2dKind } from "./spatial.js";

const KINDS = [
  denseKind,
  conv2dKind,
  depthwiseConv2dKind,
  conv2dTransposeKind,
  batchNormKind,
  pool2dKind,
  globalPool2dKind,
  flattenKind,
  reshapeKind,
  activationKind,
  addKind,
  concatenateKind,
  zeroPadding2dKind,
  cropping2dKind,
  upSampling2dKind,
] as unknown as LayerKind[];

/** Each layer type's kind. @internal */
export const KIND_BY_TYPE = new Map<string, LayerKind<Layer, NodeBase>>(
  KINDS.flatMap((kind) => kind.types.map((type) => [type, kind])),
);

/** Every layer type a network may hold. @internal */
export const LAYER_TYPES = [...KIND_BY_TYPE.keys()] as Layer["type"][];

/** Types whose layers have a kernel (dense, convolutions, batch norm). @internal */
export const LINEAR_TYPES: readonly string[] = ["dense", "conv2d", "depthwiseConv2d", "conv2dTranspose", "batchNorm"];
