// Browser side of "open your own model": a tfjs model from the page's file input (model.json + its weight files) and
// labelled images from a folder input (each image's sub-folder name is its label).
import * as tf from "@tensorflow/tfjs";
import { resizeToInput } from "./own-images.mjs";

/** The model from the chosen files: one model.json and the weight files it names. */
export async function modelFromFiles(files) {
  const list = Array.from(files);
  const json = list.find((f) => f.name.endsWith(".json"));
  if (!json) throw new Error("choose the model's model.json together with its weight files (.bin).");
  return tf.loadLayersModel(tf.io.browserFiles([json, ...list.filter((f) => f !== json)]));
}

/** Labelled images from a folder: `<folder>/<label>/<image>`; resized to the model's input. */
export async function imagesFromFolder(files, inputShape) {
  const list = Array.from(files).filter((f) => /\.(png|jpe?g|gif|webp|bmp)$/i.test(f.name));
  const labelOf = (f) => {
    const parts = (f.webkitRelativePath || f.name).split("/");
    return parts.length >= 3 ? parts[parts.length - 2] : undefined;
  };
  const labelled = list.filter((f) => labelOf(f) !== undefined);
  if (labelled.length === 0) throw new Error("choose a folder whose sub-folders (one per class) hold the images.");
  const classes = [...new Set(labelled.map(labelOf))].sort();
  labelled.sort((a, b) => a.webkitRelativePath.localeCompare(b.webkitRelativePath));
  const size = inputShape.reduce((a, b) => a * b, 1);
  const images = new Float32Array(labelled.length * size);
  const canvas = document.createElement("canvas");
  const context = canvas.getContext("2d", { willReadFrequently: true });
  for (let i = 0; i < labelled.length; i++) {
    const bitmap = await globalThis.createImageBitmap(labelled[i]);
    canvas.width = bitmap.width;
    canvas.height = bitmap.height;
    context.drawImage(bitmap, 0, 0);
    const { data } = context.getImageData(0, 0, bitmap.width, bitmap.height);
    images.set(resizeToInput({ width: bitmap.width, height: bitmap.height, rgba: data }, inputShape), i * size);
  }
  return { images, labels: labelled.map((f) => classes.indexOf(labelOf(f))), classes };
}
