// Repair of the GOP-debate set's mis-decoding. Its source took the tweets' UTF-8 bytes for Windows-1252 text, then
// stored that text as Mac Roman: a 🇺🇸 (F0 9F 87 BA F0 9F 87 B8) reads `_Ÿ‡º_Ÿ‡¸`. Each character maps back to its
// byte (Windows-1252; the five bytes that Windows-1252 leaves undefined went through as the Mac Roman characters
// Å ç è ê ù), except the characters Mac Roman cannot store (ð, ¦, …), which the source replaced by `_`: lost. A `_`
// is recoverable only where one byte fits: as the lead of `_Ÿ..` it must be F0 (the only lead byte whose sequence
// decodes). A `_` elsewhere in a sequence (`â€_`: E2 80 ?, one of …, ›, ‚, „, ′, ‼ …) cannot be told: that
// sequence is dropped — at a tweet's end it is the truncation mark Twitter appends, and shown as `…`.
// ftfy (Python) does the general case; this file does only what this collection needs, with no dependency.

const CP1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ";
/** The bytes Windows-1252 leaves undefined, as the Mac Roman characters they became. */
const UNDEFINED_AS_MAC_ROMAN = { Å: 0x81, ç: 0x8d, è: 0x8f, ê: 0x90, ù: 0x9d };

/** The byte a character stood for in a lead position (Windows-1252 / Latin-1), or -1. */
function leadByte(ch) {
  const code = ch.charCodeAt(0);
  if (code >= 0xc2 && code <= 0xf4) return code;
  return -1;
}

/** The byte a character stood for in a continuation position (0x80–0xBF), or -1. */
function continuationByte(ch) {
  const high = CP1252_HIGH.indexOf(ch);
  if (high >= 0) return 0x80 + high;
  const code = ch.charCodeAt(0);
  if (code >= 0xa0 && code <= 0xbf) return code;
  return UNDEFINED_AS_MAC_ROMAN[ch] ?? -1;
}

const ENTITIES = { amp: "&", lt: "<", gt: ">" };

const sequenceLength = (lead) => (lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2);
const decoder = new globalThis.TextDecoder("utf-8", { fatal: true });

/**
 * The mis-decoded sequence starting at `i`: `{ length, text }` with its repair ("" when a lost byte makes it
 * unrecoverable), or null when no mis-decoded sequence starts there.
 */
function sequenceAt(text, i) {
  const lostLead = text[i] === "_" && text[i + 1] === "Ÿ";
  const lead = lostLead ? 0xf0 : leadByte(text[i]);
  if (lead < 0) return null;
  const length = sequenceLength(lead);
  const bytes = [lead];
  let lost = false;
  for (let k = 1; k < length; k++) {
    const ch = text[i + k];
    if (ch === undefined) return null;
    if (ch === "_") lost = true;
    const byte = ch === "_" ? 0x80 : continuationByte(ch);
    if (byte < 0) return null;
    bytes.push(byte);
  }
  try {
    const decoded = decoder.decode(new Uint8Array(bytes));
    return { length, text: lost ? "" : decoded };
  } catch {
    return null;
  }
}

/** Whether nothing but white space follows position i. */
function blankFrom(text, i) {
  for (let k = i; k < text.length; k++) if (!/\s/.test(text[k])) return false;
  return true;
}

/**
 * The text as its author wrote it (HTML escapes undone), where the collection's mis-decoding can be undone; unrecoverable sequences
 * dropped (a final one, the truncation mark, shown as `…`).
 * @param {string} text
 * @returns {string}
 */
export function repairText(text) {
  // Twitter's API escaped &, < and > in tweet texts; the set kept the escapes.
  text = text.replace(/&(amp|lt|gt);/g, (_, name) => ENTITIES[name]);
  let out = "";
  for (let i = 0; i < text.length;) {
    const sequence = sequenceAt(text, i);
    if (sequence === null) {
      out += text[i++];
      continue;
    }
    i += sequence.length;
    out += sequence.text === "" && blankFrom(text, i) ? "…" : sequence.text;
  }
  return out;
}
