import type { Meta, StoryObj } from "@storybook/html";
import { expect } from "storybook/test";
import { exportPng, exportSvg, matrixHeatmap, scatterPlot } from "@clearbox/charts";
import { principalComponents } from "@clearbox/cluster";
import { denseNeurons } from "../lib/digits-cnn-units.js";
import { digits } from "../lib/digits.js";
import { expectReadableLabels } from "../lib/readable-labels.js";

/**
 * `exportSvg` and `exportPng` on a dark page: a scatter plot of the digits and a canvas-mode heatmap of the digits
 * CNN's neurons, each exported as a standalone SVG file (the page's dark colours written onto every mark, the canvas
 * turned into an image) and as a PNG at twice the size. The exported PNGs are shown below the charts.
 */
const meta: Meta = {
  afterEach: expectReadableLabels,
  title: "charts/export",
  render: () => {
    const root = document.createElement("div");
    // A dark theme through the charts' custom properties: the export must carry these colours, not the defaults.
    root.style.cssText =
      "font:13px system-ui,sans-serif;background:#1e1e1e;color:#e6e6e6;padding:12px;" +
      "--clearbox-background:#1e1e1e;--clearbox-box:#37474f;--clearbox-box-stroke:#b0bec5";
    const charts = document.createElement("div");
    charts.style.cssText = "display:flex;gap:16px;flex-wrap:wrap";
    root.append(charts);
    const scatter = document.createElement("div");
    const heatmap = document.createElement("div");
    // Containers in place before drawing, as on a page: the heatmap reads the dark theme from its ancestors.
    charts.append(scatter, heatmap);
    const { projection } = principalComponents(digits.pixels.slice(0, 600), 2);
    scatterPlot(
      scatter,
      { points: projection, groups: digits.labels.slice(0, 600) },
      { width: 460, height: 340, heading: "600 digits, first two principal axes", groupLabel: (g) => `digit ${g}` },
    );
    const values = denseNeurons().classMeans.slice(0, 128);
    matrixHeatmap(
      heatmap,
      { values, columnLabels: values[0].map((_, c) => `digit ${c}`) },
      { width: 300, height: 340, heading: "128 neurons × 10 digits (canvas)", canvasThreshold: 100 },
    );
    const exported = document.createElement("div");
    exported.dataset.role = "exported";
    exported.style.cssText = "display:flex;gap:16px;flex-wrap:wrap;margin-top:12px";
    root.append(exported);
    return root;
  },
};
export default meta;

type Story = StoryObj;

/** Both charts exported: standalone, inline-styled SVG and a 2 × PNG, then shown as images. */
export const DarkPage: Story = {
  play: async ({ canvasElement }) => {
    const [scatter, heatmap] = [...canvasElement.querySelectorAll<SVGSVGElement>("svg.clearbox-chart")];
    const exported = canvasElement.querySelector<HTMLElement>('[data-role="exported"]')!;
    // On the dark page the heatmap's sequential ramp runs deep → pale: its colour bar's lowest step is a deep blue,
    // not the light ramp's near white.
    const lowest = heatmap.querySelector<SVGRectElement>("g.legend rect.step")!.getAttribute("fill")!;
    const channels = (lowest.match(/\d+/g) ?? []).slice(0, 3).map(Number);
    await expect(channels[0] + channels[1] + channels[2]).toBeLessThan(300);
    for (const svg of [scatter, heatmap]) {
      const text = await exportSvg(svg);
      const file = new DOMParser().parseFromString(text, "image/svg+xml");
      await expect(file.querySelector("parsererror")).toBeNull();
      // Standalone: no stylesheet, no canvas, no outside image; every image a data: URL.
      await expect(file.querySelectorAll("style, foreignObject, canvas").length).toBe(0);
      for (const image of file.querySelectorAll("image"))
        await expect(image.getAttribute("href")?.startsWith("data:image/")).toBe(true);
      // The page's dark theme is in the file: the heading is drawn in the page's text colour.
      const heading = file.querySelector<SVGTextElement>("text.cb-heading")!;
      await expect(heading.getAttribute("style")).toContain("fill:rgb(230, 230, 230)");
      const png = await exportPng(svg, { scale: 2, background: "#1e1e1e" });
      await expect(png.type).toBe("image/png");
      const bitmap = await createImageBitmap(png);
      await expect([bitmap.width, bitmap.height]).toEqual([2 * svg.width.baseVal.value, 2 * svg.height.baseVal.value]);
      const shown = document.createElement("img");
      shown.src = URL.createObjectURL(png);
      shown.alt = `PNG export of ${svg.getAttribute("aria-label")}`;
      shown.style.cssText = `width:${svg.width.baseVal.value}px;height:${svg.height.baseVal.value}px`;
      exported.append(shown);
    }
    // The heatmap's canvas became an image with its pixels: its first cell has the colour the canvas painted.
    const file = new DOMParser().parseFromString(await exportSvg(heatmap), "image/svg+xml");
    await expect(file.querySelectorAll("image").length).toBe(1);
    // A scatter point in the PNG: the pixel under the first point is not the background.
    const circle = scatter.querySelector<SVGCircleElement>("g.points circle")!;
    const bitmap = await createImageBitmap(await exportPng(scatter, { scale: 1, background: "#1e1e1e" }));
    const canvas = document.createElement("canvas");
    [canvas.width, canvas.height] = [bitmap.width, bitmap.height];
    const context = canvas.getContext("2d")!;
    context.drawImage(bitmap, 0, 0);
    const box = circle.getBoundingClientRect();
    const origin = scatter.getBoundingClientRect();
    const [r, g, b] = context.getImageData(
      Math.round(box.x + box.width / 2 - origin.x),
      Math.round(box.y + box.height / 2 - origin.y),
      1,
      1,
    ).data;
    await expect([r, g, b]).not.toEqual([30, 30, 30]);
    // The heatmap's PNG has its cells: the pixel at the middle of the cell image is not the background.
    const cells = heatmap.querySelector("foreignObject, image")!.getBoundingClientRect();
    const frame = heatmap.getBoundingClientRect();
    const heat = await createImageBitmap(await exportPng(heatmap, { scale: 1, background: "#1e1e1e" }));
    const heatCanvas = document.createElement("canvas");
    [heatCanvas.width, heatCanvas.height] = [heat.width, heat.height];
    heatCanvas.getContext("2d")!.drawImage(heat, 0, 0);
    const middle = heatCanvas
      .getContext("2d")!
      .getImageData(
        Math.round(cells.x + cells.width / 2 - frame.x),
        Math.round(cells.y + cells.height / 2 - frame.y),
        1,
        1,
      ).data;
    await expect([middle[0], middle[1], middle[2]]).not.toEqual([30, 30, 30]);
    // Bad calls are coded.
    await expect(exportPng(scatter, { scale: 0 })).rejects.toMatchObject({ code: "E_OPTION" });
    await expect(exportSvg(document.createElement("div") as never)).rejects.toMatchObject({ code: "E_TYPE" });
  },
};
