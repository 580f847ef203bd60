// The similar-post search's recall at a collection's scale, on a sample: the exact top 5 of a few hundred posts by
// TF-IDF cosine against every other post, found through an inverted index over every term (common ones included),
// compared with the post–post edges fromTweetStream chose through its pruned, budgeted index. Written here from the
// definition in the package's docs (tokens, TF-IDF, cosine) as an independent check, not by calling its code: at
// 700,000 posts the package's exact mode (maxTermPosts: Infinity) would cost the square of every common term's posts.
import { createRandom } from "@clearbox/core";
import { readNdjson } from "./mutual-rank-collection.mjs";

const STOPWORDS = new Set(
  "the and for that this with you are was not but have has had all its our out his her they them their what when who will would there been from about just more than into your can one how why also over only very much some any".split(
    " ",
  ),
);

/** A text's terms as the package reads them: no links, no retweet prefix, ≥ 3 characters, no stopwords. */
function terms(text) {
  return text
    .toLowerCase()
    .replace(/https?:\/\/\S+/g, " ")
    .replace(/^rt @\w+:?/, " ")
    .split(/[^a-z0-9#@']+/)
    .filter((t) => t.length >= 3 && !STOPWORDS.has(t));
}

/** Every post's term counts (Map term → count), from the texts of the rows that show the posts. */
async function postTerms(file, shownRow) {
  const postOfShown = new Map();
  shownRow.forEach((r, p) => postOfShown.set(r, p));
  const docs = new Array(shownRow.length);
  let r = 0;
  for await (const row of readNdjson(file)) {
    const p = postOfShown.get(r++);
    if (p === undefined) continue;
    const counts = new Map();
    for (const t of terms(row.text)) counts.set(t, (counts.get(t) ?? 0) + 1);
    docs[p] = counts;
  }
  return docs;
}

/** Unit TF-IDF vectors (count · ln(n / df); terms in one post only count in the norm) and a full inverted index. */
function vectorsAndIndex(docs) {
  const n = docs.length;
  const df = new Map();
  for (const d of docs) for (const t of d.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  // Each post's counts replaced by its vector in place: at 700,000 posts two sets of Maps would not fit beside the graph.
  docs.forEach((d, p) => {
    const v = new Map();
    let squares = 0;
    for (const [t, c] of d) {
      const w = c * Math.log(df.get(t) < 2 ? n : n / df.get(t));
      squares += w * w;
      if (df.get(t) >= 2) v.set(t, w);
    }
    const norm = Math.sqrt(squares);
    for (const [t, w] of v) v.set(t, w / norm);
    docs[p] = v;
  });
  const vectors = docs;
  const index = new Map();
  vectors.forEach((v, p) => {
    for (const [t, w] of v) {
      if (!index.has(t)) index.set(t, []);
      index.get(t).push(p, w);
    }
  });
  return { vectors, index };
}

/** Whether post j with cosine c ranks before the pair [k, ck] (larger cosine first, then smaller id). */
const before = (j, c, [k, ck]) => c > ck || (c === ck && j < k);

/** Post i's exact top 5 by cosine (ties by post id): [post, cosine] pairs. `dot` is zeroed scratch, left zeroed. */
function exactTop5(i, vectors, index, dot) {
  const touched = [];
  for (const [t, w] of vectors[i]) {
    const list = index.get(t);
    for (let k = 0; k < list.length; k += 2) {
      const j = list[k];
      if (j === i) continue;
      if (dot[j] === 0) touched.push(j);
      dot[j] += w * list[k + 1];
    }
  }
  // The five largest by insertion (a common term touches most posts: no array of pairs per sample).
  const best = [];
  for (const j of touched) {
    const c = dot[j];
    if (!(c > 0) || (best.length === 5 && !before(j, c, best[4]))) continue;
    if (best.length === 5) best.pop();
    let at = best.length;
    while (at > 0 && before(j, c, best[at - 1])) at--;
    best.splice(at, 0, [j, c]);
  }
  for (const j of touched) dot[j] = 0;
  return best;
}

/**
 * Recall of the exact top 5 over `sample` posts drawn at random (seeded), plain and tie-aware (a found post counts when
 * its cosine reaches the exact 5th best's).
 * @param {string} file - the NDJSON collection the graph was read from
 * @param {{ posts: number, shownRow: Int32Array, edges: { from: Int32Array, to: Int32Array, weight: Float64Array } }} graph
 */
export async function sampledRecall(file, graph, { sample = 300, seed = 7 } = {}) {
  const docs = await postTerms(file, graph.shownRow);
  const { vectors, index } = vectorsAndIndex(docs);
  const random = createRandom(seed);
  const picked = new Set();
  while (picked.size < Math.min(sample, graph.posts)) picked.add(random.int(graph.posts));
  const found = new Map([...picked].map((i) => [i, new Map()]));
  const { from, to, weight } = graph.edges;
  for (let e = 0; e < from.length; e++) {
    if (to[e] < graph.posts && found.has(from[e])) found.get(from[e]).set(to[e], weight[e]);
  }
  let [hits, tieAware, total] = [0, 0, 0];
  const dot = new Float64Array(graph.posts);
  for (const i of picked) {
    const best = exactTop5(i, vectors, index, dot);
    if (best.length === 0) continue;
    const kth = best[best.length - 1][1];
    const mine = found.get(i);
    for (const [j] of best) if (mine.has(j)) hits++;
    tieAware += Math.min(best.length, [...mine.values()].filter((w) => w >= Math.min(1, kth) - 1e-9).length);
    total += best.length;
  }
  return { sample: picked.size, recall: +(hits / total).toFixed(3), tieAware: +(tieAware / total).toFixed(3) };
}
