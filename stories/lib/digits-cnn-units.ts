import { prepareNetwork } from "@clearbox/credit";
import type { Network } from "@clearbox/credit";
import trained from "../../data/digits/digits-cnn.json";
import { convMapsGrid as mapsOf, denseNeurons as neuronsOf } from "@clearbox/model-fixtures/digits-cnn-units";
import type { DenseNeurons } from "@clearbox/model-fixtures/digits-cnn-units";
import { digits } from "./digits.js";

/** The digits CNN (96 % on held-out digits), prepared once for the chart stories. */
export const network = prepareNetwork(trained.network as unknown as Network);

let cached: DenseNeurons | undefined;

/** The 256 flattened conv-2 neurons over the first 300 digits: class means, importance, 16 clusters, top class. */
export const denseNeurons = (): DenseNeurons => (cached ??= neuronsOf(network, digits.pixels, digits.labels));

/** One digit's conv-1 → conv-2 feature maps as one grid with their forward influences. */
export const convMapsGrid = (row: number) => mapsOf(network, digits.pixels[row]);
