import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { workspacePackages } from "@clearbox/build-kit/workspace-packages";
import type { WorkspacePackage } from "@clearbox/build-kit/workspace-packages";
import { createRandom } from "@clearbox/core";
import { isClearboxError } from "@clearbox/core";
import * as reorderSync from "@clearbox/reorder";
import * as biclusterSync from "@clearbox/bicluster";
import * as mutualRankSync from "@clearbox/mutual-rank";
import type { Network } from "@clearbox/credit";
import * as cnnvisSync from "@clearbox/cnnvis";

// Every ./async export, in Node (worker_threads): a real AbortController aborted 50 ms after the call rejects with
// E_ABORTED within 150 ms of the abort (the bound; the latency is printed — on a quiet machine it is a few
// ms, the margin is for a loaded CI), and a small input with a seed gives the synchronous form's result exactly.
// "big" inputs are sized to run well past the abort. The packages with an ./async entry and their exports are read
// from the workspace (build-kit's package list and the builds), so a new async form without a case here fails.

type Fn = (...args: never[]) => unknown;
/** `small`: arguments to compare with the synchronous form; `big`: arguments ending with the options object. */
type Case = { small: () => unknown[]; big: () => unknown[] };

const rows = (n: number, d: number, seed = 1) => {
  const random = createRandom(seed);
  return Array.from({ length: n }, (_, i) => Array.from({ length: d }, (_, j) => random.next() + ((i * 7 + j) % 5)));
};
const rects = (n: number, seed = 2) => {
  const random = createRandom(seed);
  return Array.from({ length: n }, () => ({ width: 1 + 9 * random.next(), height: 1 + 9 * random.next() }));
};
const graph = (n: number, degree: number, seed = 3) => {
  const random = createRandom(seed);
  const edges: number[][] = [];
  for (let u = 0; u < n; u++) for (let k = 0; k < degree; k++) edges.push([u, random.int(n), 1]);
  return { nodes: n, edges };
};
const segments = (n: number, seed = 4) => {
  const random = createRandom(seed);
  return Array.from({ length: n }, () => [0, 100 * random.next(), 300, 100 * random.next()] as const);
};
const bipartite = (n: number, p: number, seed = 5) => {
  const random = createRandom(seed);
  const edges: [number, number][] = [];
  for (let u = 0; u < n; u++) for (let v = 0; v < n; v++) if (random.next() < p) edges.push([u, v]);
  return edges;
};
const strengths = (n: number) =>
  biclusterSync.clusterStrengths(
    rows(n, n, 6).map((r) => r.map((v) => v - 2.5)),
    [...Array(n).keys()],
    [...Array(n).keys()],
  );
const tweets = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    text: `post ${i} about #t${i % 17} and #t${(i * 3) % 11} with @u${i % 23} words w${i % 31} w${i % 7}`,
    author: `u${i % 97}`,
  }));
const model = (n: number) => {
  const { edges } = graph(n, 4, 7);
  return mutualRankSync.createModel({
    types: ["a", "b"],
    nodeType: Array.from({ length: n }, (_, i) => i % 2),
    edges: edges.map(([u, v]) => [u, v, 1] as const),
  });
};
/** A CNN as plain data: `size` × `size` × 3 → conv 3 × 3 × `channels` (relu) → flatten → dense 10. */
const cnn = (size: number, channels: number, seed = 8) => {
  const random = createRandom(seed);
  const values = (n: number, scale: number) => Array.from({ length: n }, () => scale * random.normal());
  const kernel = [...Array(3)].map(() => [...Array(3)].map(() => [...Array(3)].map(() => values(channels, 0.3))));
  const flat = size * size * channels;
  return {
    inputShape: [size, size, 3],
    layers: [
      { type: "conv2d" as const, kernel, bias: values(channels, 0.01), padding: "same" as const, activation: "relu" },
      { type: "flatten" as const },
      { type: "dense" as const, kernel: [...Array(flat)].map(() => values(10, 0.05)), bias: values(10, 0.01) },
    ],
  } as Network;
};
const images = (n: number, size: number, seed = 9) => rows(n, size * size * 3, seed);

