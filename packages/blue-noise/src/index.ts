/**
 * @clearbox/blue-noise — blue-noise sampling of polylines (DGMTracker, thesis §4.4): a spread-out subset of many
 * time series (weights, activations, gradients over training) that thins dense bundles and keeps the outliers.
 *
 * @example
 * import { sampleBlueNoise } from "@clearbox/blue-noise";
 *
 * const { indices } = sampleBlueNoise({ values, count: 1728, length: 300 }, { ratio: 0.05, seed: 1 });
 *
 * @module @clearbox/blue-noise
 * @packageDocumentation
 */
export { polylineDistance } from "./polyline-distance.js";
export type { PolylineDistanceOptions } from "./polyline-distance.js";
export { sampleBlueNoise } from "./sample-blue-noise.js";
export type { BlueNoiseSample, SampleBlueNoiseOptions } from "./sample-blue-noise.js";
export type { FlatSeries, SeriesInput } from "./series.js";
export { samplingQuality } from "./sampling-quality.js";
export type { SamplingQuality, SamplingQualityOptions } from "./sampling-quality.js";
export { aggregateSeries } from "./aggregate-series.js";
export type { SeriesReducer } from "./aggregate-series.js";
export { timeWindow } from "./time-window.js";
export type { TimeWindow, TimeWindowOptions } from "./time-window.js";
export { createOnlineSampler } from "./online-sampler.js";
export type { OnlineSampler, OnlineSamplerOptions } from "./online-sampler.js";
export { mostIsolated } from "./most-isolated.js";
