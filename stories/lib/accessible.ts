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

/**
 * Every chart that takes the keyboard focus (`tabindex="0"`) answers it: Home focuses the first mark (its ring and
 * the readout show), ArrowRight moves on, Escape hides both; the chart is then let go, as the story left it.
 */
export async function expectKeyboardWalk({ canvasElement }: { canvasElement: HTMLElement }) {
  for (const svg of canvasElement.querySelectorAll<SVGSVGElement>('svg.clearbox-chart[tabindex="0"]')) {
    const key = (k: string) => svg.dispatchEvent(new KeyboardEvent("keydown", { key: k, bubbles: true }));
    const ring = () => svg.querySelector<SVGRectElement>("rect.cb-focus-ring");
    const chart = svg.dataset.chart;
    svg.focus();
    await expect(document.activeElement, `${chart} takes the focus`).toBe(svg);
    key("Home");
    await expect(svg.dataset.keyFocus, `${chart}: Home focuses the first mark`).toBe("0");
    await expect(ring()?.getAttribute("display"), `${chart}: the focus ring shows`).toBeNull();
    await expect(svg.querySelector("g.readout")?.getAttribute("display"), `${chart}: the readout shows`).toBeNull();
    key("ArrowRight");
    await expect(Number(svg.dataset.keyFocus), `${chart}: an arrow moves on`).toBeLessThanOrEqual(1);
    key("Escape");
    await expect(ring()?.getAttribute("display"), `${chart}: Escape hides the ring`).toBe("none");
    svg.blur();
  }
}