/** A plain credit network (conv 3×3×c → pool → dense 10) and labelled images for it. */
const convNetwork = (side: number, channels: number, seed = 8) => {
  const random = createRandom(seed);
  const pooled = Math.floor((side - 2) / 2);
  const kernel = Array.from({ length: 3 }, () =>
    Array.from({ length: 3 }, () => [Array.from({ length: channels }, () => random.normal() / 3)]),
  );
  const dense = Array.from({ length: pooled * pooled * channels }, () =>
    Array.from({ length: 10 }, () => random.normal() / 10),
  );
  return {
    inputShape: [side, side, 1],
    layers: [
      { type: "conv2d", name: "conv", kernel, activation: "relu" },
      { type: "maxPool2d", name: "pool", poolSize: 2 },
      { type: "flatten", name: "flatten" },
      { type: "dense", name: "logits", kernel: dense },
    ],
  };
};
const digits = (count: number, side: number, seed = 9) => {
  const random = createRandom(seed);
  return {
    images: Float32Array.from({ length: count * side * side }, () => random.next()),
    labels: Array.from({ length: count }, (_, i) => i % 10),
  };
};
const cnnvisAnalysis = () => cnnvisSync.analyzeModel(convNetwork(10, 6) as never, digits(40, 10));
const widePair = (n: number) => {
  const analysis = cnnvisAnalysis();
  const random = createRandom(10);
  const group = { ...analysis.groups[0], units: n, vectors: rows(n, 10), importance: new Float64Array(n).fill(1) };
  const weights = Float64Array.from({ length: n * n }, () => random.normal());
  const identity = Array.from({ length: n }, (_, u) => u);
  const wide = {
    ...analysis,
    groups: [group, { ...group }],
    connections: [{ from: 0, to: 1, rows: n, columns: n, weights, layersCrossed: 1 }],
  };
  return [wide, [identity, identity], {}];
};

