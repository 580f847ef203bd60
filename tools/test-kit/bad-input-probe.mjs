// Calls every function that a built clearbox package exports with a list of bad arguments, in a worker thread, and
// reports how each call ended: a coded ClearboxError, a return (NaN returns are flagged), a bare throw, or a hang.
// Used by test/bad-input-probe.test.ts (one worker per package); run it directly to see every outcome:
//   node tools/test-kit/bad-input-probe.mjs packages/core
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import { join, resolve } from "node:path";
import { pathToFileURL, fileURLToPath } from "node:url";
import { workspacePackages } from "@clearbox/build-kit/workspace-packages";

const square = [
  [1, 2],
  [3, 4],
];

/** The bad argument lists, each with a label for the report. */
export const BAD_ARGUMENTS = [
  ["no arguments", () => []],
  ["null", () => [null]],
  ["undefined", () => [undefined]],
  ["NaN", () => [NaN]],
  ["-1", () => [-1]],
  ["[]", () => [[]]],
  ["a row with NaN", () => [[[1, NaN]]]],
  ["ragged rows", () => [[[1, 2], [3]]]],
  ["{}", () => [{}]],
  ["a string", () => ["x"]],
  ["matrix, -1", () => [square, -1]],
  ["matrix, NaN", () => [square, NaN]],
  ["matrix, { seed: 'x' }", () => [square, { seed: "x" }]],
  ["matrix, { seeed: 3 }", () => [square, { seeed: 3 }]],
  // Legal but extreme: finite input must give finite output (scale before squaring) and hostile option keys a code.
  [
    "rows at ±1e300",
    () => [
      [
        [1e300, -1e300],
        [-1e300, 1e300],
        [1e300, 1e300],
      ],
    ],
  ],
  [
    "denormal rows",
    () => [
      [
        [5e-324, 0],
        [0, 5e-324],
        [1e-323, 1e-323],
      ],
    ],
  ],
  [
    "two vectors at 1e300",
    () => [
      [1e300, 1e300],
      [1e300, 1e300],
    ],
  ],
  ["denormal numbers", () => [[5e-324, 5e-324, 1e-323]]],
  ["numbers at ±1e300", () => [[1e300, -1e300, 1e300]]],
  [
    "sizes at 1e300",
    () => [
      [
        { width: 1e300, height: 1e300 },
        { width: 1, height: 1e300 },
        { width: 5e-324, height: 5e-324 },
      ],
    ],
  ],
  [
    "segments at 1e300",
    () => [
      [
        [1e300, 0, -1e300, 1e300],
        [0, 1e300, 1e300, -1e300],
      ],
    ],
  ],
  ["matrix, { constructor: 1 }", () => [square, JSON.parse('{"constructor":1}')]],
  ["matrix, { __proto__: { seed: 1 } }", () => [square, JSON.parse('{"__proto__":{"seed":1}}')]],
  ["matrix, inherited { seeed: 3 }", () => [square, Object.create({ seeed: 3 })]],
  [
    "a matrix with Infinity",
    () => [
      [
        [1, Infinity],
        [2, 3],
      ],
    ],
  ],
];

/** The workspace's packages (build-kit's list, the one the docs and Storybook read) with their built ESM entries. */
export function listPackages(root) {
  return workspacePackages(root).map(({ name, directory, manifest }) => {
    const entry = manifest.exports?.["."]?.import?.default ?? manifest.module;
    return { name, directory, entry: entry && join(directory, entry) };
  });
}

function isClass(f) {
  return /^class[\s{]/.test(Function.prototype.toString.call(f));
}

/** NaN anywhere in a result, looked for three levels deep (a result's arrays of typed arrays, its rows). */
function containsNaN(value, depth = 3) {
  if (typeof value === "number") return Number.isNaN(value);
  if (depth === 0 || !value || typeof value !== "object") return false;
  if (ArrayBuffer.isView(value)) return Array.prototype.some.call(value, (v) => Number.isNaN(v));
  const items = Array.isArray(value) ? value : Object.values(value);
  return items.some((v) => containsNaN(v, depth - 1));
}

async function probeInWorker({ entry }) {
  const module = await import(pathToFileURL(entry).href);
  const names = Object.keys(module)
    .filter((name) => typeof module[name] === "function" && !isClass(module[name]))
    .sort();
  parentPort.postMessage({ type: "names", names });
  for (const name of names) {
    for (const [label, make] of BAD_ARGUMENTS) {
      parentPort.postMessage({ type: "start", name, label });
      let outcome;
      try {
        let value = module[name](...make());
        if (value && typeof value.then === "function") value = await value;
        outcome = containsNaN(value) ? { kind: "nan" } : { kind: "return" };
      } catch (error) {
        const coded =
          error && error.name === "ClearboxError" && typeof error.code === "string" && error.code.startsWith("E_");
        outcome = coded
          ? { kind: "coded", code: error.code, message: error.message }
          : { kind: "bare", message: `${error?.name ?? typeof error}: ${error?.message ?? String(error)}` };
      }
      parentPort.postMessage({ type: "end", name, label, ...outcome });
    }
  }
  parentPort.postMessage({ type: "finished" });
}

/**
 * Probe one package in a worker. Resolves with every call's outcome; a call that does not end within `timeoutMs`
 * is recorded as a hang and the worker is ended.
 */
export function probePackage(entry, timeoutMs = 20_000) {
  return new Promise((resolvePromise, reject) => {
    const outcomes = [];
    const worker = new Worker(fileURLToPath(import.meta.url), { workerData: { entry } });
    let current;
    let timer;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (current) outcomes.push({ ...current, kind: "hang" });
        worker.terminate();
        resolvePromise(outcomes);
      }, timeoutMs);
    };
    arm();
    worker.on("message", (message) => {
      if (message.type === "start") {
        current = { name: message.name, label: message.label };
        arm();
      } else if (message.type === "end") {
        outcomes.push(message);
        current = undefined;
      } else if (message.type === "finished") {
        clearTimeout(timer);
        worker.terminate();
        resolvePromise(outcomes);
      }
    });
    worker.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

if (!isMainThread) {
  await probeInWorker(workerData);
} else if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(fileURLToPath(import.meta.url), "../../..");
  const wanted = process.argv.slice(2).map((p) => resolve(p));
  let bad = 0;
  for (const pkg of listPackages(root)) {
    if (wanted.length > 0 && !wanted.includes(pkg.directory)) continue;
    const outcomes = await probePackage(pkg.entry);
    const counts = {};
    for (const o of outcomes) counts[o.kind] = (counts[o.kind] ?? 0) + 1;
    console.log(`${pkg.name}: ${JSON.stringify(counts)}`);
    for (const o of outcomes) {
      if (o.kind === "bare" || o.kind === "hang" || o.kind === "nan") {
        bad++;
        console.log(`  ${o.kind} ${o.name}(${o.label})${o.message ? `: ${o.message}` : ""}`);
      }
    }
  }
  console.log(`${bad} bad outcomes`);
}
