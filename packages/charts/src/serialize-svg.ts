import { ClearboxError } from "@clearbox/core/internal";

const SVG_NS = "http://www.w3.org/2000/svg";
const XHTML_NS = "http://www.w3.org/1999/xhtml";

/** XML names as the charts write them (`data-id`, `xlink:href`); anything else is refused, never written out. */
const SAFE_NAME = /^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?$/;

/**
 * Characters XML 1.0 forbids even as character references (C0 controls but tab, newline and carriage return; lone
 * surrogates; U+FFFE and U+FFFF): replaced by U+FFFD so that every XML parser reads the string.
 */
const NOT_XML =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ENTITY: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * Escape a string for HTML and XML alike, in text and in quoted attribute values: `& < > " '` become entities and
 * characters XML cannot carry become U+FFFD. With no raw `<` left, no content can close an enclosing `<noscript>`,
 * `<textarea>` or `<title>`, and with no raw quote none can leave its attribute.
 *
 * @param value - Any string (a label, a title, an id).
 * @returns `value` with `& < > " '` as entities and characters XML cannot carry as U+FFFD.
 * @throws Nothing: every string has an escaped form.
 * @example
 * ```ts
 * import { escapeMarkup } from "@clearbox/charts/ssr";
 * escapeMarkup(`loss < 0.1 & "R&D"`); // => "loss &lt; 0.1 &amp; &quot;R&amp;D&quot;"
 * ```
 */
export function escapeMarkup(value: string): string {
  return value.replace(NOT_XML, "\uFFFD").replace(/[&<>"']/g, (c) => ENTITY[c]);
}

function checkedName(name: string, what: string): string {
  if (!SAFE_NAME.test(name)) {
    throw new ClearboxError("E_SHAPE", `The SVG holds ${what} named ${JSON.stringify(name)}, not an XML name.`, {
      argument: "chart",
    });
  }
  return name;
}

function attributesOf(element: Element, parentNamespace: string | null): string {
  let out = "";
  // An HTML element inside <foreignObject> needs its namespace said out loud in a standalone SVG file.
  const namespace = element.namespaceURI;
  if (namespace !== parentNamespace && namespace === XHTML_NS && !element.hasAttribute("xmlns")) {
    out += ` xmlns="${XHTML_NS}"`;
  }
  for (const attribute of Array.from(element.attributes)) {
    out += ` ${checkedName(attribute.name, "an attribute")}="${escapeMarkup(attribute.value)}"`;
  }
  return out;
}

function serializeNode(node: Node, parentNamespace: string | null, out: string[]): void {
  if (node.nodeType === 3) {
    out.push(escapeMarkup(node.nodeValue ?? ""));
    return;
  }
  // Comments, processing instructions and CDATA draw nothing: left out, so none can smuggle markup.
  if (node.nodeType !== 1) return;
  const element = node as Element;
  const name = checkedName(element.localName, "an element");
  const attributes = attributesOf(element, parentNamespace);
  if (element.childNodes.length === 0) {
    out.push(`<${name}${attributes} />`);
    return;
  }
  out.push(`<${name}${attributes}>`);
  for (const child of Array.from(element.childNodes)) serializeNode(child, element.namespaceURI, out);
  out.push(`</${name}>`);
}

/**
 * Serialise an SVG element (from any DOM: a browser's, linkedom's, jsdom's) to a string that parses as XML and is
 * safe inside HTML anywhere: every attribute value and text escaped for both (`& < > " '`), names checked, comments
 * dropped. Written here rather than taken from the DOM's `outerHTML` because DOMs differ: linkedom 0.18 escapes only
 * `"` in attribute values, and a browser's HTML serialiser leaves `<` and `>` raw in them.
 *
 * @param svg - The chart's root element.
 * @returns The markup of `svg` and its subtree.
 * @throws `E_SHAPE` when an element or attribute name is not an XML name (no chart writes one).
 * @example
 * ```ts
 * // Fragment: `svg` is a chart drawn in a page (or any DOM).
 * import { serializeSvg } from "@clearbox/charts/ssr";
 * const markup = serializeSvg(svg); // safe to write to a .svg file or into any HTML
 * ```
 */
export function serializeSvg(svg: Element): string {
  const out: string[] = [];
  serializeNode(svg, svg.namespaceURI === SVG_NS ? null : svg.namespaceURI, out);
  return out.join("");
}
