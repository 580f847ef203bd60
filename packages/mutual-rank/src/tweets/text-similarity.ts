import { IntList } from "./int-list.js";

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

/** Documents as term ids in CSR (each document's distinct terms ascending, with their counts) and term frequencies. */
interface TermDocs {
  offsets: Int32Array;
  terms: Int32Array;
  counts: Int32Array;
  /** Per term, the documents that hold it. */
  df: Int32Array;
}

/** Intern every document's terms (one document at a time: no array of all terms is needed). */
function internDocs(docs: Iterable<readonly string[]>): TermDocs {
  const ids = new Map<string, number>();
  const offsets = new IntList();
  const terms = new IntList();
  const counts = new IntList();
  const df = new IntList();
  offsets.push(0);
  let scratch = new Int32Array(64);
  for (const doc of docs) {
    if (doc.length > scratch.length) scratch = new Int32Array(2 * doc.length);
    let length = 0;
    for (const t of doc) {
      let id = ids.get(t);
      if (id === undefined) {
        ids.set(t, (id = ids.size));
        df.push(0);
      }
      scratch[length++] = id;
    }
    // A typed array's sort is numeric and native (no comparator call per comparison).
    const sorted = scratch.subarray(0, length).sort();
    for (let q = 0; q < length;) {
      let r = q + 1;
      while (r < length && sorted[r] === sorted[q]) r++;
      terms.push(sorted[q]);
      counts.push(r - q);
      df.data[sorted[q]]++;
      q = r;
    }
    offsets.push(terms.length);
  }
  return { offsets: offsets.view(), terms: terms.view(), counts: counts.view(), df: df.view() };
}

/**
 * Documents as unit TF-IDF vectors in CSR over the terms in 2 or more documents (terms in one document only add to
 * the norm), and which terms the inverted index holds (in at most `common` documents).
 */
interface Vectors {
  offsets: Int32Array;
  ids: Int32Array;
  weights: Float64Array;
  df: Int32Array;
  indexed: Uint8Array;
}

function tfidfVectors(docs: TermDocs, commonTerm: number): Vectors {
  const n = docs.offsets.length - 1;
  const { df } = docs;
  const common = commonTerm === Infinity ? Infinity : Math.max(2, Math.min(n / 5, commonTerm));
  const indexed = new Uint8Array(df.length);
  for (let t = 0; t < df.length; t++) indexed[t] = df[t] >= 2 && df[t] <= common ? 1 : 0;
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    let kept = 0;
    for (let q = docs.offsets[i]; q < docs.offsets[i + 1]; q++) if (df[docs.terms[q]] >= 2) kept++;
    offsets[i + 1] = offsets[i] + kept;
  }
  const ids = new Int32Array(offsets[n]);
  const weights = new Float64Array(offsets[n]);
  const unique = Math.log(n);
  for (let i = 0, p = 0; i < n; i++) {
    let squares = 0;
    const first = p;
    for (let q = docs.offsets[i]; q < docs.offsets[i + 1]; q++) {
      const t = docs.terms[q];
      if (df[t] < 2) {
        squares += (docs.counts[q] * unique) ** 2;
        continue;
      }
      ids[p] = t;
      weights[p] = docs.counts[q] * Math.log(n / df[t]);
      squares += weights[p] ** 2;
      p++;
    }
    const norm = Math.sqrt(squares);
    if (norm > 0) for (let q = first; q < p; q++) weights[q] /= norm;
  }
  return { offsets, ids, weights, df, indexed };
}

/** The cosine of documents a and b (a merge of their ascending term ids). */
function cosine(v: Vectors, a: number, b: number): number {
  const { offsets, ids, weights } = v;
  let dot = 0;
  for (let p = offsets[a], q = offsets[b]; p < offsets[a + 1] && q < offsets[b + 1];) {
    if (ids[p] === ids[q]) dot += weights[p++] * weights[q++];
    else if (ids[p] < ids[q]) p++;
    else q++;
  }
  return dot;
}

/** Postings of the indexed terms as CSR: term → (document, weight). */
function postings(v: Vectors): { offsets: Int32Array; doc: Int32Array; weight: Float64Array } {
  const { ids, weights, indexed } = v;
  const termCount = indexed.length;
  const n = v.offsets.length - 1;
  const offsets = new Int32Array(termCount + 1);
  for (let p = 0; p < ids.length; p++) if (indexed[ids[p]] === 1) offsets[ids[p] + 1]++;
  for (let t = 0; t < termCount; t++) offsets[t + 1] += offsets[t];
  const doc = new Int32Array(offsets[termCount]);
  const weight = new Float64Array(offsets[termCount]);
  const cursor = offsets.slice(0, termCount);
  for (let i = 0; i < n; i++) {
    for (let q = v.offsets[i]; q < v.offsets[i + 1]; q++) {
      if (indexed[ids[q]] === 0) continue;
      const p = cursor[ids[q]]++;
      doc[p] = i;
      weight[p] = weights[q];
    }
  }
  return { offsets, doc, weight };
}

/** Default number of postings read per document: its rarest terms first, until this many were read. */
const CANDIDATE_BUDGET = 1000;

/** A document's indexed term positions, rarest term first (they carry the most IDF weight). */
function rarestFirst(v: Vectors, i: number, into: number[]): number[] {
  into.length = 0;
  for (let q = v.offsets[i]; q < v.offsets[i + 1]; q++) if (v.indexed[v.ids[q]] === 1) into.push(q);
  return into.sort((a, b) => v.df[v.ids[a]] - v.df[v.ids[b]]);
}

/**
 * For each document, its `topK` most similar other documents by TF-IDF cosine. Candidates come from an inverted
 * index over the terms in 2 … `commonTerm` documents (or a fifth of them), read rarest term first until `budget`
 * postings were read, ranked by their dot product over those terms; the best `4 · topK` (at least 20) are scored
 * again with the full vectors (common terms included), and the best `topK` kept. A pair that shares only common terms
 * (or only terms past the budget) is never a candidate: that is the approximation. `Infinity` for both indexes and
 * reads every term (exact, at the cost of the square of each term's documents).
 */
export function similarPosts(
  terms: Iterable<readonly string[]>,
  topK: number,
  commonTerm = COMMON_TERM,
  budget = CANDIDATE_BUDGET,
): SimilarityEdges {
  const vectors = tfidfVectors(internDocs(terms), commonTerm);
  const n = vectors.offsets.length - 1;
  const index = postings(vectors);
  const from = new IntList();
  const to = new IntList();
  const weight: number[] = [];
  const dot = new Float64Array(n);
  const full = new Float64Array(n);
  const touched: number[] = [];
  const order: number[] = [];
  for (let i = 0; i < n; i++) {
    let read = 0;
    for (const q of rarestFirst(vectors, i, order)) {
      if (read >= budget) break;
      const id = vectors.ids[q];
      read += index.offsets[id + 1] - index.offsets[id];
      for (let p = index.offsets[id]; p < index.offsets[id + 1]; p++) {
        const j = index.doc[p];
        if (j === i) continue;
        if (dot[j] === 0) touched.push(j);
        dot[j] += vectors.weights[q] * index.weight[p];
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
  return { from: from.view().slice(), to: to.view().slice(), weight: Float64Array.from(weight) };
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
