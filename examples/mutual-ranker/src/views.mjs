// The ranker's views as chart specs `{ chart, data, options }` (the page draws them, the report renders them to SVG)
// and the top lists' cells, shared so that both show the same thing.
import { flowMap, rankGraph } from "@clearbox/charts";
import { flowMapData, HASHTAG, rankGraphData, TYPE_NAMES } from "./ranking.mjs";

/**
 * Clusters of the top hashtags (or users) as a rank graph: area = summed score, ring glyph = the members' uncertainty,
 * the selected cluster's uncertainty flows bundled.
 * @param {object} state - the loaded collection and its ranker
 * @param {0 | 1 | 2} [type] - HASHTAG or USER
 * @param {{ selected?: number, width?: number, height?: number, onSelect?: Function, onHover?: Function }} [options]
 */
export function rankGraphView(state, type = HASHTAG, { selected, width = 640, height = 520, onSelect, onHover } = {}) {
  const data = rankGraphData(state, type);
  return {
    chart: rankGraph,
    data,
    options: {
      width,
      height,
      seed: 1,
      title: `Clusters of the top ${TYPE_NAMES[type]}: area by importance, ring by the members' uncertainty`,
      ...(selected !== undefined && { selected }),
      ...(onSelect && { onSelect }),
      ...(onHover && { onHover }),
    },
  };
}

/**
 * The flow map of the top 40 hashtags on a circle by rank, with the uncertainty the sources propagate.
 * @param {object} state - the loaded collection and its ranker
 * @param {number[]} sources - the nodes whose uncertainty is propagated
 * @param {{ type?: 0 | 1 | 2, width?: number, height?: number, onHover?: Function }} [options]
 */
export function flowMapView(state, sources, { type = HASHTAG, width = 520, height = 520, onHover } = {}) {
  const { nodes, labels, flows } = flowMapData(state, sources, type);
  return {
    chart: flowMap,
    data: { nodes, labels, flows },
    options: {
      width,
      height,
      title: `Uncertainty propagated from ${sources.length} selected ${TYPE_NAMES[type]} to the top 40`,
      ...(onHover && { onHover }),
    },
  };
}

/**
 * A small number in scientific notation that a table cell cannot wrap: the exponent's sign is the minus sign U+2212,
 * not a hyphen (a browser may break a line after "1.23e-", which wrapped the score column beside long post texts).
 */
export function scientific(value) {
  return value.toExponential(2).replaceAll("-", "\u2212");
}

/** Cells of a top-list row: rank, name (a post's text shortened), score, uncertainty and its percentile. */
export function topRowCells(element, rank) {
  // Cut by code points: a UTF-16 slice can split an emoji's surrogate pair.
  const chars = Array.from(element.name);
  const text = chars.length > 110 ? `${chars.slice(0, 109).join("")}…` : element.name;
  const name = element.copies > 1 ? `${text} (×${element.copies})` : text;
  return [
    String(rank + 1),
    name,
    scientific(element.score),
    scientific(element.uncertainty),
    `${Math.round(100 * element.percentile)}`,
  ];
}

export const TOP_HEADINGS = ["#", "element", "score", "uncertainty v/r", "percentile"];