const scratch: string[] = [];
afterAll(() => scratch.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const scratchFolder = () => {
  scratch.push(mkdtempSync(join(tmpdir(), "clearbox-async-")));
  return scratch.at(-1)!;
};
/** `steps` checkpoints as Hugging Face's Trainer saves them (checkpoint-N/model.safetensors): `n` drifting F32 "w". */
const checkpointFolder = (steps: number, n: number, seed = 11) => {
  const folder = scratchFolder();
  const random = createRandom(seed);
  const w = Float32Array.from({ length: n }, () => random.normal());
  const header = new TextEncoder().encode(
    JSON.stringify({ w: { dtype: "F32", shape: [n], data_offsets: [0, 4 * n] } }),
  );
  const size = new Uint8Array(8);
  new DataView(size.buffer).setUint32(0, header.length, true);
  for (let step = 1; step <= steps; step++) {
    for (let i = 0; i < n; i++) w[i] += 0.1 * random.normal();
    mkdirSync(join(folder, `checkpoint-${step}`));
    writeFileSync(
      join(folder, `checkpoint-${step}`, "model.safetensors"),
      Buffer.concat([size, header, new Uint8Array(w.buffer)]),
    );
  }
  return folder;
};
/** A run folder of `n` full series × `steps` steps, imported (synchronously) from such checkpoints. */
const runFolder = (steps: number, n: number) => {
  const run = join(scratchFolder(), "run");
  (modules.dgmtracker[0].importCheckpoints as Fn)(...([checkpointFolder(steps, n), run, { full: ["w"] }] as never[]));
  return run;
};
/** An event file of `copies` back-to-back copies of dgmtracker's SummaryWriter fixture (each record stands alone). */
const tensorBoardLog = (copies: number) => {
  const fixture = new URL(
    "../packages/dgmtracker/test/fixtures/tensorboard-run/events.out.tfevents.1700000000.fixture",
    import.meta.url,
  );
  const file = join(scratchFolder(), "events.out.tfevents.1.test");
  writeFileSync(file, Buffer.concat(Array<Buffer>(copies).fill(readFileSync(fixture))));
  return file;
};
const cases: Record<string, Record<string, Case>> = {
  cluster: {
    kmeans: { small: () => [rows(300, 3), 4, { seed: 1 }], big: () => [rows(200_000, 4), 60, { seed: 1 }] },
    meanShift: { small: () => [rows(120, 2), { bandwidth: 1 }], big: () => [rows(40_000, 2), { bandwidth: 0.5 }] },
    greedyModularity: { small: () => [graph(60, 3)], big: () => [graph(20_000, 6), {}] },
    leiden: { small: () => [graph(60, 3), { seed: 1 }], big: () => [graph(200_000, 6), { seed: 1 }] },
    divisiveHierarchy: {
      small: () => [rows(60, 4), "cosine", { seed: 1 }],
      big: () => [rows(6_000, 16), "cosine", { seed: 1 }],
    },
    knnGraph: { small: () => [rows(100, 5), 4], big: () => [rows(20_000, 16), 10, "cosine", {}] },
    principalComponents: { small: () => [rows(200, 5), 2], big: () => [rows(100_000, 30), 3, {}] },
  },
  "rect-pack": {
    packFast: { small: () => [rects(40), { seed: 1 }], big: () => [rects(40_000), { seed: 1 }] },
    packOptimal: { small: () => [rects(5)], big: () => [rects(20), {}] },
    packHierarchical: {
      small: () => [rects(30), { seed: 1, features: rows(30, 4) }],
      big: () => [rects(20_000), { seed: 1, features: rows(20_000, 8) }],
    },
  },
  reorder: {
    heldKarp: {
      small: () => [reorderSync.distanceMatrix(rows(8, 3))],
      big: () => [reorderSync.distanceMatrix(rows(19, 3)), {}],
    },
    reorderRows: { small: () => [rows(30, 5), { seed: 1 }], big: () => [rows(3_000, 20), { seed: 1 }] },
    similarityMatrix: { small: () => [rows(40, 4)], big: () => [rows(5_000, 100), {}] },
    distanceMatrix: { small: () => [rows(40, 4)], big: () => [rows(5_000, 100), {}] },
  },
  bicluster: {
    closedBicliques: { small: () => [bipartite(8, 0.5)], big: () => [bipartite(120, 0.5), {}] },
    weightedBicluster: { small: () => [strengths(6)], big: () => [strengths(400), {}] },
  },
  "blue-noise": {
    sampleBlueNoise: {
      small: () => [rows(200, 12), { seed: 1, count: 20 }],
      big: () => [rows(30_000, 60), { seed: 1, count: 3_000 }],
    },
    samplingQuality: {
      small: () => [rows(100, 12), [1, 5, 9, 30]],
      big: () => [rows(30_000, 60), [...Array(3_000).keys()], {}],
    },
  },
  "mutual-rank": {
    solveExact: { small: () => [model(50)], big: () => [model(60_000), { tolerance: 1e-15 }] },
    monteCarloScores: {
      small: () => [model(50), { walksPerNode: 5, seed: 1 }],
      big: () => [model(60_000), { walksPerNode: 40, seed: 1 }],
    },
    fromTweets: {
      small: () => [tweets(40), { text: "text", author: "author" }],
      big: () => [tweets(40_000), { text: "text", author: "author" }],
    },
  },
  charts: {
    bundleEdges: { small: () => [segments(12)], big: () => [segments(4_000), {}] },
  },
  credit: {
    lrp: { small: () => [cnn(8, 4), images(1, 8)[0], { target: 3 }], big: () => [cnn(48, 8), images(1, 48)[0], {}] },
    lrpBatch: {
      small: () => [cnn(8, 4), images(5, 8), { target: [0, 1, 2, 3, 4] }],
      big: () => [cnn(48, 8), images(64, 48), {}],
    },
    forwardPass: { small: () => [cnn(8, 4), images(1, 8)[0]], big: () => [cnn(48, 8), images(1, 48)[0], {}] },
    forwardBatch: {
      small: () => [cnn(8, 4), images(5, 8), { layers: [1, 2] }],
      big: () => [cnn(48, 8), images(400, 48), {}],
    },
  },
  dgmtracker: {
    sampleRunFolder: {
      small: () => [runFolder(20, 200), "w", "weights", { count: 20, seed: 1, outliers: [3, 7] }],
      big: () => [runFolder(60, 30_000), "w", "weights", { count: 3_000, seed: 1 }],
    },
    importCheckpoints: {
      small: () => [checkpointFolder(4, 50), join(scratchFolder(), "run"), { full: ["w"] }],
      big: () => [checkpointFolder(40, 250_000), join(scratchFolder(), "run"), { full: ["w"] }],
    },
    readTensorBoardScalars: {
      small: () => [tensorBoardLog(2), { tags: ["loss"] }],
      big: () => [tensorBoardLog(2_000), {}],
    },
  },
  cnnvis: {
    analyzeModel: {
      small: () => [convNetwork(10, 6), digits(40, 10)],
      big: () => [convNetwork(28, 32), digits(5_000, 28), {}],
    },
    deriveViews: { small: () => [cnnvisAnalysis()], big: () => widePair(400) },
  },
};

/** The built ESM file of one entry of a package's `exports` (conditional or plain). */
function builtFile(pkg: WorkspacePackage, subpath: string): string {
  const exportsMap = pkg.manifest.exports as Record<string, { import?: { default: string }; default?: string }>;
  const target = exportsMap[subpath]!;
  return join(pkg.directory, target.import?.default ?? target.default!);
}

const root = fileURLToPath(new URL("..", import.meta.url));
const withAsync = workspacePackages(root).filter((pkg) => pkg.entries.some((entry) => entry.subpath === "./async"));
/** The entry holding the synchronous forms, when not the main one (dgmtracker's ./async serves ./node: paths). */
const syncEntry: Record<string, string> = { dgmtracker: "./node" };
/** Async exports with no synchronous twin, tested in their package (credit's openNetwork returns a worker handle). */
const testedElsewhere: Record<string, string[]> = { credit: ["openNetwork"] };

/** Each package's synchronous and ./async modules, by folder name. */
const modules: Record<string, [Record<string, unknown>, Record<string, unknown>]> = Object.fromEntries(
  await Promise.all(
    withAsync.map(async (pkg) => [
      pkg.folder,
      [
        await import(pathToFileURL(builtFile(pkg, syncEntry[pkg.folder] ?? ".")).href),
        await import(pathToFileURL(builtFile(pkg, "./async")).href),
      ],
    ]),
  ),
);

describe("every ./async export", () => {
  it("has a case here for every export of every package's ./async entry (a new async form needs one)", () => {
    expect(withAsync.length).toBeGreaterThanOrEqual(7);
    expect(Object.keys(modules).sort()).toEqual(Object.keys(cases).sort());
    for (const [pkg, [, asyncForms]] of Object.entries(modules)) {
      const exported = Object.keys(asyncForms).filter((name) => !testedElsewhere[pkg]?.includes(name));
      expect(exported.sort(), pkg).toEqual(Object.keys(cases[pkg] ?? {}).sort());
    }
  });

  const all = Object.entries(cases).flatMap(([pkg, fns]) =>
    Object.entries(fns).map(([name, c]) => [pkg, name, c] as const),
  );

  it.each(all)("%s %s: same result as the synchronous form", async (pkg, name, c) => {
    const [syncForms, asyncForms] = modules[pkg];
    // Arguments made twice (seeded, so equal): a form that writes a folder gets a fresh one each time.
    const expected = (syncForms[name] as Fn)(...(c.small() as never[]));
    await expect((asyncForms[name] as Fn)(...(c.small() as never[]))).resolves.toEqual(expected);
  });

  it.each(all)("%s %s: aborted 50 ms after the call, rejects with E_ABORTED at once", async (pkg, name, c) => {
    const [, asyncForms] = modules[pkg];
    const args = c.big();
    const controller = new AbortController();
    const callArgs = [...args.slice(0, -1), { ...(args[args.length - 1] as object), signal: controller.signal }];
    let abortedAt = 0;
    const started = performance.now();
    const pending = (asyncForms[name] as Fn)(...(callArgs as never[])) as Promise<unknown>;
    setTimeout(() => {
      abortedAt = performance.now();
      controller.abort();
    }, 50);
    const error = await pending.then(
      () =>
        new Error(
          `${name} finished ${Math.round(performance.now() - started)} ms after the call: make its input bigger`,
        ),
      (e: unknown) => e,
    );
    const latency = performance.now() - abortedAt;
    console.log(`${pkg} ${name}: rejected ${latency.toFixed(1)} ms after the abort`);
    expect(isClearboxError(error, "E_ABORTED"), String(error)).toBe(true);
    expect(latency).toBeLessThan(150);
    // And its worker is gone (the tests run one at a time, so no other worker is alive).
    const left = await footprintWhen((seen) => seen.ports === 0);
    expect(left.ports, "worker ports still open after the abort").toBe(0);
  });
});

/**
 * What a live worker holds in this process: its OS thread (Linux lists every thread in /proc/self/task; elsewhere
 * -1) and the MessagePort of its channel (process.getActiveResourcesInfo lists one per worker until it has exited).
 */
function workerFootprint(): { threads: number; ports: number } {
  const threads = existsSync("/proc/self/task") ? readdirSync("/proc/self/task").length : -1;
  const ports = process.getActiveResourcesInfo().filter((resource) => resource === "MessagePort").length;
  return { threads, ports };
}

/** Poll until `wanted` holds of the footprint (a terminated worker exits asynchronously); the last one seen. */
async function footprintWhen(
  wanted: (seen: { threads: number; ports: number }) => boolean,
  timeoutMs = 5_000,
): Promise<{ threads: number; ports: number }> {
  const until = performance.now() + timeoutMs;
  let seen = workerFootprint();
  while (performance.now() < until && !wanted(seen)) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    seen = workerFootprint();
  }
  return seen;
}

