// `pnpm bench`: every suite, one after the other, each writing bench/results/<suite>.json and <suite>.md.
import { runBiclusterBench } from "./bicluster.mjs";
import { runChartsBench } from "./charts.mjs";
import { runChartsDenseBench } from "./charts-dense.mjs";
import { runBlueNoiseBench } from "./blue-noise.mjs";
import { runClusterBench } from "./cluster.mjs";
import { runCnnvisBench } from "./cnnvis.mjs";
import { runCreditBench } from "./credit.mjs";
import { runDgmtrackerBench } from "./dgmtracker.mjs";
import { runMutualRankBench } from "./mutual-rank.mjs";
import { runRectPackBench } from "./rect-pack.mjs";
import { runReorderBench } from "./reorder.mjs";

const only = process.argv[2];
const suites = {
  cluster: runClusterBench,
  reorder: runReorderBench,
  "rect-pack": runRectPackBench,
  bicluster: runBiclusterBench,
  "blue-noise": runBlueNoiseBench,
  "mutual-rank": runMutualRankBench,
  credit: runCreditBench,
  dgmtracker: runDgmtrackerBench,
  charts: runChartsBench,
  "charts-dense": runChartsDenseBench,
  cnnvis: runCnnvisBench,
};
for (const [name, run] of Object.entries(suites)) {
  if (only && only !== name) continue;
  console.log(`\n# bench: ${name}\n`);
  await run();
}
