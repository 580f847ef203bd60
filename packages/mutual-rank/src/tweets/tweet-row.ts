import { ClearboxError, describeValue } from "@clearbox/core/internal";

/** What one tweet row says, read once: its author, hashtags, mentioned users and retweeted user. */
export interface ParsedTweet {
  text: string;
  author: string;
  /** Distinct hashtags, case-folded, at most the cap. */
  hashtags: string[];
  /** Distinct users mentioned (and replied to), case-folded, at most the cap. */
  mentions: string[];
  /** The user of a leading `RT @user`, or "". */
  retweeted: string;
  /** Whether the hashtags or mentions were cut at the cap. */
  capped: boolean;
}

const HASHTAG = /#(\w+)/g;
const MENTION = /@(\w+)/g;
const RETWEET = /^rt @(\w+)/;

/**
 * A column of a row, read as the row's own property only (`{ text: "constructor" }` names no column of a plain
 * object: an inherited `Object.prototype` member must not pass for data).
 */
export function readColumn(row: unknown, r: number, name: string, required: boolean): string {
  if (typeof row !== "object" || row === null) {
    throw new ClearboxError("E_TYPE", `rows[${r}] must be an object, got ${describeValue(row)}.`, {
      argument: `rows[${r}]`,
    });
  }
  const value = Object.prototype.hasOwnProperty.call(row, name) ? (row as Record<string, unknown>)[name] : undefined;
  if (value === undefined || value === null) {
    if (!required) return "";
    throw new ClearboxError("E_SHAPE", `rows[${r}] has no own "${name}" column.`, { argument: `rows[${r}].${name}` });
  }
  return String(value);
}

/** A truncation mark closing a text: `…` or its mis-decoded forms (`â€¦`, `â€_`), or `...`. */
const TRUNCATION_MARK = /(…|â€¦|â€_|\.\.\.)\s*$/;

/**
 * Up to `cap` distinct first captures of `pattern` in `text`; `capped` when more were there. A match that runs into
 * the truncation mark at the end of a cut text (`#KellyFil…`) is left out: its word was cut, and `#g` made a node
 * would be a tag nobody wrote.
 */
function distinctMatches(text: string, pattern: RegExp, cap: number): { found: string[]; capped: boolean } {
  const seen = new Set<string>();
  const cut = text.search(TRUNCATION_MARK);
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    if (seen.has(m[1]) || m.index + m[0].length === cut) continue;
    if (seen.size === cap) return { found: [...seen], capped: true };
    seen.add(m[1]);
  }
  return { found: [...seen], capped: false };
}

/** Case-folded user name without a leading `@`. */
export function userName(name: string): string {
  return name.toLowerCase().replace(/^@/, "");
}

/** Read one row: its text, author, hashtags and mentions (each capped at `cap`), reply target and retweeted user. */
export function parseTweet(
  row: unknown,
  r: number,
  columns: { text: string; author: string; replyTo?: string },
  cap: number,
): ParsedTweet {
  const text = readColumn(row, r, columns.text, true);
  const author = userName(readColumn(row, r, columns.author, true));
  const lower = text.toLowerCase();
  const tags = distinctMatches(lower, HASHTAG, cap);
  const mentioned = distinctMatches(lower, MENTION, cap);
  const retweeted = RETWEET.exec(lower)?.[1] ?? "";
  const mentions = mentioned.found;
  if (columns.replyTo !== undefined) {
    const reply = userName(readColumn(row, r, columns.replyTo, false));
    if (reply !== "" && reply !== "na" && !mentions.includes(reply) && mentions.length < cap) mentions.push(reply);
  }
  return { text, author, hashtags: tags.found, mentions, retweeted, capped: tags.capped || mentioned.capped };
}
