// A real pretrained Keras model shipped inside an npm package, loaded from disk with no network: nsfwjs 4.4.0 (MIT)
// bundles its MobileNetV2 image classifier (Keras, converted to a tfjs layers model: 52 BatchNormalization,
// 17 DepthwiseConv2D, 10 Add, ReLU(max_value = 6), ZeroPadding2D, AveragePooling2D, Dropout, a softmax head) as
// JavaScript modules holding the topology and base64 weights.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-wasm";
import * as tfl from "@tensorflow/tfjs-layers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRandom } from "@clearbox/core";
import { disposeNetwork, forwardPass, fromLayersModel, lrp, prepareNetwork } from "../src/index.js";

const require = createRequire(import.meta.url);
// The model files are not in nsfwjs's export map: found beside its entry point (dist/cjs/index.js).
const models = join(dirname(require.resolve("nsfwjs")), "..", "models", "mobilenet_v2");
type Artifact = { default?: unknown } & Record<string, unknown>;
const unwrap = (m: Artifact) => (m.default ?? m) as never;

/** The bundled model as tfjs model artifacts (what tf.io.fromMemory takes). */
function nsfwMobileNetV2(): tf.io.ModelArtifacts {
  const json = unwrap(require(join(models, "model.min.js"))) as {
    modelTopology: object;
    weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[];
  };
  const base64 = unwrap(require(join(models, "group1-shard1of1.min.js"))) as string;
  const bytes = Buffer.from(base64, "base64");
  return {
    modelTopology: json.modelTopology,
    weightSpecs: json.weightsManifest.flatMap((group) => group.weights),
    weightData: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
  };
}

describe("a pretrained MobileNetV2 from an npm package (nsfwjs), on the wasm backend", () => {
  let model: tfl.LayersModel;
  let previous: string;
  beforeAll(async () => {
    previous = tf.getBackend() ?? "cpu";
    await tf.setBackend("wasm");
    model = await tfl.loadLayersModel(tf.io.fromMemory(nsfwMobileNetV2()));
  });
  afterAll(async () => {
    model.dispose();
    await tf.setBackend(previous);
  });

  it("is read whole, and forwardPass equals model.predict (softmax of the logits, 1e-4)", () => {
    expect(() => fromLayersModel(model)).toThrow(
      expect.objectContaining({ code: "E_OPTION", message: expect.stringMatching(/dropSoftmax/) }),
    );
    const network = prepareNetwork(fromLayersModel(model, { dropSoftmax: true }));
    expect(network.inputShape).toEqual([224, 224, 3]);
    const random = createRandom(3);
    const x = Float32Array.from({ length: 224 * 224 * 3 }, () => random.next());
    const expected = tf.tidy(() => (model.predict(tf.tensor(x, [1, 224, 224, 3])) as tf.Tensor).dataSync());
    const logits = forwardPass(network, x).activations.at(-1) as Float32Array;
    const exp = Array.from(logits, (v) => Math.exp(v - Math.max(...logits)));
    const total = exp.reduce((a, b) => a + b);
    exp.forEach((e, i) => expect(Math.abs(e / total - expected[i])).toBeLessThanOrEqual(1e-4));
    // LRP-ε of the winning class: the input's relevance plus what the layers absorbed is the explained logit.
    const winner = logits.indexOf(Math.max(...logits));
    const { relevance, absorbed } = lrp(network, x, { rule: "epsilon", target: winner, read: "input" });
    const total0 = relevance[0].reduce((a, b) => a + b, 0) + absorbed.reduce((a, b) => a + b, 0);
    expect(total0).toBeCloseTo(logits[winner], 2);
    disposeNetwork(network);
  }, 120_000);
});
