/**
 * A strict well-formedness check for the SVG strings (no XML parser ships with Node): every tag closes in order,
 * attributes are quoted and unique, and text has no raw `<` or stray `&`. Returns the problem, or null.
 */
export function xmlProblem(xml: string): string | null {
  const stack: string[] = [];
  const token = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>|([^<]+)|(<)/gy;
  let match: RegExpExecArray | null;
  let position = 0;
  while (position < xml.length) {
    token.lastIndex = position;
    match = token.exec(xml);
    if (match === null || match[6] !== undefined)
      return `unexpected "<" or malformed tag at ${position}: ${xml.slice(position, position + 60)}`;
    position = token.lastIndex;
    const [, closing, name, attributes, selfClosing, text] = match;
    if (text !== undefined) {
      if (/&(?!(amp|lt|gt|quot|apos|#\d+|#x[\da-fA-F]+);)/.test(text)) return `stray "&" in text: ${text.slice(0, 60)}`;
      continue;
    }
    if (attributes) {
      const names = [...attributes.matchAll(/([\w:.-]+)="/g)].map((m) => m[1]);
      if (new Set(names).size !== names.length) return `repeated attribute in <${name}>`;
    }
    if (closing) {
      if (stack.pop() !== name) return `</${name}> closes the wrong element`;
    } else if (!selfClosing) stack.push(name);
  }
  return stack.length === 0 ? null : `unclosed <${stack[stack.length - 1]}>`;
}

/** Round every number in an SVG string to two decimals, so that golden files survive last-digit noise. */
export function roundNumbers(svg: string): string {
  return svg.replace(/-?\d+\.\d{3,}(e-?\d+)?/g, (v) => String(Math.round(Number(v) * 100) / 100));
}
