/**
 * @clearbox/credit — credit assignment by layer-wise relevance propagation on TensorFlow.js (work in progress,
 * issue #5): dense networks so far; convolution, pooling and tfjs-layers import are next. Importing it registers
 * TensorFlow.js's CPU backend.
 *
 * @packageDocumentation
 */
export { forwardPass } from "./forward-pass.js";
export type { ForwardResult } from "./forward-pass.js";
export { lrp } from "./lrp.js";
export type { LrpOptions, LrpResult, LrpRule } from "./lrp.js";
export { aggregateInfluence, backwardInfluence, forwardInfluence } from "./influence.js";
export type { InfluenceMatrix } from "./influence.js";
export type { Activation, DenseLayer, Network } from "./network.js";
