// The cached model and the analysed sample as JSON files that both Node and the browser read (data/): the model in
// TensorFlow.js's own artifact format with its weights as base64, the sample's pixels as base64 bytes.
import * as tf from "@tensorflow/tfjs";

function toBase64(bytes) {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A trained model as plain JSON: topology, weight specs and weights (base64), and what `about` says. */
export async function storeModel(model, about) {
  /** @type {any} the artifacts tfjs hands the save handler */
  let artifacts;
  await model.save(
    // @ts-expect-error the handler's result needs only the date: tfjs reads no other field of it
    tf.io.withSaveHandler(async (a) => ((artifacts = a), { modelArtifactsInfo: { dateSaved: new Date(0) } })),
  );
  return {
    ...about,
    modelTopology: artifacts.modelTopology,
    weightSpecs: artifacts.weightSpecs,
    weightData: toBase64(new Uint8Array(artifacts.weightData)),
  };
}

/** The model back from storeModel's JSON. */
export function loadStoredModel(stored) {
  const weights = fromBase64(stored.weightData);
  return tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: stored.modelTopology,
      weightSpecs: stored.weightSpecs,
      weightData: weights.buffer,
    }),
  );
}

/** Sample images (values in [0, 1]) as bytes 0–255, base64. */
export function storeSample(images, labels, side) {
  return { side, labels, pixels: toBase64(Uint8Array.from(images, (v) => Math.round(v * 255))) };
}

/** The sample back: images as a Float32Array in [0, 1]. */
export function loadStoredSample(stored) {
  const bytes = fromBase64(stored.pixels);
  return { images: Float32Array.from(bytes, (b) => b / 255), labels: stored.labels, side: stored.side };
}
