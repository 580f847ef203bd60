import { expect } from "storybook/test";

/** The smallest text any chart may draw, in screen pixels (Observable Plot's default size). */
const MIN_TEXT_PX = 10;

/** A text the reader can see: not the hover readout, not empty, rendered (display, visibility, opacity). */
function visible(text: SVGTextElement): boolean {
  if (text.closest("g.readout") !== null) return false;
  if ((text.textContent ?? "").trim() === "") return false;
  const check = (text as Element & { checkVisibility?: (o: object) => boolean }).checkVisibility;
  if (check && !check.call(text, { opacityProperty: true, visibilityProperty: true })) return false;
  const box = text.getBoundingClientRect();
  return box.width > 0 && box.height > 0;
}

/** The rendered size of a text: its computed font size times its transform's scale (layerBundles draws scaled). */
function renderedSize(text: SVGTextElement): number {
  const matrix = text.getScreenCTM();
  const scale = matrix === null ? 1 : Math.hypot(matrix.a, matrix.b);
  return parseFloat(getComputedStyle(text).fontSize) * scale;
}

/**
 * Every chart's labels readable, measured in Chromium: each visible text at ≥ 10 px, and no two visible texts
 * overlapping (their rendered boxes, transforms applied, may touch by at most half a pixel each side). Used as
 * `afterEach` on the chart stories, so it runs after each play function, on the state the story is left in.
 */
export async function expectReadableLabels({ canvasElement }: { canvasElement: HTMLElement }) {
  for (const svg of canvasElement.querySelectorAll<SVGSVGElement>("svg.clearbox-chart")) {
    const texts = [...svg.querySelectorAll<SVGTextElement>("text")].filter(visible);
    const small = texts
      .filter((t) => renderedSize(t) < MIN_TEXT_PX - 0.01)
      .map((t) => `${t.textContent} (${renderedSize(t).toFixed(1)} px)`);
    await expect(small, `texts under ${MIN_TEXT_PX} px in ${svg.dataset.chart}`).toEqual([]);
    const boxes = texts.map((t) => t.getBoundingClientRect());
    const pairs: string[] = [];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i], boxes[j]];
        const apart =
          a.right - 0.5 <= b.left + 0.5 ||
          b.right - 0.5 <= a.left + 0.5 ||
          a.bottom - 0.5 <= b.top + 0.5 ||
          b.bottom - 0.5 <= a.top + 0.5;
        if (!apart) pairs.push(`"${texts[i].textContent}" × "${texts[j].textContent}"`);
      }
    }
    await expect(pairs, `overlapping labels in ${svg.dataset.chart}`).toEqual([]);
  }
}
