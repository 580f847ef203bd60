import { ClearboxError, describeValue } from "@clearbox/core/internal";

/** Raster images a chart may embed without naming an origin: they carry their pixels and call no one. */
const DATA_IMAGE = /^data:image\/(?:png|jpeg|gif|webp)[;,]/i;

/**
 * Check `options.imageOrigins`: each entry an origin as `URL#origin` writes it (`https://cdn.example.org`), so that a
 * path, a wildcard or a typo is refused rather than silently matching nothing.
 *
 * @returns The origins as a set (empty when the option is absent).
 * @throws `E_OPTION` when the value is not an array of origins.
 */
export function readImageOrigins(value: unknown, argument = "options.imageOrigins"): Set<string> {
  if (value === undefined) return new Set();
  if (!Array.isArray(value)) {
    throw new ClearboxError("E_OPTION", `${argument} must be an array of origins, got ${describeValue(value)}.`, {
      argument,
    });
  }
  const origins = new Set<string>();
  value.forEach((origin: unknown, i) => {
    const parsed = typeof origin === "string" && URL.canParse(origin) ? new URL(origin) : undefined;
    const web = parsed !== undefined && (parsed.protocol === "https:" || parsed.protocol === "http:");
    if (!web || parsed.origin !== origin) {
      throw new ClearboxError(
        "E_OPTION",
        `${argument}[${i}] must be an http(s) origin such as "https://cdn.example.org" (no path, no trailing slash), got ${describeValue(origin)}.`,
        { argument: `${argument}[${i}]` },
      );
    }
    origins.add(origin);
  });
  return origins;
}

/**
 * Whether an image URL may be written into a chart: a `data:image/(png|jpeg|gif|webp)` URL always; an absolute
 * http(s) URL only when its origin is one of `origins`; anything else (relative, protocol-relative, `javascript:`,
 * `data:text/html`, SVG images) never, so a self-contained report calls no outside address.
 */
export function isAllowedImage(href: string, origins: ReadonlySet<string>): boolean {
  if (DATA_IMAGE.test(href)) return true;
  if (origins.size === 0 || !URL.canParse(href)) return false;
  const url = new URL(href);
  return (url.protocol === "https:" || url.protocol === "http:") && origins.has(url.origin);
}
