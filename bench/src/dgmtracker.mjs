// @clearbox/dgmtracker: the run store at scale and the tracker's cost on a real training step. Each measurement runs
// in its own Node process (dgmtracker-record.mjs, dgmtracker-step.mjs), so that peak RSS is the recorder's own.
//   * recording a layer of 10^6 weights for 10^4 steps (synthetic updates) into a folder: time per step, peak RSS,
//     bytes on disk; then reading a 200-step window of 10^5 series back with a fresh reader;
//   * the same at 10^5 series × 1,000 steps;
//   * the big run again through directoryStorage(dir, { background: true }) (quantisation and disk on a worker);
//   * an MLP whose middle layer holds 10^6 weights, trained on wasm: step with and without the tracker, with the
//     synchronous storage and with the background one.
// DGMTRACKER_BENCH_STEPS sets the big runs' steps (default 10,000: ~20 GB written to the temp folder and deleted);
// DGMTRACKER_RECORD_JSON / DGMTRACKER_BACKGROUND_JSON name files holding the JSON line of a big run measured by
// dgmtracker-record.mjs already (synchronous / background).
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
    storage: r.background ? "background" : "synchronous",
    "chunk steps": r.chunkSteps,
    "record / step (wall)": fmt(r.recordMsPerStep),
    "CPU / step (incl. updates)": fmt(r.cpuMsPerStep),
    "recording thread's CPU / step": r.threadCpuMsPerStep === undefined ? "—" : fmt(r.threadCpuMsPerStep),
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
  const givenBackground = process.env.DGMTRACKER_BACKGROUND_JSON;
  const big = given
    ? { ...JSON.parse(readFileSync(given, "utf8").trim()), given: true }
    : child("dgmtracker-record.mjs", [1_000_000, steps, join(tmpdir(), "clearbox-bench-run-big")]);
  const bigBackground = givenBackground
    ? { ...JSON.parse(readFileSync(givenBackground, "utf8").trim()), given: true }
    : child("dgmtracker-record.mjs", [1_000_000, steps, join(tmpdir(), "clearbox-bench-run-big"), "background"]);
  const small = child("dgmtracker-record.mjs", [100_000, 1000, join(tmpdir(), "clearbox-bench-run-small")]);
  const stepDir = join(tmpdir(), "clearbox-bench-run-step");
  const stepRuns = [child("dgmtracker-step.mjs", [60, stepDir, "sync"]), child("dgmtracker-step.mjs", [60, stepDir])];
  writeReport("dgmtracker", "@clearbox/dgmtracker — the run store and the tracker", [
    {
      heading: "Recording every series of a layer into a run folder, and reading a window back",
      note:
        "Synthetic updates (a random walk per weight); every series kept in full, 16 bits per value per chunk; peak RSS " +
        "of the recording process (Node + the pending chunk). Targets: peak RSS ≤ 500 MB at 10^6 × 10^4; the window " +
        "read ≤ 1 s. Wall times on a shared 2-core machine are noisy: CPU times are given too." +
        (big.given || bigBackground.given
          ? " Rows marked given were measured by bench/src/dgmtracker-record.mjs run alone (DGMTRACKER_RECORD_JSON, DGMTRACKER_BACKGROUND_JSON)" +
            (big.note ? `: ${big.note}` : ".")
          : ""),
      rows: [recordRow(big), recordRow(bigBackground), recordRow(small)],
    },
    {
      heading: "The tracker on a real training step (MLP 784-1000-1000-10, wasm, batch 64)",
      note:
        "Blocks of 5 steps with and without the tracker, interleaved, same process (the middle layer's 10^6 weights " +
        "and gradients in full, weight and gradient statistics of every layer, the loss), given as tensors (read in " +
        "place on wasm); two chunks of tracked steps first (the two chunk buffers' first touch is once per run). " +
        "The training thread's CPU time (from /proc) is what " +
        "the step costs whatever the machine's load, without the background worker's, which runs on another core. " +
        "Target: ≤ 10 % added.",
      rows: stepRuns.map((step) => ({
        storage: step.background ? "background" : "synchronous",
        steps: step.steps,
        "chunk steps": step.chunkSteps,
        "step without / with (median wall)": `${fmt(step.plainMs)} / ${fmt(step.trackedMs)}`,
        "mean wall": `${fmt(step.plainMeanMs)} / ${fmt(step.trackedMeanMs)}`,
        "training thread CPU / step": `${fmt(step.plainCpuMs)} / ${fmt(step.trackedCpuMs)}`,
        "added (CPU)": `${(100 * (step.trackedCpuMs / step.plainCpuMs - 1)).toFixed(1)} %`,
        "added (median wall)": `${(100 * (step.trackedMs / step.plainMs - 1)).toFixed(1)} %`,
      })),
    },
  ]);
}
