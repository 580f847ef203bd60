import { isClearboxError } from "@clearbox/core";
import { describe, expect, it } from "vitest";
import { isAllowedImage, readImageOrigins } from "../src/image-href.js";
import { escapeMarkup } from "../src/serialize-svg.js";

describe("image URL policy", () => {
  const none = readImageOrigins(undefined);
  const cdn = readImageOrigins(["https://cdn.example.org"]);

  it("takes raster data URLs by default and nothing else", () => {
    for (const type of ["png", "jpeg", "gif", "webp"])
      expect(isAllowedImage(`data:image/${type};base64,AAAA`, none)).toBe(true);
    for (const href of [
      "data:image/svg+xml,<svg/>",
      "data:text/html,<script>alert(1)</script>",
      "javascript:alert(1)",
      "https://cdn.example.org/a.png",
      "//cdn.example.org/a.png",
      "a.png",
      " data:image/png,x",
    ]) {
      expect(isAllowedImage(href, none), href).toBe(false);
    }
  });

  it("takes http(s) images only from the origins named", () => {
    expect(isAllowedImage("https://cdn.example.org/a.png", cdn)).toBe(true);
    expect(isAllowedImage("https://cdn.example.org:443/a.png", cdn)).toBe(true);
    expect(isAllowedImage("http://cdn.example.org/a.png", cdn)).toBe(false);
    expect(isAllowedImage("https://cdn.example.org.evil.test/a.png", cdn)).toBe(false);
    expect(isAllowedImage("https://evil.test/?https://cdn.example.org", cdn)).toBe(false);
  });

  it("refuses origins that are not origins", () => {
    for (const bad of ["https://cdn.example.org/", "https://cdn.example.org/images", "*", "javascript:x", 3]) {
      expect(() => readImageOrigins([bad]), String(bad)).toThrow(expect.objectContaining({ code: "E_OPTION" }));
    }
    try {
      readImageOrigins("https://cdn.example.org");
    } catch (error) {
      expect(isClearboxError(error, "E_OPTION")).toBe(true);
    }
  });
});

describe("escapeMarkup", () => {
  it("leaves no character that can end text or an attribute, and none XML refuses", () => {
    const escaped = escapeMarkup(`<a href="x">&'\u0000\uD800\uFFFF</a>`);
    expect(escaped).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&#39;\uFFFD\uFFFD\uFFFD&lt;/a&gt;");
    expect(escapeMarkup("\uD83D\uDE00 ok\ttab\nline")).toBe("\uD83D\uDE00 ok\ttab\nline");
  });
});
