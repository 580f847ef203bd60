/** Post–post similarity edges as parallel typed arrays: post `from[e]` → its similar post `to[e]`, cosine `weight[e]`. */
export interface SimilarityEdges {
  from: Int32Array;
  to: Int32Array;
  weight: Float64Array;
}

const STOPWORDS = new Set(
  "the and for that this with you are was not but have has had all its our out his her they them their what when who will would there been from about just more than into your can one how why also over only very much some any".split(
    " ",
  ),
);

/** Terms in more posts than this are left out of the similarity (they say little; their postings cost their square). */
const COMMON_TERM = 500;

/** The words of a text that the similarity reads: no links, no retweet prefix, at least 3 characters, no stopwords. */
export function textTerms(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/https?:\/\/\S+/g, " ")
    .replace(/^rt @\w+:?/, " ")
    .split(/[^a-z0-9#@']+/)
    .filter((t) => t.length >= 3 && !STOPWORDS.has(t));
}

/** Unit TF-IDF vectors (term ids and weights) over the terms in 2 … common documents. */
function tfidfVectors(terms: readonly string[][]): { ids: Int32Array[]; weights: Float64Array[]; termCount: number } {
  const n = terms.length;
  const df = new Map<string, number>();
  for (const doc of terms) for (const t of new Set(doc)) df.set(t, (df.get(t) ?? 0) + 1);
  const termId = new Map<string, number>();
  const common = Math.max(2, Math.min(n / 5, COMMON_TERM));
  for (const [t, count] of df) if (count >= 2 && count <= common) termId.set(t, termId.size);
  const idf = new Float64Array(termId.size);
  for (const [t, id] of termId) idf[id] = Math.log(n / (df.get(t) as number));
  const ids: Int32Array[] = [];
  const weights: Float64Array[] = [];
  for (const doc of terms) {
    const tf = new Map<number, number>();
    for (const t of doc) {
      const id = termId.get(t);
      if (id !== undefined) tf.set(id, (tf.get(id) ?? 0) + 1);
    }
    const docIds = Int32Array.from(tf.keys());
    const docWeights = Float64Array.from(docIds, (id) => (tf.get(id) as number) * idf[id]);
    let squares = 0;
    for (const w of docWeights) squares += w * w;
    const norm = Math.sqrt(squares);
    if (norm > 0) for (let t = 0; t < docWeights.length; t++) docWeights[t] /= norm;
    ids.push(docIds);
    weights.push(docWeights);
  }
  return { ids, weights, termCount: termId.size };
}

/**
 * For each document, its `topK` most similar other documents by TF-IDF cosine, found through an inverted index over
 * the terms that are neither unique nor common.
 */
export function similarPosts(terms: readonly string[][], topK: number): SimilarityEdges {
  const n = terms.length;
  const { ids, weights, termCount } = tfidfVectors(terms);
  // Postings as CSR: term → (document, weight).
  const postingOffsets = new Int32Array(termCount + 1);
  for (const doc of ids) for (const id of doc) postingOffsets[id + 1]++;
  for (let t = 0; t < termCount; t++) postingOffsets[t + 1] += postingOffsets[t];
  const postingDoc = new Int32Array(postingOffsets[termCount]);
  const postingWeight = new Float64Array(postingOffsets[termCount]);
  const cursor = postingOffsets.slice(0, termCount);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < ids[i].length; t++) {
      const p = cursor[ids[i][t]]++;
      postingDoc[p] = i;
      postingWeight[p] = weights[i][t];
    }
  }
  const from: number[] = [];
  const to: number[] = [];
  const weight: number[] = [];
  const dot = new Float64Array(n);
  const touched: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < ids[i].length; t++) {
      const id = ids[i][t];
      for (let p = postingOffsets[id]; p < postingOffsets[id + 1]; p++) {
        const j = postingDoc[p];
        if (j === i) continue;
        if (dot[j] === 0) touched.push(j);
        dot[j] += weights[i][t] * postingWeight[p];
      }
    }
    for (const j of largest(touched, dot, topK)) {
      if (dot[j] <= 0) continue;
      from.push(i);
      to.push(j);
      weight.push(Math.min(1, dot[j]));
    }
    for (const j of touched) dot[j] = 0;
    touched.length = 0;
  }
  return { from: Int32Array.from(from), to: Int32Array.from(to), weight: Float64Array.from(weight) };
}

/** The `k` entries of `ids` with the largest `score` (ties by id), without sorting them all. */
function largest(ids: number[], score: Float64Array, k: number): number[] {
  const best: number[] = [];
  const before = (a: number, b: number) => score[a] > score[b] || (score[a] === score[b] && a < b);
  for (const id of ids) {
    if (best.length === k && !before(id, best[k - 1])) continue;
    let at = best.length === k ? k - 1 : best.length;
    if (best.length < k) best.push(id);
    while (at > 0 && before(id, best[at - 1])) {
      best[at] = best[at - 1];
      at--;
    }
    best[at] = id;
  }
  return best;
}
