/**
 * @clearbox/dgmtracker/tfjs — record a TensorFlow.js `model.fit` with a tracker. Imports nothing from TensorFlow.js:
 * it calls methods of the model it is given, so any 4.x build (tfjs, tfjs-node, wasm or cpu backend) works.
 *
 * @module @clearbox/dgmtracker/tfjs
 * @packageDocumentation
 */
export { fitCallback } from "./fit-callback.js";
export type { FitCallback, FitCallbackOptions, FitModel, FitTensor } from "./fit-callback.js";
