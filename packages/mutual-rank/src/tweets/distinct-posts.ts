/**
 * Distinct posts: the copies of one text (retweets, and near-duplicates that differ only in case, punctuation, links,
 * a leading `RT @user:` or a truncated ending) collapse into one post.
 */
export interface DistinctPosts {
  /** How many distinct posts. */
  count: number;
  /** The post of every row. */
  postOfRow: Int32Array;
  /** Per post, the row that shows it: an untruncated copy if any, the author's own before a retweet, then the longest (first on ties). */
  shownRow: Int32Array;
  /** Per post, how many rows are its copies. */
  copies: Int32Array;
}

/** A truncation mark at the end of a text: `…`, or its mis-decoded forms (`â€¦`, `â€_`). */
const TRUNCATED = /(…|â€¦|â€_|\.\.\.)\s*$/;
const RETWEET_PREFIX = /^(rt @\w+:?\s*)+/;
const LINK = /https?:\S*/g;
/** A truncated copy is matched to a full text only when this much of it is left (shorter prefixes are ambiguous). */
const MIN_PREFIX = 24;

/** The text that copies share: lower case, no retweet prefix, links or punctuation; and whether it was cut short. */
export function canonicalText(text: string): { key: string; truncated: boolean } {
  let t = text.toLowerCase().replace(RETWEET_PREFIX, "");
  const truncated = TRUNCATED.test(t);
  t = t.replace(TRUNCATED, "").replace(LINK, " ");
  t = t.replace(/[^\p{L}\p{N}#@_]+/gu, " ").trim();
  // The last word of a truncated text may be cut in the middle.
  if (truncated) t = t.replace(/\s*\S*$/, "");
  return { key: t, truncated };
}

/** A truncated copy's prefix is compared with at most this many full texts that begin with it. */
const MAX_CANDIDATES = 64;

/** The full text that a truncated key most likely copies: of the full texts it begins, the one with most copies. */
function fullTextOf(key: string, full: readonly string[], copies: ReadonlyMap<string, number>): string {
  let lo = 0;
  let hi = full.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (full[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  let best = key;
  let bestCopies = 0;
  for (let at = lo; at < Math.min(full.length, lo + MAX_CANDIDATES) && full[at].startsWith(key); at++) {
    const n = copies.get(full[at]) as number;
    if (n > bestCopies) [best, bestCopies] = [full[at], n];
  }
  return best;
}

/**
 * Group rows into distinct posts by their canonical text; a truncated text joins the full text it begins (the one
 * with the most copies when several do), found by binary search over the sorted full texts.
 */
export function distinctPosts(texts: readonly string[]): DistinctPosts {
  const canon = texts.map(canonicalText);
  const fullCopies = new Map<string, number>();
  for (const c of canon) if (!c.truncated) fullCopies.set(c.key, (fullCopies.get(c.key) ?? 0) + 1);
  const full = [...fullCopies.keys()].sort();
  const postOfKey = new Map<string, number>();
  const postOfRow = new Int32Array(texts.length);
  canon.forEach(({ key, truncated }, r) => {
    // A text with no words left (only links or marks) is a post of its own.
    let group = key === "" ? `\u0000${r}` : key;
    if (truncated && key.length >= MIN_PREFIX) group = fullTextOf(key, full, fullCopies);
    let post = postOfKey.get(group);
    if (post === undefined) postOfKey.set(group, (post = postOfKey.size));
    postOfRow[r] = post;
  });
  const count = postOfKey.size;
  const shownRow = new Int32Array(count).fill(-1);
  const copies = new Int32Array(count);
  const retweet = (r: number) => /^rt @/i.test(texts[r]);
  const better = (r: number, than: number) => {
    if (canon[r].truncated !== canon[than].truncated) return !canon[r].truncated;
    if (retweet(r) !== retweet(than)) return !retweet(r);
    return texts[r].length > texts[than].length;
  };
  for (let r = 0; r < texts.length; r++) {
    const p = postOfRow[r];
    copies[p]++;
    if (shownRow[p] < 0 || better(r, shownRow[p])) shownRow[p] = r;
  }
  return { count, postOfRow, shownRow, copies };
}
