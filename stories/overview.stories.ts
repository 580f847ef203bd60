import type { Meta, StoryObj } from "@storybook/html";
import { expect } from "storybook/test";
import { storyNameFromExport, toId } from "storybook/internal/csf";

// The source of every story file, read as text (not run): its title, its summary and its stories.
const sources = import.meta.glob<string>(["./**/*.stories.ts", "!./overview.stories.ts"], {
  query: "?raw",
  import: "default",
  eager: true,
});

interface Entry {
  title: string;
  summary: string;
  stories: { name: string; id: string }[];
}

/** Each story file's title, the first sentence of the comment above its meta, and its exported stories. */
function storyIndex(): Entry[] {
  return Object.values(sources)
    .map((source) => {
      const title = /title: "([^"]+)"/.exec(source)?.[1] ?? "";
      const comment = /\/\*\*\n([\s\S]*?)\*\/\nconst meta/.exec(source)?.[1] ?? "";
      const text = comment
        .replace(/^\s*\* ?/gm, "")
        .replace(/`/g, "")
        .replace(/\s+/g, " ")
        .trim();
      const summary = /^.*?[.:](?=\s|$)/.exec(text)?.[0] ?? text;
      const stories = [...source.matchAll(/^export const (\w+)/gm)]
        .map((m) => m[1])
        .map((name) => ({ name: storyNameFromExport(name), id: toId(title, storyNameFromExport(name)) }));
      return { title, summary, stories };
    })
    .filter((e) => e.title !== "")
    .sort((a, b) =>
      a.title.startsWith("charts/") === b.title.startsWith("charts/")
        ? a.title.localeCompare(b.title)
        : a.title.startsWith("charts/")
          ? 1
          : -1,
    );
}

/**
 * Every story of clearbox in one page, so a reader of the docs can find each algorithm and chart: the algorithm
 * packages first, then the charts, each with what it shows and a link to each of its stories.
 */
const meta: Meta = {
  title: "Overview",
  render: () => {
    const root = document.createElement("div");
    root.style.cssText = "font:14px/1.5 system-ui,sans-serif;max-width:860px";
    root.innerHTML =
      "<h1 style='font-size:20px;margin:0 0 4px'>clearbox stories</h1>" +
      "<p style='margin:0 0 12px'>The algorithms of CNNVis, DGMTracker and MutualRanker on real data (the UCI digits, a digits CNN, a recorded training run, the GOP-debate tweets), and the charts that draw them. Each story has controls and a play function that checks it.</p>";
    for (const group of ["algorithms", "charts"] as const) {
      const heading = document.createElement("h2");
      heading.style.cssText = "font-size:16px;margin:16px 0 4px";
      heading.textContent = group === "charts" ? "Charts (@clearbox/charts)" : "Algorithms";
      const list = document.createElement("dl");
      list.dataset.group = group;
      for (const entry of storyIndex().filter((e) => e.title.startsWith("charts/") === (group === "charts"))) {
        const term = document.createElement("dt");
        term.style.fontWeight = "600";
        term.textContent = entry.title;
        const description = document.createElement("dd");
        description.style.margin = "0 0 8px 16px";
        description.append(`${entry.summary} `);
        for (const story of entry.stories) {
          const link = document.createElement("a");
          link.href = `/?path=/story/${story.id}`;
          link.target = "_top";
          link.dataset.storyId = story.id;
          link.textContent = story.name;
          link.style.marginRight = "10px";
          description.append(link);
        }
        list.append(term, description);
      }
      root.append(heading, list);
    }
    return root;
  },
};
export default meta;

export const AllStories: StoryObj = {
  play: async ({ canvasElement }) => {
    const index = storyIndex();
    const links = [...canvasElement.querySelectorAll<HTMLAnchorElement>("a[data-story-id]")];
    await expect(links.length).toBe(index.reduce((n, e) => n + e.stories.length, 0));
    await expect(links.length).toBeGreaterThan(30);
    // Every chart and every algorithm package has its stories listed.
    for (const title of [
      "charts/polylineChart",
      "charts/rankGraph",
      "charts/dataflowDag",
      "mutual-rank/GOP debate",
      "reorder/Reorder rows",
    ]) {
      await expect(index.some((e) => e.title === title && e.stories.length > 0)).toBe(true);
    }
    await expect(links.some((a) => a.dataset.storyId === "charts-packedrects--cluster-0")).toBe(true);
    await expect(links.some((a) => a.dataset.storyId === "rect-pack-rectangle-packing--same-neurons-packed-fast")).toBe(
      true,
    );
  },
};
