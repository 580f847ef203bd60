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

/** Documents as unit TF-IDF vectors: ascending term ids and weights (terms in one document only add to the norm). */
interface Vectors {
  ids: Int32Array[];
  weights: Float64Array[];
  termCount: number;
  /** Per term: whether it is in the inverted index (in at most the common-term bound of documents). */
  indexed: Uint8Array;
}

function tfidfVectors(terms: readonly string[][], commonTerm: number): Vectors {
  const n = terms.length;
  const df = new Map<string, number>();
  for (const doc of terms) for (const t of new Set(doc)) df.set(t, (df.get(t) ?? 0) + 1);
  const termId = new Map<string, number>();
  for (const [t, count] of df) if (count >= 2) termId.set(t, termId.size);
  const common = commonTerm === Infinity ? Infinity : Math.max(2, Math.min(n / 5, commonTerm));
  const idf = new Float64Array(termId.size);
  const indexed = new Uint8Array(termId.size);
  for (const [t, id] of termId) {
    const count = df.get(t) as number;
    idf[id] = Math.log(n / count);
    indexed[id] = count <= common ? 1 : 0;
  }
  const ids: Int32Array[] = [];
  const weights: Float64Array[] = [];
  const unique = Math.log(n);
  for (const doc of terms) {
    const tf = new Map<string, number>();
    for (const t of doc) tf.set(t, (tf.get(t) ?? 0) + 1);
    const docIds = Int32Array.from(
      [...tf.keys()].flatMap((t) => (termId.has(t) ? [termId.get(t) as number] : [])),
    ).sort();
    const docWeights = Float64Array.from(docIds, () => 0);
    let squares = 0;
    for (const [t, f] of tf) if (!termId.has(t)) squares += (f * unique) ** 2;
    const byId = new Map([...tf].flatMap(([t, f]) => (termId.has(t) ? [[termId.get(t) as number, f]] : [])));
    docIds.forEach((id, q) => {
      docWeights[q] = (byId.get(id) as number) * idf[id];
      squares += docWeights[q] ** 2;
    });
    const norm = Math.sqrt(squares);
    if (norm > 0) for (let q = 0; q < docWeights.length; q++) docWeights[q] /= norm;
    ids.push(docIds);
    weights.push(docWeights);
  }
  return { ids, weights, termCount: termId.size, indexed };
}

/** The cosine of documents a and b (a merge of their ascending term ids). */
function cosine(v: Vectors, a: number, b: number): number {
  const [ia, ib, wa, wb] = [v.ids[a], v.ids[b], v.weights[a], v.weights[b]];
  let dot = 0;
  for (let p = 0, q = 0; p < ia.length && q < ib.length;) {
    if (ia[p] === ib[q]) dot += wa[p++] * wb[q++];
    else if (ia[p] < ib[q]) p++;
    else q++;
  }
  return dot;
}

/** Postings of the indexed terms as CSR: term → (document, weight). */
function postings(v: Vectors): { offsets: Int32Array; doc: Int32Array; weight: Float64Array } {
  const { ids, weights, termCount, indexed } = v;
  const offsets = new Int32Array(termCount + 1);
  for (const doc of ids) for (const id of doc) if (indexed[id] === 1) offsets[id + 1]++;
  for (let t = 0; t < termCount; t++) offsets[t + 1] += offsets[t];
  const doc = new Int32Array(offsets[termCount]);
  const weight = new Float64Array(offsets[termCount]);
  const cursor = offsets.slice(0, termCount);
  for (let i = 0; i < ids.length; i++) {
    for (let q = 0; q < ids[i].length; q++) {
      if (indexed[ids[i][q]] === 0) continue;
      const p = cursor[ids[i][q]]++;
      doc[p] = i;
      weight[p] = weights[i][q];
    }
  }
  return { offsets, doc, weight };
}

/**
 * For each document, its `topK` most similar other documents by TF-IDF cosine. Candidates come from an inverted
 * index over the terms in 2 … `commonTerm` documents (or a fifth of them), ranked by their dot product over those
 * terms; the best `4 · topK` are scored again with the full vectors (common terms included), and the best `topK` kept.
 * A pair that shares only common terms is never a candidate: that is the approximation. `Infinity` indexes every term
 * (exact, at the cost of the square of each term's documents).
 */
export function similarPosts(terms: readonly string[][], topK: number, commonTerm = COMMON_TERM): SimilarityEdges {
  const n = terms.length;
  const vectors = tfidfVectors(terms, commonTerm);
  const index = postings(vectors);
  const from: number[] = [];
  const to: number[] = [];
  const weight: number[] = [];
  const dot = new Float64Array(n);
  const full = new Float64Array(n);
  const touched: number[] = [];
  for (let i = 0; i < n; i++) {
    const { ids, weights } = vectors;
    for (let q = 0; q < ids[i].length; q++) {
      const id = ids[i][q];
      if (vectors.indexed[id] === 0) continue;
      for (let p = index.offsets[id]; p < index.offsets[id + 1]; p++) {
        const j = index.doc[p];
        if (j === i) continue;
        if (dot[j] === 0) touched.push(j);
        dot[j] += weights[i][q] * index.weight[p];
      }
    }
    const candidates = largest(touched, dot, Math.max(4 * topK, 20));
    for (const j of candidates) full[j] = cosine(vectors, i, j);
    for (const j of largest(candidates, full, topK)) {
      if (full[j] <= 0) continue;
      from.push(i);
      to.push(j);
      weight.push(Math.min(1, full[j]));
    }
    for (const j of touched) dot[j] = 0;
    for (const j of candidates) full[j] = 0;
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
