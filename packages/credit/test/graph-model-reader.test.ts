// A real converted graph model from an npm package, read from disk with no network: nsfwjs 4.4.0 (MIT) ships
// "mobilenet_v2_mid", a TF-Hub MobileNetV2 fine-tuned in Keras, saved as a SavedModel and converted by
// tensorflowjs_converter 1.7.4 into a tfjs graph model (35 _FusedConv2D with the batch norms folded in and Relu6
// fused, 17 FusedDepthwiseConv2dNative, 10 AddV2, Mul/Sub preprocessing, AvgPool, Squeeze, _FusedMatMul, Softmax).
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRandom } from "@clearbox/core";
import { disposeNetwork, forwardPass, fromGraphModel, lrp, prepareNetwork } from "../src/index.js";

const require = createRequire(import.meta.url);
const models = join(dirname(require.resolve("nsfwjs")), "..", "models", "mobilenet_v2_mid");
type Artifact = { default?: unknown } & Record<string, unknown>;
const unwrap = (m: Artifact) => (m.default ?? m) as never;

/** The bundled graph model's artifacts (what tf.io.fromMemory takes): topology and the two shards' bytes. */
function nsfwGraphModel(): tf.io.ModelArtifacts {
  const json = unwrap(require(join(models, "model.min.js"))) as {
    modelTopology: object;
    weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[];
  };
  const shards = [1, 2].map((k) =>
    Buffer.from(unwrap(require(join(models, `group1-shard${k}of2.min.js`))) as string, "base64"),
  );
  const bytes = Buffer.concat(shards);
  return {
    modelTopology: json.modelTopology,
    format: "graph-model",
    weightSpecs: json.weightsManifest.flatMap((group) => group.weights),
    weightData: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
  };
}

describe("a converted graph model from an npm package (nsfwjs's MobileNetV2 mid), on the wasm backend", () => {
  let previous: string;
  beforeAll(async () => {
    previous = tf.getBackend() ?? "cpu";
    await tf.setBackend("wasm");
  });
  afterAll(async () => {
    await tf.setBackend(previous);
  });

  it("is read op by op, and forwardPass equals the GraphModel's predict (softmax of the logits, 1e-4)", async () => {
    const artifacts = nsfwGraphModel();
    expect(() => fromGraphModel(artifacts)).toThrow(
      expect.objectContaining({ code: "E_OPTION", message: expect.stringMatching(/dropSoftmax/) }),
    );
    const network = prepareNetwork(fromGraphModel(artifacts, { dropSoftmax: true }));
    expect(network.inputShape).toEqual([224, 224, 3]);
    expect(network.layerNames.length).toBe(2 + 35 + 17 + 10 + 1 + 1 + 1);
    const random = createRandom(3);
    const x = Float32Array.from({ length: 224 * 224 * 3 }, () => random.next());
    const model = await tf.loadGraphModel(tf.io.fromMemory(artifacts));
    const expected = tf.tidy(() => (model.predict(tf.tensor(x, [1, 224, 224, 3])) as tf.Tensor).dataSync());
    model.dispose();
    const logits = forwardPass(network, x).activations.at(-1) as Float32Array;
    const top = Math.max(...logits);
    const exp = Array.from(logits, (v) => Math.exp(v - top));
    const total = exp.reduce((a, b) => a + b, 0);
    exp.forEach((e, i) => expect(Math.abs(e / total - expected[i])).toBeLessThanOrEqual(1e-4));
    const winner = logits.indexOf(top);
    const { relevance, absorbed } = lrp(network, x, { rule: "epsilon", target: winner, read: "input" });
    const passed = relevance[0].reduce((a, b) => a + b, 0) + absorbed.reduce((a, b) => a + b, 0);
    expect(passed).toBeCloseTo(logits[winner], 2);
    disposeNetwork(network);
  }, 120_000);

  it("refuses an op it does not read, naming the node, its op and the ops read", () => {
    const artifacts = nsfwGraphModel();
    const topology = artifacts.modelTopology as { node: { op: string; name: string }[] };
    const copy = { ...artifacts, modelTopology: { ...topology, node: topology.node.map((n) => ({ ...n })) } };
    const squeeze = copy.modelTopology.node.find((n) => n.op === "Squeeze") as { op: string; name: string };
    squeeze.op = "LayerNorm";
    expect(() => fromGraphModel(copy, { dropSoftmax: true })).toThrow(
      expect.objectContaining({ code: "E_OPTION", message: expect.stringContaining(`${squeeze.name}: op LayerNorm`) }),
    );
  });
});
