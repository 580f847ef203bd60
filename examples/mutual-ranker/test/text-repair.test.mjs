// The GOP set's mis-decoding undone where one reading fits, dropped where a byte was lost.
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { repairText } from "../src/text-repair.mjs";

/** Windows-1252's 0x80–0x9F, its five undefined bytes written as the Mac Roman characters they became. */
const HIGH = "€Å‚ƒ„…†‡ˆ‰Š‹ŒçŽèê‘’“”•–—˜™š›œùžŸ";

/** Reproduce the source's damage: UTF-8 bytes read as Windows-1252, stored as Mac Roman (`_` for what it lacks). */
function damage(text) {
  const macRomanLacks = /[ðšŠžŽ¦¹²³¼½¾Ð×ÝÞýþ]/u;
  const byteAsChar = (b) => (b < 0x80 ? String.fromCharCode(b) : b < 0xa0 ? HIGH[b - 0x80] : String.fromCharCode(b));
  return Array.from(new globalThis.TextEncoder().encode(text), byteAsChar)
    .map((ch) => (macRomanLacks.test(ch) ? "_" : ch))
    .join("");
}

it("repairs emoji, quotes and dashes as the source damaged them, and leaves clean text alone", () => {
  for (const text of [
    "Go 🇺🇸 #GOPDebate",
    "Trump’s “best” — 😂 👍 🐘 ❤️",
    "café señor naïve",
    "plain ascii #tag @user",
  ]) {
    expect(repairText(damage(text))).toBe(text);
    expect(repairText(text)).toBe(text);
  }
  expect(damage("🇺🇸")).toBe("_Ÿ‡º_Ÿ‡¸");
});

it("undoes the HTML escapes that Twitter's API put in tweet texts", () => {
  expect(repairText('not "Fair &amp; Balanced" &lt;3 &gt;')).toBe('not "Fair & Balanced" <3 >');
});

it("drops a sequence whose lost byte cannot be told, and shows a final one as the truncation mark", () => {
  // E2 80 A6 (…) lost its last byte: it could have been …, ›, ‚, „, ′ or ‼.
  expect(damage("and more…")).toBe("and moreâ€_");
  expect(repairText("and moreâ€_")).toBe("and more…");
  expect(repairText("a â€_ b")).toBe("a  b");
});

it("leaves no mis-decoded emoji in the GOP-debate collection", () => {
  const text = readFileSync(new URL("../data/gop-debate-2015.csv", import.meta.url), "utf8");
  expect((text.match(/_Ÿ/g) ?? []).length).toBeGreaterThan(1000);
  expect(repairText(text)).not.toMatch(/_Ÿ|â€/);
});
