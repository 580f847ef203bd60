// Docs figures from @clearbox/charts' server-side rendering: panels (SVG strings from renderToString) in rows, each
// under an optional caption, in one standalone SVG.

const escape = (text) => String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const size = (svg, name) => Number(new RegExp(` ${name}="([\\d.]+)"`).exec(svg)[1]);

/**
 * @param {{ svg: string, caption?: string }[][]} rows - rows of panels, left to right, each an SVG from renderToString
 * @param {{ title: string, gap?: number }} options - the figure's accessible title; the gap between panels
 * @returns {string} one SVG document
 */
export function panelGrid(rows, { title, gap = 16 }) {
  let y = 0;
  let width = 0;
  const parts = rows.map((panels) => {
    const captionHeight = panels.some((p) => p.caption) ? 18 : 0;
    let x = 0;
    let height = 0;
    const row = panels.map(({ svg, caption }) => {
      const part =
        (caption
          ? `<text x="${x}" y="${y + 13}" font-size="11" font-family="system-ui, sans-serif" fill="currentColor">${escape(caption)}</text>`
          : "") + svg.replace("<svg ", `<svg x="${x}" y="${y + captionHeight}" `);
      x += size(svg, "width") + gap;
      height = Math.max(height, size(svg, "height"));
      return part;
    });
    width = Math.max(width, x - gap);
    y += captionHeight + height + gap;
    return row.join("");
  });
  const height = y - gap;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escape(title)}"><title>${escape(title)}</title>${parts.join("")}</svg>\n`;
}

/** One row of panels. */
export function sideBySide(panels, options) {
  return panelGrid([panels], options);
}
