// Shared benchmark plumbing: timing, machine facts, and writing results as JSON + a Markdown table.
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";

/** Run `fn` `repeats` times (after three warm-up runs for the JIT unless `warmup` is false); median time, last result. */
export function measure(fn, { repeats = 3, warmup = true } = {}) {
  if (warmup) for (let w = 0; w < 3; w++) fn();
  const times = [];
  let result;
  for (let r = 0; r < repeats; r++) {
    const start = performance.now();
    result = fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], result };
}

export function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? "unknown",
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    date: new Date().toISOString().slice(0, 10),
    // Other work on the machine slows every row: the 1-minute load average when the report is written says how much.
    load: os.loadavg()[0].toFixed(1),
  };
}

/** Write bench/results/<suite>.json and a Markdown report (rows: objects with the same keys). */
export function writeReport(suite, title, sections) {
  const dir = new URL("../results/", import.meta.url);
  mkdirSync(dir, { recursive: true });
  const info = machine();
  writeFileSync(new URL(`${suite}.json`, dir), JSON.stringify({ suite, machine: info, sections }, null, 2) + "\n");
  const lines = [
    `## ${title}`,
    "",
    `Machine: ${info.cpu}, ${info.cores} cores, ${info.memoryGiB} GiB, Node ${info.node}, ${info.date}, load average ${info.load}.`,
    "",
  ];
  for (const { heading, note, rows } of sections) {
    lines.push(`### ${heading}`, "");
    if (note) lines.push(note, "");
    const keys = Object.keys(rows[0]);
    lines.push(`| ${keys.join(" | ")} |`, `| ${keys.map(() => "---").join(" | ")} |`);
    for (const row of rows) lines.push(`| ${keys.map((k) => row[k]).join(" | ")} |`);
    lines.push("");
  }
  writeFileSync(new URL(`${suite}.md`, dir), lines.join("\n"));
  console.log(lines.join("\n"));
}
