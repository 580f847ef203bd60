// Calls every function that a built clearbox package exports with a list of bad arguments, in a child process, and
// reports how each call ended: a coded ClearboxError, a return (NaN returns are flagged), a bare throw, a hang or a
// crash. Used by test/bad-input-probe.test.ts (one child process per package); run it directly to see every outcome:
//   node tools/test-kit/bad-input-probe.mjs packages/core
import { fork } from "node:child_process";
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
  [
    "matrix, { seed: a getter that throws }",
    () => [
      square,
      {
        get seed() {
          throw new TypeError("a hostile getter");
        },
      },
    ],
  ],
];

/** n rows of `columns` values each, all distinct and finite (i·columns + j). */
function rowsOf(n, columns) {
  return Array.from({ length: n }, (_, i) => Array.from({ length: columns }, (_, j) => i * columns + j));
}

/**
 * Huge but legal inputs: one past a documented limit, which must be refused with E_TOO_LARGE before anything
 * input-sized is allocated (never a RangeError, an out-of-memory crash or a minutes-long run). Each is cheap to build
 * (at most 33 k numbers); what the function would allocate is not (16,385² doubles = 2 GiB, Held–Karp at 25 = 6.7 GB).
 * [package, function, label, arguments]
 */
export const HUGE_CASES = [
  ["@clearbox/reorder", "similarityMatrix", "16,385 rows (PAIRWISE_MAX_ROWS + 1)", () => [rowsOf(16_385, 2)]],
  ["@clearbox/reorder", "distanceMatrix", "16,385 rows (PAIRWISE_MAX_ROWS + 1)", () => [rowsOf(16_385, 2)]],
  ["@clearbox/reorder", "heldKarp", "n = 21 (default limit 20 + 1)", () => [rowsOf(21, 21)]],
  ["@clearbox/reorder", "heldKarp", "n = 25, maxSize 24 (hard limit + 1)", () => [rowsOf(25, 25), { maxSize: 24 }]],
  ["@clearbox/cluster", "principalComponents", "8,193 dimensions (PCA_MAX_DIMENSIONS + 1)", () => [rowsOf(3, 8_193)]],
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

/** One call, however it ends: coded, returned (NaN or not), or a bare throw. */
async function outcomeOf(call) {
  try {
    let value = call();
    if (value && typeof value.then === "function") value = await value;
    return containsNaN(value) ? { kind: "nan" } : { kind: "return" };
  } catch (error) {
    const coded =
      error && error.name === "ClearboxError" && typeof error.code === "string" && error.code.startsWith("E_");
    return coded
      ? { kind: "coded", code: error.code, message: error.message }
      : { kind: "bare", message: `${error?.name ?? typeof error}: ${error?.message ?? String(error)}` };
  }
}

/** The calls a child makes: every exported function with every bad argument list, or the named huge cases. */
function callsOf(module, huge) {
  if (huge) {
    return HUGE_CASES.filter(([, name]) => typeof module[name] === "function").map(([, name, label, make]) => ({
      name,
      label,
      call: () => module[name](...make()),
    }));
  }
  const names = Object.keys(module)
    .filter((name) => typeof module[name] === "function" && !isClass(module[name]))
    .sort();
  return names.flatMap((name) =>
    BAD_ARGUMENTS.map(([label, make]) => ({ name, label, call: () => module[name](...make()) })),
  );
}

async function probeInChild(entry, huge) {
  const module = await import(pathToFileURL(entry).href);
  for (const { name, label, call } of callsOf(module, huge)) {
    process.send({ type: "start", name, label });
    process.send({ type: "end", name, label, ...(await outcomeOf(call)) });
  }
  // Sends are queued: disconnecting before the queue is written drops the tail (seen as a "crash" with exit 0 on a
  // busy machine), so the last send is awaited before the child lets go of the channel.
  await new Promise((resolveSent) => process.send({ type: "finished" }, resolveSent));
}

/**
 * Probe one package in a child process (its own heap, capped at 4 GiB, so an allocation failure or a crash is an
 * outcome, not the end of the test run). Resolves with every call's outcome. A call that does not end within
 * `timeoutMs` is a hang and a child that dies mid-call a crash; either way the child is ended and the rest of the
 * package's calls are not made. `huge` probes HUGE_CASES instead of BAD_ARGUMENTS.
 */
export function probePackage(entry, timeoutMs = 20_000, { huge = false } = {}) {
  return new Promise((resolvePromise) => {
    const outcomes = [];
    const child = fork(fileURLToPath(import.meta.url), [], {
      env: { ...process.env, CLEARBOX_PROBE_ENTRY: entry, CLEARBOX_PROBE_HUGE: huge ? "1" : "" },
      execArgv: ["--max-old-space-size=4096"],
      stdio: ["ignore", "ignore", "pipe", "ipc"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr = (stderr + chunk).slice(-2000)));
    let current;
    let timer;
    let done = false;
    const finish = (last) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (last) outcomes.push(last);
      child.kill("SIGKILL");
      resolvePromise(outcomes);
    };
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => finish(current && { ...current, kind: "hang" }), timeoutMs);
    };
    arm();
    child.on("message", (message) => {
      if (message.type === "start") {
        current = { name: message.name, label: message.label };
        arm();
      } else if (message.type === "end") {
        outcomes.push(message);
        current = undefined;
      } else if (message.type === "finished") finish();
    });
    child.on("exit", (code, signal) => {
      const crash = { name: current?.name ?? "(loading)", label: current?.label ?? entry, kind: "crash" };
      finish({ ...crash, message: `exit ${code ?? signal}: ${stderr.trim().split("\n").slice(-3).join(" / ")}` });
    });
  });
}

const BAD_KINDS = new Set(["bare", "hang", "nan", "crash"]);

/** Whether an outcome is a failure of the package: a bare throw, a NaN return, a hang or a crash. */
export function isBadOutcome(outcome) {
  return BAD_KINDS.has(outcome.kind);
}

if (process.env.CLEARBOX_PROBE_ENTRY && process.send) {
  await probeInChild(process.env.CLEARBOX_PROBE_ENTRY, process.env.CLEARBOX_PROBE_HUGE === "1");
  process.disconnect();
} else if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(fileURLToPath(import.meta.url), "../../..");
  const wanted = process.argv.slice(2).map((p) => resolve(p));
  let bad = 0;
  for (const pkg of listPackages(root)) {
    if (wanted.length > 0 && !wanted.includes(pkg.directory)) continue;
    const outcomes = [...(await probePackage(pkg.entry)), ...(await probePackage(pkg.entry, 20_000, { huge: true }))];
    const counts = {};
    for (const o of outcomes) counts[o.kind] = (counts[o.kind] ?? 0) + 1;
    console.log(`${pkg.name}: ${JSON.stringify(counts)}`);
    for (const o of outcomes.filter(isBadOutcome)) {
      bad++;
      console.log(`  ${o.kind} ${o.name}(${o.label})${o.message ? `: ${o.message}` : ""}`);
    }
  }
  console.log(`${bad} bad outcomes`);
}
