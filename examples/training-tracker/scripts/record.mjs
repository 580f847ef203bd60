// Retrain the VAE and rewrite the cached run that the page and `pnpm demo --fast` read: data/vae-run/, a run folder in
// @clearbox/dgmtracker's format (run.json with the settings, decoder weights and probes; stats.bin; series-*.bin)
// node scripts/record.mjs   (about 15 s on 2 cores; deterministic: the same files every run)
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { recordRun } from "../src/record-run.mjs";

const { files } = await recordRun({ onProgress: (line) => console.log(line) });
const folder = new URL("../data/vae-run/", import.meta.url);
rmSync(folder, { recursive: true, force: true });
mkdirSync(folder, { recursive: true });
let bytes = 0;
for (const [name, data] of Object.entries(files)) {
  writeFileSync(new URL(name, folder), data);
  bytes += data.byteLength;
}
console.log(`wrote data/vae-run/ (${Object.keys(files).join(", ")}: ${(bytes / 2 ** 20).toFixed(1)} MiB)`);
