import { DOMParser } from "@xmldom/xmldom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium } from "playwright";
import type { Browser } from "playwright";
import {
  flowMap,
  influenceGrid,
  layerBundles,
  matrixHeatmap,
  packedRects,
  pngDataUrl,
  polylineChart,
  rankGraph,
  scatterPlot,
  uncertaintyGlyph,
} from "@clearbox/charts";
import { dataflowDag } from "@clearbox/charts/dataflow-dag";
import { renderToString } from "@clearbox/charts/ssr";
import { bundleLayout, clusterStrengths, weightedBicluster } from "@clearbox/bicluster";
import { findChromium } from "@clearbox/test-kit/chromium";

// Every chart rendered to a string with hostile text in every field a caller fills (titles, labels, ids, names,
// hrefs, and the strings that option callbacks return): the string must parse as XML, and in Chromium, placed inside
// <noscript>, <textarea>, <title> or plain HTML, it must run no script and make no network request.
const ATTACKS = [
  `</noscript><img src=x onerror="window.__pwned='noscript';fetch('http://evil.test/n')">`,
  `</textarea><script>window.__pwned='textarea'</script><img src="http://evil.test/t">`,
  `</title><svg onload="window.__pwned='title'"><image href="//evil.test/s"/></svg>`,
  `" onmouseover="window.__pwned='quote'" x="' onfocus='window.__pwned=1' y='`,
  `R&D loss < 0.1 > "q" 'a' &amp; &#0; &bogus; ]]> <!-- --> <![CDATA[ x ]]>`,
  `\u0000\u0008\u000B nul and controls, lone \uD800 surrogate, \uFFFE`,
  `<script>window.__pwned='plain'</script><style>*{background:url(http://evil.test/c)}</style>`,
];
const HREFS = [
  "javascript:window.__pwned='href'",
  "https://evil.test/track.png",
  "//evil.test/track.png",
  "data:text/html,<script>window.__pwned='data'</script>",
  "data:image/svg+xml,<svg onload='window.__pwned=1'/>",
  "/relative.png",
];
const evil = (i: number) => ATTACKS[i % ATTACKS.length];
const many = (n: number, offset = 0) => Array.from({ length: n }, (_, i) => evil(i + offset));

/** A real pair geometry from the bicluster package (two clusters each side). */
function bundleGeometry() {
  const bundles = weightedBicluster(
    clusterStrengths(
      [
        [0.9, 0.2],
        [0.1, 0.8],
      ],
      [0, 1],
      [0, 1],
    ),
    { tau: 0.15, threshold: 0.3 },
  );
  return bundleLayout(bundles, { inputPositions: [10, 40], outputPositions: [10, 40], width: 100, height: 50 });
}

type Render = { name: string; svg: () => string };

function renders(attack: number): Render[] {
  const title = evil(attack);
  const s = (k: number) => evil(attack + k);
  const png = pngDataUrl(1, 1, new Uint8Array([200, 10, 10]));
  const placements = [0, 1, 2].map((index) => ({ index, x: index * 10, y: 0, width: 10, height: 10 }));
  return [
    {
      name: "packedRects",
      svg: () =>
        renderToString(
          packedRects,
          {
            width: 30,
            height: 10,
            placements,
            importance: [1, 2, 3],
            labels: many(3, attack),
            label: s(1),
            href: [png],
          },
          { width: 200, height: 120, title, fill: () => s(2) },
        ),
    },
    ...HREFS.map((href) => ({
      name: `packedRects href ${href.slice(0, 24)}`,
      svg: () =>
        renderToString(
          packedRects,
          { width: 30, height: 10, placements, href: [png, href] },
          { width: 200, height: 120 },
        ),
    })),
    {
      name: "matrixHeatmap",
      svg: () =>
        renderToString(
          matrixHeatmap,
          {
            values: [
              [1, 2],
              [3, 4],
            ],
            rowLabels: many(2, attack),
            columnLabels: many(2, attack + 2),
          },
          { width: 200, height: 120, title },
        ),
    },
    {
      name: "layerBundles",
      svg: () =>
        renderToString(
          layerBundles,
          {
            width: 100,
            height: 50,
            layers: [
              { name: s(1), positions: [10, 40], labels: many(2, attack) },
              { name: s(2), positions: [10, 40], labels: many(2, attack + 3) },
            ],
            pairs: [bundleGeometry()],
          },
          { width: 200, height: 120, title },
        ),
    },
    {
      name: "influenceGrid",
      svg: () =>
        renderToString(
          influenceGrid,
          { values: [0.1, 0.5, -0.2, 0.7], columns: 2, labels: many(4, attack) },
          { width: 160, height: 160, title },
        ),
    },
    {
      name: "scatterPlot",
      svg: () =>
        renderToString(
          scatterPlot,
          {
            points: [
              [0, 0],
              [1, 1],
              [2, 0],
            ],
            groups: [0, 1, 1],
            labels: many(3, attack),
          },
          { width: 200, height: 120, title, groupLabel: () => s(3), color: () => s(4) },
        ),
    },
    {
      name: "polylineChart",
      svg: () =>
        renderToString(
          polylineChart,
          {
            series: [
              [0, 1, 2],
              [2, 1, 0],
            ],
            steps: [0, 1, 2],
            labels: many(2, attack),
            highlight: [0],
            outliers: [1],
          },
          { width: 240, height: 140, title },
        ),
    },
    {
      name: "dataflowDag",
      svg: () =>
        renderToString(
          dataflowDag,
          {
            steps: [0, 1, 2],
            nodes: [
              { id: s(0), label: s(1), series: { min: [0, 0, 0], mean: [1, 2, 3], max: [2, 3, 4] } },
              { id: s(2), label: s(3), parents: [s(0)], series: { min: [0, 0, 0], mean: [3, 2, 1], max: [4, 3, 2] } },
            ],
          },
          { width: 300, height: 160, title, selected: s(2), step: 1 },
        ),
    },
    {
      name: "uncertaintyGlyph",
      svg: () =>
        renderToString(
          uncertaintyGlyph,
          {
            items: [
              { label: s(0), values: [0.1, 0.5, 0.9] },
              { label: s(1), values: [0.2, 0.3] },
            ],
          },
          { width: 240, height: 80, title },
        ),
    },
    {
      name: "flowMap",
      svg: () =>
        renderToString(
          flowMap,
          {
            nodes: [
              [0, 0],
              [0, 10],
              [100, 0],
              [100, 10],
            ],
            flows: [
              { from: 0, to: 2, flow: 1 },
              { from: 1, to: 3, flow: 0.5 },
            ],
            labels: many(4, attack),
          },
          { width: 200, height: 120, title },
        ),
    },
    {
      name: "rankGraph",
      svg: () =>
        renderToString(
          rankGraph,
          {
            clusters: [0, 1, 2].map((c) => ({
              label: s(c),
              importance: 1 + c,
              uncertainty: [0.1, 0.2, 0.3],
              members: [0, 1].map((m) => ({ label: s(c + m + 1), importance: 0.5 + m })),
            })),
            links: [{ source: 0, target: 1 }],
            flows: [{ from: 2, to: 0, flow: 0.3 }],
          },
          { width: 300, height: 240, title, seed: 1 },
        ),
    },
  ];
}

