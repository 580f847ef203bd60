// One recording run of the dgmtracker bench, in its own process so that its peak RSS is its own: a layer of
// `series` weights updated for `steps` steps (synthetic updates: a random walk from a fixed noise table), every
// series kept in full in a folder; then a window read back. Prints one JSON line. With "background", the folder is
// directoryStorage(dir, { background: true }): quantisation and writes on a worker thread (two chunk buffers).
//   node bench/src/dgmtracker-record.mjs SERIES STEPS DIR [background]
import { readFileSync, rmSync } from "node:fs";
import { createRunWriter, openRun } from "@clearbox/dgmtracker";
import { directoryStorage } from "@clearbox/dgmtracker/node";

const [series, steps] = process.argv.slice(2, 4).map(Number);
const dir = process.argv[4];
const background = process.argv[5] === "background";
/** This (the training) thread's CPU time, without a background writer's: /proc/self/task/PID/stat, 10 ms ticks. */
const threadCpuMs = () => {
  const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, "utf8").split(") ")[1].split(" ");
  return 10 * (Number(fields[11]) + Number(fields[12]));
};
rmSync(dir, { recursive: true, force: true });
const weights = new Float32Array(series);
const noise = new Float32Array(65_537);
let state = 12345;
for (let k = 0; k < noise.length; k++) noise[k] = ((state = (state * 16807) % 2147483647) / 2147483647 - 0.5) * 1e-3;
for (let i = 0; i < series; i++) weights[i] = noise[(i * 31) % noise.length] * 100;

const storage = directoryStorage(dir, { background });
const writer = createRunWriter(storage, { full: ["dense"] });
let recordMs = 0;
const cpuStart = process.cpuUsage();
const threadCpuStart = threadCpuMs();
const start = performance.now();
for (let t = 0; t < steps; t++) {
  const shift = (t * 7919) % noise.length;
  for (let i = 0; i < series; i++) weights[i] += noise[(i + shift) % noise.length];
  const before = performance.now();
  writer.append(t, { scalars: { loss: 1 / (t + 1) }, layers: { dense: { weights } } });
  recordMs += performance.now() - before;
}
const closeStart = performance.now();
writer.close();
recordMs += performance.now() - closeStart;
const totalMs = performance.now() - start;
const cpu = process.cpuUsage(cpuStart);
const threadCpu = threadCpuMs() - threadCpuStart;
storage.close();
const rss = process.resourceUsage().maxRSS * 1024;
const bytes = ["run.json", "stats.bin", "series-0.bin"].reduce((sum, f) => sum + Math.max(0, storage.size(f)), 0);

// Read a 200-step window of 10^5 series (or all when fewer) from the middle of the run, from a fresh reader.
const windowSeries = Math.min(series, 100_000);
const from = Math.max(0, Math.floor(steps / 2) - 100);
const readStart = performance.now();
const readCpuStart = process.cpuUsage();
const run = openRun(directoryStorage(dir));
const window = run.readSeries("dense", "weights", {
  from,
  to: Math.min(steps, from + 200),
  series: { start: 0, end: windowSeries },
});
const readMs = performance.now() - readStart;
const readCpu = process.cpuUsage(readCpuStart);
// The next window, as a moving brush reads it: decoded into the first window's buffer (options.into), so no new pages.
const nextStart = performance.now();
const nextCpuStart = process.cpuUsage();
const nextFrom = Math.max(0, Math.min(steps - 200, from + 200));
run.readSeries("dense", "weights", {
  from: nextFrom,
  to: Math.min(steps, nextFrom + 200),
  series: { start: 0, end: windowSeries },
  into: window.values,
});
const nextMs = performance.now() - nextStart;
const nextCpu = process.cpuUsage(nextCpuStart);
rmSync(dir, { recursive: true, force: true });
console.log(
  JSON.stringify({
    series,
    steps,
    background,
    chunkSteps: run.manifest.chunkSteps,
    recordMsPerStep: recordMs / steps,
    totalMs,
    cpuMsPerStep: (cpu.user + cpu.system) / 1000 / steps,
    threadCpuMsPerStep: threadCpu / steps,
    peakRss: rss,
    bytes,
    readMs,
    readCpuMs: (readCpu.user + readCpu.system) / 1000,
    nextMs,
    nextCpuMs: (nextCpu.user + nextCpu.system) / 1000,
    windowSeries,
    windowSteps: window.length,
    maxError: window.maxError,
  }),
);
