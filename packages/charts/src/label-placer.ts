import { ClearboxError, assertOptions, describeValue } from "@clearbox/core/internal";
import type { OptionKeys } from "@clearbox/core/internal";
import { TYPE, textWidth } from "./theme.js";

/** A label to place: its anchor (the mark it names), text, importance and the mark's radius to keep clear. */
export interface LabelRequest {
  x: number;
  y: number;
  text: string;
  /** Higher first: when there is no room, the least important labels are dropped. */
  priority: number;
  /** Radius of the mark at the anchor (labels start outside it). Default 0. */
  radius?: number;
  /** Font size in pixels. Default TYPE.small. */
  size?: number;
  /** Drawn in the bold weight (600), which is wider: measured so. Default false. */
  bold?: boolean;
  /** Preferred directions, as angles in radians (0 = right, π/2 = below), tried first. Default: right, left, above, below, diagonals. */
  angles?: readonly number[];
}

/** A placed label: its text position and anchor, its box, and a leader line when it sits away from its mark. */
export interface PlacedLabel {
  /** Index of the request. */
  index: number;
  text: string;
  x: number;
  y: number;
  size: number;
  anchor: "start" | "middle" | "end";
  box: [number, number, number, number];
  leader: [number, number, number, number] | null;
}

export interface PlaceLabelsOptions {
  /** The area labels must stay inside, `[x0, y0, x1, y1]`. */
  bounds: readonly [number, number, number, number];
  /** Boxes labels must not cover (marks), `[x0, y0, x1, y1]` each. */
  obstacles?: ReadonlyArray<readonly [number, number, number, number]>;
  /** Width of a text at a size (and weight); default measured on a canvas when the document has one, else estimated. */
  measure?: (text: string, size: number, bold?: boolean) => number;
  /** Space kept between labels, pixels. Default 2. */
  padding?: number;
}

/** Without a canvas: the type scale's estimate, a tenth wider for bold (bold sans glyphs are ~5–10 % wider). */
const estimatedWidth = (text: string, size: number, bold?: boolean) => textWidth(text, size) * (bold ? 1.1 : 1);

const DEFAULT_ANGLES = [
  0,
  Math.PI,
  -Math.PI / 2,
  Math.PI / 2,
  -Math.PI / 4,
  Math.PI / 4,
  (-3 * Math.PI) / 4,
  (3 * Math.PI) / 4,
];
/** Gaps from the mark tried in turn: beside it, then farther out with a leader line. */
const DISTANCES = [3, 16, 30];

/**
 * Place labels without overlaps (greedy, by priority): each label tries positions around its mark — the preferred
 * directions first, beside the mark, then farther out with a leader line — and takes the first whose box stays in
 * `bounds` and clear of the obstacles and of every label placed before it; a label with no free position is dropped
 * (its full text stays in the chart's readout). A pure function on plain numbers: no DOM, testable anywhere.
 * Written here rather than taken from a library: the maintained placers (d3fc-label-layout, labella) need a DOM or
 * place on one axis only, and the charts need SSR and priorities.
 *
 * @param requests - One label per mark: its anchor, text, priority and the mark's radius.
 * @param options - `bounds` (required), `obstacles`, `measure`, `padding`.
 * @returns The placed labels (in priority order) and the indices of the dropped ones.
 * @throws `E_SHAPE` / `E_TYPE` for a malformed request or bounds, `E_OPTION` for an unknown option key.
 * @example
 * ```ts
 * import { placeLabels } from "@clearbox/charts";
 * const { placed, dropped } = placeLabels(
 *   [
 *     { x: 50, y: 50, text: "#gopdebate", priority: 2 },
 *     { x: 52, y: 50, text: "#trump", priority: 1 },
 *   ],
 *   { bounds: [0, 0, 200, 100] },
 * );
 * placed.length + dropped.length; // => 2
 * ```
 */
export function placeLabels(
  requests: readonly LabelRequest[],
  options: PlaceLabelsOptions,
): { placed: PlacedLabel[]; dropped: number[] } {
  checkRequests(requests);
  const checked = assertOptions(options, "options", OPTION_KEYS);
  const bounds = checked.bounds as unknown;
  if (!Array.isArray(bounds) || bounds.length !== 4 || !bounds.every(Number.isFinite)) {
    throw new ClearboxError(
      "E_TYPE",
      `options.bounds must be [x0, y0, x1, y1], finite numbers, got ${describeValue(bounds)}.`,
      {
        argument: "options.bounds",
      },
    );
  }
  const padding = options.padding ?? 2;
  const measure = options.measure ?? estimatedWidth;
  const index = new BoxIndex(48);
  for (const box of options.obstacles ?? []) index.add(box);
  const order = requests.map((_, i) => i).sort((a, b) => requests[b].priority - requests[a].priority || a - b);
  const placed: PlacedLabel[] = [];
  const dropped: number[] = [];
  for (const i of order) {
    const label = tryPlace(requests[i], i, measure, options.bounds, index, padding);
    if (label === null) dropped.push(i);
    else {
      placed.push(label);
      index.add(label.box);
    }
  }
  return { placed, dropped };
}

const OPTION_KEYS = {
  bounds: true,
  obstacles: true,
  measure: true,
  padding: true,
} satisfies OptionKeys<PlaceLabelsOptions>;

