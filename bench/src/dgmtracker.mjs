// @clearbox/dgmtracker: the run store at scale and the tracker's cost on a real training step. Each measurement runs
// in its own Node process (dgmtracker-record.mjs, dgmtracker-step.mjs), so that peak RSS is the recorder's own.
//   * recording a layer of 10^6 weights for 10^4 steps (synthetic updates) into a folder: time per step, peak RSS,
//     bytes on disk; then reading a 200-step window of 10^5 series back with a fresh reader;
//   * the same at 10^5 series × 1,000 steps;
//   * an MLP whose middle layer holds 10^6 weights, trained on wasm: median step with and without the tracker.
// DGMTRACKER_BENCH_STEPS sets the big run's steps (default 10,000: ~20 GB written to the temp folder and deleted);
// DGMTRACKER_RECORD_JSON names a file holding the JSON line of a big run measured by dgmtracker-record.mjs already.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeReport } from "./measure.mjs";

const here = (file) => fileURLToPath(new URL(file, import.meta.url));
const child = (script, args) =>
  JSON.parse(
    execFileSync(process.execPath, [here(script), ...args.map(String)], { encoding: "utf8" })
      .trim()
      .split("\n")
      .at(-1),
  );
const mib = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);

function recordRow(r) {
  return {
    "series × steps": `${r.series.toLocaleString("en")} × ${r.steps.toLocaleString("en")}`,
    "chunk steps": r.chunkSteps,
    "record / step (wall)": fmt(r.recordMsPerStep),
    "CPU / step (incl. updates)": fmt(r.cpuMsPerStep),
    "peak RSS": mib(r.peakRss),
    "on disk": mib(r.bytes),
    "bytes / value": (r.bytes / (r.series * r.steps)).toFixed(3),
    [`read ${r.windowSteps} steps × ${r.windowSeries.toLocaleString("en")} series`]: `${fmt(r.readMs)} (CPU ${fmt(r.readCpuMs)})`,
    "next window into the same buffer": r.nextMs === undefined ? "—" : `${fmt(r.nextMs)} (CPU ${fmt(r.nextCpuMs)})`,
    "max error": r.maxError.toExponential(2),
  };
}

export async function runDgmtrackerBench() {
  const steps = Number(process.env.DGMTRACKER_BENCH_STEPS ?? 10_000);
  const given = process.env.DGMTRACKER_RECORD_JSON;
  const big = given
    ? { ...JSON.parse(readFileSync(given, "utf8").trim()), given: true }
    : child("dgmtracker-record.mjs", [1_000_000, steps, join(tmpdir(), "clearbox-bench-run-big")]);
  const small = child("dgmtracker-record.mjs", [100_000, 1000, join(tmpdir(), "clearbox-bench-run-small")]);
  const step = child("dgmtracker-step.mjs", [60, join(tmpdir(), "clearbox-bench-run-step")]);
  writeReport("dgmtracker", "@clearbox/dgmtracker — the run store and the tracker", [
    {
      heading: "Recording every series of a layer into a run folder, and reading a window back",
      note:
        "Synthetic updates (a random walk per weight); every series kept in full, 16 bits per value per chunk; peak RSS " +
        "of the recording process (Node + the pending chunk). Targets: peak RSS ≤ 500 MB at 10^6 × 10^4; the window " +
        "read ≤ 1 s. Wall times on a shared 2-core machine are noisy: CPU times are given too." +
        (big.given
          ? " The 10^6 row was measured by bench/src/dgmtracker-record.mjs run alone (DGMTRACKER_RECORD_JSON)."
          : ""),
      rows: [recordRow(big), recordRow(small)],
    },
    {
      heading: "The tracker on a real training step (MLP 784-1000-1000-10, wasm, batch 64)",
      note:
        "Median of interleaved blocks with and without the tracker (the middle layer's 10^6 weights in full, weight and " +
        "gradient statistics of every layer, the loss), same process, same load. Target: ≤ 10 % added.",
      rows: [
        {
          steps: step.steps,
          "step without tracker": fmt(step.plainMs),
          "step with tracker": fmt(step.trackedMs),
          added: `${(100 * (step.trackedMs / step.plainMs - 1)).toFixed(1)} %`,
        },
      ],
    },
  ]);
}
