// Synthetic tweet collections at the thesis's sizes (Ebola 1,425,017 rows, Shutdown 5,132,510), for the scale rows
// of the mutual-rank bench: no multi-million real collection is available offline. Calibrated on the GOP debate
// (13,871 rows; its figures are in CALIBRATION below) and checked against the app's two other real sets (NICAR 2019,
// demonetization 2016): `node bench/src/mutual-rank-collection.mjs stats` prints the four side by side. It models:
// * users' activity: each row's author is new with probability 1 / 1.41, else the author of an earlier row drawn
//   uniformly (preferential attachment by activity: GOP has 1.41 rows per user, 82 % with one, the busiest 55);
// * retweet cascades: 50 % of rows are `RT @author: text` of an earlier original, picked in proportion to its copies
//   so far plus one (Yule–Simon preferential attachment: most originals are never retweeted, a few hundreds of times);
//   a retweet longer than 140 characters is cut with `…` as Twitter's API did (GOP: 20 % of rows end cut);
// * hashtag co-use: the count per row from GOP's histogram; each tag is the collection's own (#gopdebate-like, 65 %
//   of rows carry one), one of the row's topic's tags (Zipf within a topic), or a new rare tag (68 % of GOP's tags
//   occur once);
// * text: words from a Zipf vocabulary (real English stopwords at its head, so the term filter has work) mixed with
//   the row's topic's own words; 6 % of originals reuse an earlier original's words with a changed ending (text reuse
//   that is not a retweet); mentions of users by activity (GOP: 1.02 per row, the retweeted one included).
// Rows stream out one at a time (a generator) and are written as NDJSON in 1 MiB chunks: no whole-file string.
import { closeSync, openSync, writeSync } from "node:fs";
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { createRandom } from "@clearbox/core";

/** The GOP debate's figures the generator is calibrated on (data/tweets/gop-debate-2015.csv, measured). */
export const CALIBRATION = {
  rowsPerUser: 1.41,
  retweetShare: 0.5,
  tagsPerRow: [511, 7743, 4235, 819, 312, 132, 56, 32, 19, 11, 1],
  collectionTagShare: 0.65,
  mentionsPerRow: 1.02,
  meanLength: 116,
};

const STOPWORDS = "the and for that this with you are was not but have has had all its our out his her they them";
const SYLLABLES =
  "ba be bi bo bu da de di do du ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo za ze zi zo".split(
    " ",
  );

/** A pronounceable word per id (two to four syllables), so every id is a distinct term of ≥ 4 letters. */
function word(id) {
  let s = "";
  let x = id + 1;
  do {
    s += SYLLABLES[x % SYLLABLES.length];
    x = Math.floor(x / SYLLABLES.length);
  } while (x > 0);
  return s.length < 4 ? s + "ra" : s;
}

