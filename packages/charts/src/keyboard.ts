import type { Frame } from "./frame.js";

/** The marks a reader can step through with the keyboard, in reading order. */
export interface KeyboardMarks {
  /** How many marks take the focus (0 turns the keyboard off). */
  count: number;
  /** The box of mark i in the marks layer's coordinates: the focus ring goes around it, the readout beside it. */
  position(i: number): [x: number, y: number, width: number, height: number];
  /** The readout of mark i: the same lines the pointer's hover shows. Default: `hover` draws its own readout. */
  describe?(i: number): string[];
  /** Enter or Space on mark i: what a click on it does. */
  select?(i: number, event: Event): void;
  /** Marks per row when they form a grid: Up and Down then move a row. Default: one row (Up/Down = Left/Right). */
  columns?: number;
  /** Called when the focus moves to mark i (the pointer's onHover, for linked views), or leaves (null). */
  hover?(i: number | null, event: Event): void;
}

const NEXT: Record<string, (i: number, columns: number, count: number) => number> = {
  ArrowRight: (i) => i + 1,
  ArrowLeft: (i) => i - 1,
  ArrowDown: (i, columns) => i + columns,
  ArrowUp: (i, columns) => i - columns,
  Home: () => 0,
  End: (_, __, count) => count - 1,
  PageDown: (i, columns) => i + 10 * columns,
  PageUp: (i, columns) => i - 10 * columns,
};

/**
 * Keyboard access to a chart's marks (WAI-ARIA's roving focus, on the SVG itself): Tab focuses the chart, the arrow
 * keys (Home, End, Page Up/Down) move between marks, Enter or Space selects, Escape lets go. The focused mark gets a
 * ring and the hover readout, which is a polite live region, so a screen reader reads it. The chart's `role`
 * becomes `group` (an `img`'s children are presentational, so it could not hold a focus) and its keys are named in
 * `aria-keyshortcuts`. Listeners are in the `.clearbox` namespace, which `destroy()` removes.
 */
export function keyboardMarks(frame: Frame, marks: KeyboardMarks): void {
  const svg = frame.svg;
  const node = svg.node() as SVGSVGElement & { __cbFocus?: number };
  if (!frame.interactive) return;
  if (marks.count === 0) {
    svg
      .attr("tabindex", null)
      .attr("role", "img")
      .attr("aria-roledescription", null)
      .attr("aria-keyshortcuts", null)
      .on("keydown.clearbox blur.clearbox", null);
    return;
  }
  svg
    .attr("tabindex", 0)
    .attr("role", "group")
    .attr("aria-roledescription", "interactive chart")
    .attr("aria-keyshortcuts", "ArrowLeft ArrowRight ArrowUp ArrowDown Home End Enter Escape");
  const ring = frame.marks
    .selectAll<SVGRectElement, null>("rect.cb-focus-ring")
    .data([null])
    .join("rect")
    .attr("class", "cb-focus-ring")
    .attr("rx", 3)
    .attr("fill", "none")
    .attr("stroke", "var(--clearbox-focus,#005fcc)")
    .attr("stroke-width", 2)
    .attr("pointer-events", "none")
    .attr("display", "none")
    .raise();
  const columns = Math.max(1, marks.columns ?? 1);
  const show = (i: number, event: Event | null) => {
    node.__cbFocus = i;
    const [x, y, w, h] = marks.position(i);
    ring
      .attr("display", null)
      .attr("x", x - 3)
      .attr("y", y - 3)
      .attr("width", w + 6)
      .attr("height", h + 6);
    svg.attr("data-key-focus", i);
    if (marks.describe !== undefined) frame.readout(marks.describe(i), x + w, y);
    if (event !== null) marks.hover?.(i, event);
  };
  const hide = (event: Event) => {
    ring.attr("display", "none");
    svg.attr("data-key-focus", null);
    frame.readout(null);
    marks.hover?.(null, event);
  };
  svg
    .on("keydown.clearbox", (event: KeyboardEvent) => {
      const current = node.__cbFocus !== undefined && node.__cbFocus < marks.count ? node.__cbFocus : -1;
      if (event.key === "Escape") return hide(event);
      if ((event.key === "Enter" || event.key === " ") && current >= 0) {
        event.preventDefault();
        marks.select?.(current, event);
        return;
      }
      const step = NEXT[event.key];
      if (step === undefined) return;
      event.preventDefault();
      // The first key focuses the first mark (End the last), later keys move from the focused one.
      const next = current >= 0 || event.key === "End" ? step(current, columns, marks.count) : 0;
      show(Math.max(0, Math.min(marks.count - 1, next)), event);
    })
    .on("blur.clearbox", (event: FocusEvent) => hide(event));
  // Redrawn while focused (Enter selected and the page drew the selection): the focus stays where it was.
  const focused = node.__cbFocus;
  if (node.ownerDocument.activeElement === node && focused !== undefined && focused < marks.count) show(focused, null);
}

/**
 * Keyboard access to marks that already answer the pointer (each bound with `pointerenter`, `pointerleave` and
 * `click` handlers): focusing a mark sends it a pointerenter (so its own handler draws the readout and calls
 * onHover), leaving sends pointerleave, Enter sends a click. Its box is measured where it is drawn (a browser; no
 * key reaches a chart rendered on a server).
 */
export function keyboardOnElements(frame: Frame, elements: Element[], columns?: number): void {
  const marksNode = frame.marks.node() as SVGGElement;
  const send = (element: Element, type: string, bubbles = false) =>
    element.dispatchEvent(
      type === "click" ? new MouseEvent(type, { bubbles }) : new PointerEvent(type, { bubbles, pointerType: "mouse" }),
    );
  let entered: Element | undefined;
  keyboardMarks(frame, {
    count: elements.length,
    columns,
    position(i) {
      const box = elements[i].getBoundingClientRect();
      const toMarks = marksNode.getScreenCTM()?.inverse();
      if (toMarks === undefined) return [0, 0, 0, 0];
      const corner = new DOMPoint(box.left, box.top).matrixTransform(toMarks);
      const far = new DOMPoint(box.right, box.bottom).matrixTransform(toMarks);
      return [corner.x, corner.y, far.x - corner.x, far.y - corner.y];
    },
    hover(i) {
      if (entered !== undefined) send(entered, "pointerleave");
      entered = i === null ? undefined : elements[i];
      if (entered !== undefined) send(entered, "pointerenter");
    },
    select: (i) => send(elements[i], "click", true),
  });
}
