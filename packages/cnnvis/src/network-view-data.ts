import { ClearboxError, assertFunction, assertOptions, describeValue } from "@clearbox/core/internal";
import { assertAnalysis } from "./checks.js";
import type { Views } from "./derive-views.js";
import type { Analysis } from "./types.js";

/** Options of {@link networkViewData}. */
export interface NetworkViewDataOptions {
  /** A neuron's image URL, e.g. `pngDataUrl` of {@link neuronImage} (charts' `pngDataUrl`). Default: none (filled by importance). */
  href?: (group: number, unit: number) => string | undefined;
}

/**
 * The data of the CNNVis main view (`networkView` in `@clearbox/charts`): one column per group, one cluster per
 * packing with its neurons and its reordered matrix, the bundle geometry of every pair, and the sizes the geometry
 * was laid out in. Plain data: any renderer can draw it.
 * @param analysis - from {@link analyzeModel}.
 * @param views - from {@link deriveViews} on that analysis.
 * @param options - `href`: each neuron's image.
 * @returns `{ columns, pairs, pairWidth, bandHeight, classes }`.
 * @throws `E_OPTION` for an unknown option; `E_TYPE` when `href` is not a function or `analysis` is not an analysis;
 *   `E_SHAPE` when `views` were not derived from it.
 * @example
 * const data = networkViewData(analysis, views, { href: (g, u) => { const i = neuronImage(analysis.groups[g], u); return pngDataUrl(i.width, i.height, i.rgb); } });
 */
export function networkViewData(analysis: Analysis, views: Views, options: NetworkViewDataOptions = {}) {
  options = assertOptions(options, "options", { href: true });
  assertAnalysis(analysis);
  const v = views as Partial<Views> | null;
  const n = analysis.groups.length;
  if (v?.packings?.length !== n || v.matrices?.length !== n || v.bundles?.length !== Math.max(0, n - 1)) {
    throw new ClearboxError(
      "E_SHAPE",
      `views must be deriveViews(analysis) for this analysis, got ${describeValue(views)}.`,
      {
        argument: "views",
      },
    );
  }
  const href =
    options.href === undefined
      ? () => undefined
      : assertFunction<(g: number, u: number) => string | undefined>(options.href, "options.href");
  const columns = analysis.groups.map((group, g) => ({
    name: group.name,
    clusters: views.packings[g].map((packed, k) => {
      const matrix = views.matrices[g][k];
      const counts = new Map<number, number>();
      for (const u of packed.members) counts.set(group.topClass[u], (counts.get(group.topClass[u]) ?? 0) + 1);
      const top = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0];
      const n = packed.members.length;
      return {
        id: packed.cluster,
        label: `${n} neuron${n === 1 ? "" : "s"} · mostly prefer ${analysis.classes[top]}`,
        packing: packed.packing,
        neurons: packed.members.map((u) => ({
          unit: u,
          href: href(g, u),
          topClass: group.topClass[u],
          importance: group.importance[u],
          label: `${group.readout} unit ${u}`,
        })),
        matrix: { values: matrix.members.map((u) => group.vectors[u]), order: matrix.order },
      };
    }),
  }));
  return {
    columns,
    pairs: views.bundles.map((b) => b.geometry),
    pairWidth: views.bundles[0]?.width ?? 240,
    bandHeight: views.bundles[0]?.height ?? 320,
    classes: analysis.classes,
  };
}