/** Zipf sampler over 0 … n − 1 (exponent s) by binary search in the cumulative weights. */
function zipf(n, s, random) {
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) cumulative[i] = total += 1 / (i + 1) ** s;
  return () => {
    const u = random.next() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/** An index drawn from a histogram of counts. */
function fromHistogram(counts, random) {
  const total = counts.reduce((a, b) => a + b, 0);
  return () => {
    let u = random.next() * total;
    for (let k = 0; k < counts.length; k++) if ((u -= counts[k]) < 0) return k;
    return counts.length - 1;
  };
}

/**
 * Tweet rows `{ name, text }` of a synthetic collection, one at a time.
 * @param {{ rows: number, seed?: number }} options
 */
export function* syntheticTweets({ rows, seed = 1 }) {
  const random = createRandom(seed);
  const topics = Math.max(20, Math.round(rows / 700));
  const vocabulary = Math.max(5000, Math.round(40 * rows ** 0.6));
  const authors = new Int32Array(rows);
  let users = 0;
  const author = (r) => (r === 0 || random.next() < 1 / CALIBRATION.rowsPerUser ? users++ : authors[random.int(r)]);
  const globalWord = zipf(vocabulary, 1.05, random);
  const topicWord = zipf(200, 1, random);
  const topicTag = zipf(40, 1.1, random);
  const topicOf = zipf(topics, 0.8, random);
  const tagCount = fromHistogram(CALIBRATION.tagsPerRow, random);
  const stop = STOPWORDS.split(" ");
  // Retweet targets: every original once, and once more per retweet it gets (preferential attachment).
  const pool = new Int32Array(rows);
  let poolSize = 0;
  const originals = [];
  let rareTags = 0;
  for (let r = 0; r < rows; r++) {
    authors[r] = author(r);
    const name = `u${authors[r]}`;
    if (originals.length > 0 && random.next() < CALIBRATION.retweetShare) {
      const o = pool[random.int(poolSize)];
      pool[poolSize++] = o;
      const { by, text } = originals[o];
      const rt = `RT @${by}: ${text}`;
      yield { name, text: rt.length > 140 ? rt.slice(0, 139) + "…" : rt };
      continue;
    }
    const topic = topicOf();
    const words = [];
    const reuse = originals.length > 0 && random.next() < 0.06 ? originals[random.int(originals.length)] : null;
    // Lengths skewed towards Twitter's 140 (so a retweet's `RT @user: ` often cuts it, as in GOP).
    const length = 140 - 100 * random.next() ** 2;
    for (let chars = 0; chars < length - 12; chars += words[words.length - 1].length + 1) {
      const u = random.next();
      words.push(
        u < 0.25
          ? stop[random.int(stop.length)]
          : u < 0.6
            ? word(globalWord())
            : word(vocabulary + topic * 200 + topicWord()),
      );
    }
    let text = reuse
      ? `${reuse.text.split(" #")[0].split(" ").slice(0, -2).join(" ")} ${words.slice(0, 3).join(" ")}`
      : words.join(" ");
    const tags = tagCount();
    if (tags > 0 && random.next() < CALIBRATION.collectionTagShare) text += " #gopdebate";
    for (let t = text.endsWith("#gopdebate") ? 1 : 0; t < tags; t++) {
      text += random.next() < 0.75 ? ` #${word(topic * 40 + topicTag())}` : ` #rare${rareTags++}`;
    }
    if (random.next() < 0.45) text = `@u${authors[random.int(r + 1)]} ${text}`;
    originals.push({ by: name, text });
    pool[poolSize++] = originals.length - 1;
    yield { name, text };
  }
}

/** Write a synthetic collection as NDJSON, streamed in 1 MiB chunks. */
export function writeSyntheticNdjson(path, options) {
  const fd = openSync(path, "w");
  let chunk = "";
  for (const row of syntheticTweets(options)) {
    chunk += JSON.stringify(row) + "\n";
    if (chunk.length > 1 << 20) {
      writeSync(fd, chunk);
      chunk = "";
    }
  }
  writeSync(fd, chunk);
  closeSync(fd);
}

/** NDJSON rows read line by line (node:readline over a file stream; JSON.parse per line). */
export async function* readNdjson(path) {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  for await (const line of lines) if (line !== "") yield JSON.parse(line);
}

/** The figures of CALIBRATION measured on any rows `{ name, text }`. */
export function collectionStats(rows) {
  const byUser = new Map();
  let n = 0;
  let retweets = 0;
  let tags = 0;
  let mentions = 0;
  let length = 0;
  let cut = 0;
  const cascades = new Map();
  const tagRows = new Map();
  for (const { name, text } of rows) {
    n++;
    const t = text.toLowerCase();
    byUser.set(name, (byUser.get(name) ?? 0) + 1);
    const h = new Set([...t.matchAll(/#(\w+)/g)].map((m) => m[1]));
    tags += h.size;
    for (const x of h) tagRows.set(x, (tagRows.get(x) ?? 0) + 1);
    mentions += new Set([...t.matchAll(/@(\w+)/g)].map((m) => m[1])).size;
    const rt = /^rt @\w+:?\s*(.*)$/.exec(t);
    if (rt) {
      retweets++;
      cascades.set(rt[1], (cascades.get(rt[1]) ?? 0) + 1);
    }
    length += text.length;
    if (/(…|â€¦|â€_|\.\.\.)\s*$/.test(text)) cut++;
  }
  const sizes = [...cascades.values()].sort((a, b) => a - b);
  const tagCounts = [...tagRows.values()];
  return {
    rows: n,
    rowsPerUser: +(n / byUser.size).toFixed(2),
    usersWithOneRow: +([...byUser.values()].filter((c) => c === 1).length / byUser.size).toFixed(2),
    retweetShare: +(retweets / n).toFixed(3),
    largestCascade: sizes.at(-1) ?? 0,
    cascadeP99: sizes[Math.floor(0.99 * (sizes.length - 1))] ?? 0,
    tagsPerRow: +(tags / n).toFixed(2),
    tagsOnce: +(tagCounts.filter((c) => c === 1).length / tagCounts.length).toFixed(2),
    mentionsPerRow: +(mentions / n).toFixed(2),
    meanLength: Math.round(length / n),
    cutShare: +(cut / n).toFixed(2),
  };
}

if (process.argv[2] === "stats") {
  const { readFileSync } = await import("node:fs");
  const { csvParse } = await import("d3-dsv");
  const load = (file, text, author) =>
    csvParse(readFileSync(new URL(`../../examples/mutual-ranker/data/${file}.csv`, import.meta.url), "utf8")).map(
      (row) => ({ name: row[author], text: row[text] }),
    );
  console.table({
    "GOP debate (calibration)": collectionStats(load("gop-debate-2015", "text", "name")),
    "NICAR 2019": collectionStats(load("nicar19", "tweet_text", "user_screen_name")),
    "demonetization 2016": collectionStats(load("demonetization-2016", "text", "screenName")),
    "synthetic, GOP's size": collectionStats(syntheticTweets({ rows: 13_871 })),
  });
}
