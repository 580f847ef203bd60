/**
 * The charts' design system in one place: a type scale (every text ≥ 10 px, Observable Plot's default size), one
 * font stack for marks and d3's axes alike, and the theme's colours as CSS custom properties with light defaults —
 * a dark page sets the properties (or `prefers-color-scheme` does, through `--clearbox-*` on an ancestor).
 */
export const TYPE = {
  /** Tick labels, mark labels, legends. */
  small: 10,
  /** Readouts, cluster names, layer names. */
  body: 11,
  /** The visible heading (the title slot). */
  title: 13,
} as const;

/** The approximate advance of one character at size `px` in the font stack (system-ui), for layout before render. */
export const charWidth = (px: number) => 0.58 * px;

/** Estimated width of `text` at `px`: layouts run without a DOM (server-side), so they cannot measure. */
export const textWidth = (text: string, px: number) => text.length * charWidth(px);

const FONT = 'var(--clearbox-font, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif)';

/**
 * Scoped to the chart's class, so the page needs no stylesheet and nothing leaks out. The sign colours default to
 * ColorBrewer's RdBu ends (blue positive, red negative: readable with every common colour-vision deficiency); set
 * `--clearbox-positive: #2e7d32; --clearbox-negative: #c62828` for CNNVis's green and red.
 */
export const CHART_STYLE = [
  // One font for everything, d3-axis groups included (they set font-family="sans-serif" as an attribute).
  `.clearbox-chart{font-family:${FONT};font-size:${TYPE.body}px}`,
  ".clearbox-chart *{font-family:inherit}",
  `.clearbox-chart .tick text{font-size:${TYPE.small}px}`,
  ".clearbox-chart .cb-positive{stroke:var(--clearbox-positive,#2166ac)}",
  ".clearbox-chart .cb-negative{stroke:var(--clearbox-negative,#b2182b)}",
  ".clearbox-chart .cb-positive-fill{fill:var(--clearbox-positive,#2166ac)}",
  ".clearbox-chart .cb-negative-fill{fill:var(--clearbox-negative,#b2182b)}",
  ".clearbox-chart .cb-readout-box{fill:var(--clearbox-background,#fff);fill-opacity:.94}",
  ".clearbox-chart .cb-veil{fill:var(--clearbox-background,#fff)}",
  ".clearbox-chart .cb-box{fill:var(--clearbox-box,#eceff1);stroke:var(--clearbox-box-stroke,#546e7a)}",
  ".clearbox-chart .cb-gap{stroke:var(--clearbox-background,#fff)}",
  ".clearbox-chart .cb-uncertainty-fill{fill:var(--clearbox-uncertainty,#7b3294)}",
  ".clearbox-chart .cb-accent{stroke:var(--clearbox-accent,#ef6c00)}",
  ".clearbox-chart .cb-flow{stroke:var(--clearbox-flow,#ef6c00)}",
  ".clearbox-chart .cb-flow-fill{fill:var(--clearbox-flow,#ef6c00)}",
  ".clearbox-chart .cb-selected{stroke:var(--clearbox-selected,#1a1a1a);stroke-width:2.5px}",
  ".clearbox-chart .cb-frame{fill:none;stroke:currentColor;stroke-opacity:.35}",
  ".clearbox-chart .cb-halo{stroke:var(--clearbox-background,#fff);stroke-width:3px;stroke-linejoin:round;paint-order:stroke}",
  ".clearbox-chart .cb-leader{stroke:currentColor;stroke-opacity:.45;fill:none}",
  ".clearbox-chart :focus-visible{outline:2px solid var(--clearbox-focus,#005fcc);outline-offset:1px}",
  "@media (prefers-reduced-motion:reduce){.clearbox-chart *{transition:none!important;animation:none!important}}",
].join("");