describe("an ./async call frees its worker when it ends badly", () => {
  const [syncCluster, asyncCluster] = modules.cluster as [Record<string, Fn>, Record<string, Fn>];
  const small = cases.cluster.kmeans.small();
  const expected = syncCluster.kmeans(...(small as never[]));
  const same = (a: { threads: number; ports: number }) => (b: { threads: number; ports: number }) =>
    a.threads === b.threads && a.ports === b.ports;

  /** The footprint with no worker alive, after one complete call (so lazily started threads already exist). */
  async function idleFootprint(): Promise<{ threads: number; ports: number }> {
    await expect(asyncCluster.kmeans(...(small as never[]))).resolves.toEqual(expected);
    // The port closes before the thread has gone: idle is no port, and the same thread count for 200 ms.
    let [last, since] = [workerFootprint(), performance.now()];
    return footprintWhen((seen) => {
      if (!same(seen)(last)) [last, since] = [seen, performance.now()];
      return seen.ports === 0 && performance.now() - since >= 200;
    });
  }

  it("after an abort: the worker's thread and port are gone, and the next call works", async () => {
    const idle = await idleFootprint();
    const controller = new AbortController();
    const big = cases.cluster.kmeans.big();
    const pending = asyncCluster.kmeans(...([...big.slice(0, -1), { seed: 1, signal: controller.signal }] as never[]));
    // The port opens when the worker is created, its thread a moment later.
    const running = await footprintWhen((seen) => seen.ports === 1 && seen.threads === idle.threads + 1);
    controller.abort();
    expect(running.ports, "the call's worker was running").toBe(1);
    if (idle.threads !== -1) expect(running.threads, "the worker runs on a thread of its own").toBe(idle.threads + 1);
    await expect(pending).rejects.toMatchObject({ code: "E_ABORTED" });
    expect(await footprintWhen(same(idle)), "no worker is left after the abort").toEqual(idle);
    await expect(asyncCluster.kmeans(...(small as never[]))).resolves.toEqual(expected);
  });

  it("after the worker throws: the error arrives coded, the worker is gone, and the next call works", async () => {
    const idle = await idleFootprint();
    // k above the number of rows: the worker's kmeans throws E_RANGE, which crosses back as a ClearboxError.
    await expect(asyncCluster.kmeans(rows(5, 2), 9, { seed: 1 })).rejects.toMatchObject({ code: "E_RANGE" });
    expect(await footprintWhen(same(idle)), "no worker is left after the error").toEqual(idle);
    await expect(asyncCluster.kmeans(...(small as never[]))).resolves.toEqual(expected);
  });
});

