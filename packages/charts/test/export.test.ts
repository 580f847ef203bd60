import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { exportPng, exportSvg, scatterPlot } from "../src/index.js";

// The exports read the styles a page computes, so they run in a browser (stories/charts/export.stories.ts checks
// the files and PNGs in Chromium); here, what they refuse and how.
describe("exportSvg / exportPng arguments", () => {
  it("refuse what is not a chart drawn in a page, with coded errors", async () => {
    const { document } = parseHTML("<!doctype html><html><body><div></div></body></html>");
    const detached = scatterPlot(document.createElement("div"), { points: [[0, 0]] }, { document });
    await expect(exportSvg(detached)).rejects.toMatchObject({ code: "E_TYPE", argument: "svg" });
    await expect(exportSvg({} as never)).rejects.toMatchObject({ code: "E_TYPE", argument: "svg" });
    await expect(exportSvg(document.createElement("div") as never)).rejects.toMatchObject({ code: "E_TYPE" });
    await expect(exportPng(detached, { scale: 0 })).rejects.toMatchObject({
      code: "E_OPTION",
      argument: "options.scale",
    });
    await expect(exportPng(detached, { scale: Number.NaN })).rejects.toMatchObject({ code: "E_OPTION" });
    await expect(exportPng(detached, { scael: 2 } as never)).rejects.toMatchObject({
      code: "E_OPTION",
      argument: "options.scael",
    });
  });
});
