/**
 * @clearbox/credit — credit assignment by layer-wise relevance propagation (LRP) on TensorFlow.js: forward
 * passes, relevance by seven rules and influence matrices for dense, convolutional, transposed-convolutional and
 * pooling networks, using forward ops only. Importing it registers TensorFlow.js's CPU backend; any other backend
 * (wasm, webgl) that is active is used instead.
 *
 * @module @clearbox/credit
 * @packageDocumentation
 */
export { forwardPass } from "./forward-pass.js";
export type { ForwardResult } from "./forward-pass.js";
export { applyActivation, forwardBatch } from "./forward-batch.js";
export type { ForwardBatchOptions } from "./forward-batch.js";
export { lrp, lrpBatch } from "./lrp.js";
export type { LrpOptions, LrpResult, LrpRule } from "./lrp.js";
export type { Composite } from "./composites.js";
export { aggregateInfluence, backwardInfluence, forwardInfluence } from "./influence.js";
export type { InfluenceMatrix, InfluenceOptions } from "./influence.js";
export { disposeNetwork, prepareNetwork } from "./network.js";
export type { PreparedNetwork } from "./network.js";
export type {
  Activation,
  ActivationLayer,
  AddLayer,
  BatchNormLayer,
  ConcatenateLayer,
  Conv2dLayer,
  Conv2dTransposeLayer,
  Cropping2dLayer,
  DenseLayer,
  DepthwiseConv2dLayer,
  FlattenLayer,
  GlobalPool2dLayer,
  Kernel4D,
  Layer,
  LayerLinks,
  Network,
  Pool2dLayer,
  ReshapeLayer,
  UpSampling2dLayer,
  ZeroPadding2dLayer,
} from "./layer-types.js";
export type { Padding } from "./geometry.js";
export { fromLayersModel } from "./from-layers-model.js";
export type {
  FromLayersModelOptions,
  LayersLayerLike,
  LayersModelLike,
  SymbolicTensorLike,
} from "./from-layers-model.js";
export { fromGraphModel } from "./from-graph-model.js";
export type { FromGraphModelOptions, GraphModelArtifactsLike } from "./from-graph-model.js";
