import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

// What each chart adds to a browser page: a page importing only that chart from the built package (dist/, what npm
// users get; `pnpm test` builds first), bundled and minified by esbuild as a user's bundler would, tree-shaking the
// rest; its bytes counted and its inputs listed. d3-dag belongs to
// dataflowDag's own entry and linkedom to ./ssr; neither may reach a page that draws the other charts.
const dist = (file: string) => fileURLToPath(new URL(`../dist/${file}`, import.meta.url));
const INDEX_CHARTS = [
  "packedRects",
  "matrixHeatmap",
  "layerBundles",
  "influenceGrid",
  "scatterPlot",
  "polylineChart",
  "uncertaintyGlyph",
  "rankGraph",
  "flowMap",
];

/** A page that imports `name` from `entry` and uses it: minified bytes and the packages it pulled in. */
async function pageWith(name: string, entry: string): Promise<{ bytes: number; packages: Set<string> }> {
  const result = await build({
    stdin: {
      contents: `import { ${name} } from ${JSON.stringify(entry)};\nglobalThis.chart = ${name};`,
      resolveDir: dist("."),
    },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const output = Object.values(result.metafile.outputs)[0];
  const packages = new Set(
    Object.keys(output.inputs).flatMap(
      (path) => path.match(/node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/)?.[1] ?? [],
    ),
  );
  return { bytes: output.bytes, packages };
}

describe("pay only for what you draw", () => {
  it("a page importing only scatterPlot adds ≤ 80 kB minified, without d3-dag or linkedom", async () => {
    const page = await pageWith("scatterPlot", dist("index.js"));
    console.log(`scatterPlot alone: ${(page.bytes / 1000).toFixed(1)} kB minified`);
    expect(page.bytes).toBeLessThanOrEqual(80_000);
    expect(page.packages.has("d3-dag")).toBe(false);
    expect(page.packages.has("linkedom")).toBe(false);
  }, 60_000);

  it("d3-dag only with dataflowDag, linkedom in no browser page; the sizes printed", async () => {
    const rows: string[] = [];
    for (const name of INDEX_CHARTS) {
      const page = await pageWith(name, dist("index.js"));
      expect([name, page.packages.has("d3-dag"), page.packages.has("linkedom")]).toEqual([name, false, false]);
      rows.push(`| \`${name}\` | ${(page.bytes / 1000).toFixed(1)} kB |`);
    }
    const dag = await pageWith("dataflowDag", dist("dataflow-dag.js"));
    expect(dag.packages.has("d3-dag")).toBe(true);
    expect(dag.packages.has("linkedom")).toBe(false);
    rows.push(`| \`dataflowDag\` (\`@clearbox/charts/dataflow-dag\`) | ${(dag.bytes / 1000).toFixed(1)} kB |`);
    console.log(rows.join("\n"));
  }, 120_000);

  it("linkedom is an optional peer (SSR only), not a dependency every browser user installs", () => {
    const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
    expect(manifest.dependencies.linkedom).toBeUndefined();
    expect(manifest.dependencies["d3-dag"]).toBeDefined();
    expect(manifest.peerDependenciesMeta.linkedom).toEqual({ optional: true });
  });
});
