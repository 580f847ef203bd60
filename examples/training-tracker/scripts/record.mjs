// Retrain the VAE and rewrite the cached run that the page and `pnpm demo --fast` read:
//   data/vae-run.json (settings, per-layer statistics, decoder weights, probes) and data/vae-run.bin (full series)
// node scripts/record.mjs   (about 15 s on 2 cores; deterministic: the same files every run)
import { writeFileSync } from "node:fs";
import { recordRun } from "../src/record-run.mjs";

const { header, bytes } = await recordRun({ onProgress: (line) => console.log(line) });
const data = new URL("../data/", import.meta.url);
writeFileSync(new URL("vae-run.json", data), JSON.stringify(header) + "\n");
writeFileSync(new URL("vae-run.bin", data), bytes);
console.log(`wrote data/vae-run.json and data/vae-run.bin (${(bytes.byteLength / 2 ** 20).toFixed(1)} MiB)`);
