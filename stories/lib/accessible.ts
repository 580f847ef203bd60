import axe from "axe-core";
import { expect } from "storybook/test";

/**
 * axe-core (Deque's accessibility rules: names, roles, contrast, ARIA use, focus order) over the story's canvas, in
 * Chromium, after its play function: 0 violations. Used as Storybook's project-wide `afterEach`, so every story of
 * every package is checked in the state its play function leaves it. Each violation is reported with up to three of
 * the elements that break it.
 */
export async function expectNoAxeViolations({ canvasElement }: { canvasElement: HTMLElement }) {
  const result = await axe.run(canvasElement, { resultTypes: ["violations"] });
  const found = result.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes.length} × e.g. ${v.nodes
        .slice(0, 3)
        .map((node) => node.target.join(" "))
        .join(" | ")}`,
  );
  await expect(found, "axe-core violations").toEqual([]);
}