/** Each request has a finite anchor and priority and a text: else E_TYPE naming the request. */
function checkRequests(requests: unknown): asserts requests is LabelRequest[] {
  if (!Array.isArray(requests)) {
    throw new ClearboxError(
      "E_TYPE",
      `requests must be an array of { x, y, text, priority }, got ${describeValue(requests)}.`,
      {
        argument: "requests",
      },
    );
  }
  requests.forEach((r: Partial<LabelRequest> | null, i) => {
    const ok =
      typeof r === "object" &&
      r !== null &&
      typeof r.text === "string" &&
      [r.x, r.y, r.priority].every(Number.isFinite);
    if (!ok) {
      throw new ClearboxError(
        "E_TYPE",
        `requests[${i}] must be { x, y, text, priority } with finite numbers, got ${describeValue(r)}.`,
        {
          argument: `requests[${i}]`,
        },
      );
    }
  });
}

function tryPlace(
  request: LabelRequest,
  index: number,
  measure: (text: string, size: number, bold?: boolean) => number,
  bounds: readonly [number, number, number, number],
  boxes: BoxIndex,
  padding: number,
): PlacedLabel | null {
  const size = request.size ?? TYPE.small;
  const width = measure(request.text, size, request.bold === true);
  const height = size * 1.2;
  const radius = request.radius ?? 0;
  for (const distance of DISTANCES) {
    for (const angle of request.angles ?? DEFAULT_ANGLES) {
      const label = candidate(request, index, angle, radius + distance, width, height, size);
      const [x0, y0, x1, y1] = label.box;
      if (x0 < bounds[0] || y0 < bounds[1] || x1 > bounds[2] || y1 > bounds[3]) continue;
      if (boxes.hits([x0 - padding, y0 - padding, x1 + padding, y1 + padding])) continue;
      if (distance > DISTANCES[0]) label.leader = leader(request, radius, label.box);
      return label;
    }
  }
  return null;
}

/** The label's box when it sits at `angle`, `gap` px from the anchor: anchored on the side facing the mark. */
function candidate(
  request: LabelRequest,
  index: number,
  angle: number,
  gap: number,
  width: number,
  height: number,
  size: number,
): PlacedLabel {
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const px = request.x + gap * cos;
  const py = request.y + gap * sin;
  const anchor = cos > 0.3 ? "start" : cos < -0.3 ? "end" : "middle";
  const x0 = anchor === "start" ? px : anchor === "end" ? px - width : px - width / 2;
  // Vertically: centred beside the mark, above or below it when the direction is mostly vertical.
  const top = sin < -0.7 ? py - height : sin > 0.7 ? py : py - height / 2;
  const baseline = top + height * 0.78;
  return {
    index,
    text: request.text,
    x: px,
    y: baseline,
    size,
    anchor,
    box: [x0, top, x0 + width, top + height],
    leader: null,
  };
}

/** A leader from the mark's edge to the nearest point of the label's box. */
function leader(request: LabelRequest, radius: number, [x0, y0, x1, y1]: PlacedLabel["box"]): PlacedLabel["leader"] {
  const tx = Math.max(x0, Math.min(request.x, x1));
  const ty = Math.max(y0, Math.min(request.y, y1));
  const d = Math.hypot(tx - request.x, ty - request.y) || 1;
  return [request.x + ((tx - request.x) * radius) / d, request.y + ((ty - request.y) * radius) / d, tx, ty];
}

/** Boxes in a uniform grid of buckets: an overlap query looks only at the buckets the box covers. */
class BoxIndex {
  private readonly buckets = new Map<number, Array<readonly [number, number, number, number]>>();
  constructor(private readonly cell: number) {}

  add(box: readonly [number, number, number, number]) {
    for (const key of this.keys(box)) {
      const list = this.buckets.get(key);
      if (list) list.push(box);
      else this.buckets.set(key, [box]);
    }
  }

  hits([x0, y0, x1, y1]: readonly [number, number, number, number]): boolean {
    for (const key of this.keys([x0, y0, x1, y1])) {
      for (const b of this.buckets.get(key) ?? []) if (b[0] < x1 && x0 < b[2] && b[1] < y1 && y0 < b[3]) return true;
    }
    return false;
  }

  private *keys([x0, y0, x1, y1]: readonly [number, number, number, number]) {
    for (let gx = Math.floor(x0 / this.cell); gx <= Math.floor(x1 / this.cell); gx++)
      for (let gy = Math.floor(y0 / this.cell); gy <= Math.floor(y1 / this.cell); gy++) yield gx * 1_000_003 + gy;
  }
}

/** A text measurer for a document: a canvas's measureText where there is one (browsers), else the estimate. */
export function measurerFor(document: Document): (text: string, size: number, bold?: boolean) => number {
  const canvas = typeof document.createElement === "function" ? document.createElement("canvas") : null;
  const context = canvas && typeof canvas.getContext === "function" ? canvas.getContext("2d") : null;
  if (!context || typeof context.measureText !== "function") return estimatedWidth;
  const cache = new Map<string, number>();
  return (text, size, bold) => {
    const key = `${size}|${bold ? 1 : 0}|${text}`;
    let width = cache.get(key);
    if (width === undefined) {
      context.font = `${bold ? "600 " : ""}${size}px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif`;
      width = context.measureText(text).width;
      cache.set(key, width);
    }
    return width;
  };
}
