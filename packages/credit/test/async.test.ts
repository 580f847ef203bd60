import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import "@tensorflow/tfjs-backend-wasm";
import { createRandom, isClearboxError } from "@clearbox/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forwardBatch, forwardInfluence, forwardPass, lrp, lrpBatch, prepareNetwork } from "@clearbox/credit";
import type { Network } from "@clearbox/credit";
import { openNetwork } from "@clearbox/credit/async";
import type { RemoteNetwork } from "@clearbox/credit/async";

// openNetwork (from the build, as users import it): the network crosses to the worker once; calls by handle give the
// synchronous results exactly, an abort rejects at once and the next call works on a new worker.

function cnn(size: number, channels: number, seed: number): Network {
  const random = createRandom(seed);
  const values = (n: number, scale: number) => Array.from({ length: n }, () => scale * random.normal());
  const kernel = [0, 1, 2].map(() => [0, 1, 2].map(() => [0, 1, 2].map(() => values(channels, 0.3))));
  return {
    inputShape: [size, size, 3],
    layers: [
      { type: "conv2d", kernel, bias: values(channels, 0.01), padding: "same", activation: "relu" },
      {
        type: "batchNorm",
        movingMean: values(channels, 0.1),
        movingVariance: values(channels, 0.1).map((v) => 1 + v * v),
      },
      { type: "flatten" },
      {
        type: "dense",
        kernel: Array.from({ length: size * size * channels }, () => values(10, 0.05)),
        bias: values(10, 0.01),
      },
    ],
  };
}

const image = (size: number, seed: number) => {
  const random = createRandom(seed);
  return Float32Array.from({ length: size * size * 3 }, () => random.next());
};

describe("openNetwork: a network held by a worker", () => {
  const network = prepareNetwork(cnn(12, 4, 1));
  let remote: RemoteNetwork;
  beforeAll(async () => {
    await tf.setBackend("cpu");
    remote = await openNetwork(network);
  });
  afterAll(() => remote.close());

  it("gives the synchronous results, call after call", async () => {
    expect(remote.inputShape).toEqual([12, 12, 3]);
    for (const seed of [2, 3]) {
      const x = image(12, seed);
      expect(await remote.lrp(x, { target: seed })).toEqual(lrp(network, x, { target: seed }));
    }
    const batch = [image(12, 4), image(12, 5)];
    expect(await remote.lrpBatch(batch, { rule: "lrp0", target: [1, 2] })).toEqual(
      lrpBatch(network, batch, { rule: "lrp0", target: [1, 2] }),
    );
    const { activations } = forwardPass(network, batch[0]);
    expect(await remote.forwardPass(batch[0])).toEqual(forwardPass(network, batch[0]));
    expect(await remote.forwardInfluence(activations, 3)).toEqual(forwardInfluence(network, activations, 3));
    expect(await remote.forwardBatch(batch, { layers: [1, 4] })).toEqual(
      forwardBatch(network, batch, { layers: [1, 4] }),
    );
    await expect(remote.forwardBatch(batch, { read: () => 1 } as never)).rejects.toMatchObject({ code: "E_OPTION" });
  });

  it("rejects an aborted call with E_ABORTED at once, then serves the next call on a new worker", async () => {
    const big = Array.from({ length: 400 }, (_, i) => image(12, 10 + i));
    const controller = new AbortController();
    const pending = remote.lrpBatch(big, { signal: controller.signal });
    const queued = remote.lrp(big[0], { target: 1 }); // waits its turn behind the aborted call
    await new Promise((resolve) => setTimeout(resolve, 50));
    const abortedAt = performance.now();
    controller.abort();
    const error = await pending.then(
      () => new Error("the batch finished before the abort: make it bigger"),
      (e: unknown) => e,
    );
    expect(isClearboxError(error, "E_ABORTED"), String(error)).toBe(true);
    expect(performance.now() - abortedAt).toBeLessThan(150);
    expect(await queued).toEqual(lrp(network, big[0], { target: 1 }));
  });

  it("refuses unknown options as the synchronous forms do, and calls after close", async () => {
    await expect(remote.lrp(image(12, 2), { bogus: 1 } as never)).rejects.toMatchObject({ code: "E_OPTION" });
    await expect(openNetwork(network, { backend: "webgl" as never })).rejects.toMatchObject({ code: "E_OPTION" });
    await expect(openNetwork({ layers: [] })).rejects.toMatchObject({ code: "E_EMPTY" });
    const other = await openNetwork(network);
    other.close();
    await expect(other.lrp(image(12, 2))).rejects.toMatchObject({ code: "E_ABORTED" });
  });

  it("runs on the wasm backend when asked, as the synchronous form does there", async () => {
    const onWasm = await openNetwork(network, { backend: "wasm" });
    try {
      await tf.setBackend("wasm");
      const x = image(12, 7);
      expect(await onWasm.lrp(x, { target: 4 })).toEqual(lrp(network, x, { target: 4 }));
    } finally {
      onWasm.close();
      await tf.setBackend("cpu");
    }
  });
});