const all = ATTACKS.flatMap((_, attack) => renders(attack).map((r) => ({ ...r, name: `${r.name} #${attack}` })));

/** The first XML error @xmldom/xmldom reports for `xml`, or null. */
function xmlError(xml: string): string | null {
  let problem: string | null = null;
  const parser = new DOMParser({
    onError: (level, message) => {
      if (level !== "warning" && problem === null) problem = `${level}: ${message}`;
    },
  });
  try {
    const doc = parser.parseFromString(xml, "image/svg+xml");
    if (doc.documentElement?.localName !== "svg") problem ??= "no <svg> root";
  } catch (error) {
    problem ??= String(error);
  }
  return problem;
}

describe("SSR output is safe wherever it is placed", () => {
  it.each(all.map((r) => [r.name, r.svg] as const))("%s parses as XML", (name, svg) => {
    const markup = svg();
    expect(xmlError(markup)).toBeNull();
    // The chart was drawn (not its empty state), so the hostile strings reached the marks; refused hrefs aside.
    if (!name.includes(" href ")) expect(markup).not.toContain("data-empty=");
    // No element but the charts' own, and no event-handler attribute (a value's quotes are all escaped).
    expect(markup).not.toMatch(/<(script|img|noscript|textarea|iframe)\b|\son\w+="/i);
  });

  it("refused image URLs are never written out, and the empty state names the item", () => {
    for (const href of HREFS) {
      const markup = renderToString(
        packedRects,
        { width: 10, height: 10, placements: [{ index: 0, x: 0, y: 0, width: 10, height: 10 }], href: [href] },
        { width: 100, height: 100 },
      );
      expect(markup).toContain('data-empty="');
      expect(markup).toContain("data.href[0]");
      expect(markup).not.toContain("evil.test");
      expect(markup).not.toContain("javascript:");
      expect(markup).not.toContain("relative.png");
    }
  });

  describe("in Chromium", () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await chromium.launch({
        executablePath: findChromium(),
        args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
      });
    });
    afterAll(async () => browser?.close());

    const wrappers = {
      noscript: (svg: string) => `<noscript>${svg}</noscript>`,
      textarea: (svg: string) => `<textarea>${svg}</textarea>`,
      title: (svg: string) => `<title>${svg}</title>`,
      plain: (svg: string) => `<div>${svg}</div>`,
    };

    it.each(Object.entries(wrappers))("inside %s: no script runs, no request is made", async (_, wrap) => {
      const page = await browser.newPage();
      const requests: string[] = [];
      const dialogs: string[] = [];
      // Every request the page tries is recorded and refused (the page itself is served from this handler).
      const body = all.map((r) => wrap(r.svg())).join("\n");
      const html = `<!doctype html><html><head><meta charset="utf-8"></head><body>${body}<p id="end">end</p></body></html>`;
      await page.route("**/*", async (route) => {
        if (route.request().url() === "http://page.test/")
          return route.fulfill({ contentType: "text/html", body: html });
        requests.push(route.request().url());
        return route.abort();
      });
      page.on("dialog", (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      await page.goto("http://page.test/", { waitUntil: "load" });
      // Give handlers (onload, onerror, a hover is not simulated) a moment to fire.
      await page.waitForTimeout(300);
      expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned ?? null)).toBeNull();
      expect(await page.locator("#end").count()).toBe(1);
      expect(requests).toEqual([]);
      expect(dialogs).toEqual([]);
      await page.close();
    });
  });
});
