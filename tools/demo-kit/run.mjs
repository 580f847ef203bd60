// `pnpm demo [--only <app>] [--fast]`: run every example's headless pipeline (examples/<app>/demo.mjs, which exports
// `run({ fast, progress })`) and write one self-contained HTML report per app to demo-output/<app>.html.
// --fast lets an app reuse cached trained weights; by default the apps train for real. --out <dir> writes elsewhere.
// --run <dir> hands an app a recorded run to show instead of its own (training-tracker: a run or checkpoint folder).
// --model <dir> --images <dir> hand an app your own model and labelled images (cnn-explorer: model.json + weights, a
// folder of PNGs per class).
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { join, relative } from "node:path";
import { parseArgs } from "node:util";
import { reportPage } from "./report-page.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const examples = join(root, "examples");
const apps = readdirSync(examples).filter((app) => existsSync(join(examples, app, "demo.mjs")));

const { values } = parseArgs({
  options: {
    only: { type: "string" },
    fast: { type: "boolean", default: false },
    out: { type: "string" },
    run: { type: "string" },
    model: { type: "string" },
    images: { type: "string" },
  },
});
if (values.only !== undefined && !apps.includes(values.only)) {
  console.error(`demo: no example called "${values.only}"; the examples are ${apps.join(", ")}.`);
  process.exit(1);
}
const chosen = values.only === undefined ? apps : [values.only];
const out = values.out ?? join(root, "demo-output");
mkdirSync(out, { recursive: true });

const started = performance.now();
const written = [];
for (const app of chosen) {
  const start = performance.now();
  const progress = (line) => console.log(`[${app}] ${line}`);
  progress(values.fast ? "starting (--fast)" : "starting");
  const { run } = await import(pathToFileURL(join(examples, app, "demo.mjs")).href);
  const report = await run({
    fast: values.fast,
    progress,
    ...(values.run !== undefined && { runFolder: values.run }),
    ...(values.model !== undefined && { modelFolder: values.model }),
    ...(values.images !== undefined && { imagesFolder: values.images }),
  });
  const seconds = (performance.now() - start) / 1000;
  const file = join(out, `${app}.html`);
  writeFileSync(file, reportPage(report, { app, seconds, fast: values.fast }));
  progress(`done in ${seconds.toFixed(1)} s`);
  written.push(file);
}
console.log(`\ndemo: ${written.length} report(s) in ${((performance.now() - started) / 1000).toFixed(1)} s — open:`);
for (const file of written) console.log(`  ${relative(process.cwd(), file)}`);
