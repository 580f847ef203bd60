import { ClearboxError, describeValue } from "@clearbox/core/internal";
import type { Batch } from "./group-accumulator.js";
import type { Samples } from "./types.js";

/** The samples as one block or as an iterable of blocks (streamed: none is kept after its batches ran). */
export type SampleSource = Samples | Iterable<Samples>;

export const isBlock = (source: SampleSource): source is Samples =>
  typeof source === "object" && source !== null && "images" in source && "labels" in source;

function checkBlock(block: Samples, inputSize: number, classes: number, where: string): number {
  if (
    typeof block !== "object" ||
    block === null ||
    block.images?.length === undefined ||
    block.labels?.length === undefined
  ) {
    throw new ClearboxError("E_TYPE", `${where} must be { images, labels }, got ${describeValue(block)}.`, {
      argument: where,
    });
  }
  const count = block.labels.length;
  if (block.images.length !== count * inputSize) {
    throw new ClearboxError(
      "E_SHAPE",
      `${where}.images must hold ${count} inputs of ${inputSize} values (${count * inputSize}), got ${block.images.length}.`,
      { argument: `${where}.images` },
    );
  }
  return count;
}

function batchOf(
  block: Samples,
  from: number,
  to: number,
  inputSize: number,
  classes: number,
  start: number,
  where: string,
): Batch {
  const labels = new Int32Array(to - from);
  for (let s = from; s < to; s++) {
    const label = block.labels[s];
    if (!Number.isInteger(label) || label < 0 || label >= classes) {
      throw new ClearboxError(
        "E_RANGE",
        `${where}.labels[${s}] must be a class index in 0 … ${classes - 1}, got ${describeValue(label)}.`,
        {
          argument: `${where}.labels`,
        },
      );
    }
    labels[s - from] = label;
  }
  const [a, b] = [from * inputSize, to * inputSize];
  const images =
    block.images instanceof Float32Array || block.images instanceof Float64Array
      ? Float32Array.from(block.images.subarray(a, b))
      : Float32Array.from({ length: b - a }, (_, i) => block.images[a + i]);
  for (let i = 0; i < images.length; i++) {
    if (!Number.isFinite(images[i])) {
      throw new ClearboxError(
        "E_NAN",
        `${where}.images[${from * inputSize + i}] is ${images[i]}: inputs must be finite (in float32).`,
        {
          argument: `${where}.images`,
        },
      );
    }
  }
  return { images, labels, start };
}

/** Batches of at most `batchSize` inputs, checked as they are cut (labels in range, images finite). */
export function* batches(
  source: SampleSource,
  batchSize: number,
  inputSize: number,
  classes: number,
): Generator<Batch> {
  const blocks: Iterable<Samples> = isBlock(source) ? [source] : source;
  let start = 0;
  let b = 0;
  for (const block of blocks) {
    const where = isBlock(source) ? "samples" : `samples block ${b++}`;
    const count = checkBlock(block, inputSize, classes, where);
    for (let from = 0; from < count; from += batchSize) {
      const to = Math.min(count, from + batchSize);
      yield batchOf(block, from, to, inputSize, classes, start, where);
      start += to - from;
    }
  }
}

/** The class names: from the options, the samples, or 0 … max label. */
export function classNamesOf(source: SampleSource, given: readonly string[] | undefined): string[] {
  if (given !== undefined) return [...given];
  if (!isBlock(source)) {
    throw new ClearboxError(
      "E_OPTION",
      "options.classes must name the classes when samples come as an iterable of blocks.",
      {
        argument: "options.classes",
      },
    );
  }
  if (source.classes !== undefined) return [...source.classes];
  let most = -1;
  for (let s = 0; s < source.labels.length; s++) most = Math.max(most, Number(source.labels[s]));
  if (!(most >= 0)) {
    throw new ClearboxError("E_EMPTY", "samples.labels must hold at least one class index.", {
      argument: "samples.labels",
    });
  }
  return Array.from({ length: Math.floor(most) + 1 }, (_, c) => String(c));
}