describe("a worker session (credit's openNetwork) frees its worker", () => {
  const [syncCredit, asyncCredit] = modules.credit as [Record<string, Fn>, Record<string, Fn>];
  const network = cnn(8, 4);
  const input = images(1, 8)[0];
  const expected = syncCredit.lrp(network as never, input as never, { target: 3 } as never);

  it("after an abort the session holds no worker until its next call, and close() ends the one it has", async () => {
    type Remote = { lrp: Fn; lrpBatch: Fn; close: () => void };
    const idle = await footprintWhen((seen) => seen.ports === 0); // earlier calls' workers have exited
    const remote = (await asyncCredit.openNetwork(network as never)) as Remote;
    await expect(remote.lrp(input, { target: 3 })).resolves.toEqual(expected);
    expect(workerFootprint().ports, "the session keeps its worker between calls").toBe(idle.ports + 1);
    // Aborted 50 ms into its run (an abort before its turn would leave the session's worker alone, as it should).
    const controller = new AbortController();
    const pending = remote.lrpBatch(images(2_000, 8), { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toMatchObject({ code: "E_ABORTED" });
    const afterAbort = await footprintWhen((seen) => seen.ports === idle.ports);
    expect(afterAbort.ports, "the aborted session's worker is gone").toBe(idle.ports);
    await expect(remote.lrp(input, { target: 3 })).resolves.toEqual(expected); // on a new worker, network sent again
    expect(workerFootprint().ports).toBe(idle.ports + 1);
    remote.close();
    expect((await footprintWhen((seen) => seen.ports === idle.ports)).ports, "close() ends the worker").toBe(
      idle.ports,
    );
  });
});
