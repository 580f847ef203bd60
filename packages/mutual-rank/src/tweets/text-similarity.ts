import { FloatList, IntList } from "./int-list.js";

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

/**
 * A document's indexed term positions into `into`, rarest term first (they carry the most IDF weight); returns how
 * many. An insertion sort (stable, as the comparator sort it replaced): a post has about ten terms, and a comparator
 * call per comparison cost more than the sort's work at a million posts.
 */
function rarestFirst(v: Vectors, i: number, into: Int32Array): number {
  let count = 0;
  for (let q = v.offsets[i]; q < v.offsets[i + 1]; q++) {
    if (v.indexed[v.ids[q]] === 0) continue;
    const df = v.df[v.ids[q]];
    let at = count++;
    while (at > 0 && v.df[v.ids[into[at - 1]]] > df) {
      into[at] = into[at - 1];
      at--;
    }
    into[at] = q;
  }
  return count;
}

/**
 * Touch the first cache lines of each candidate's vector in a loop of independent loads, before the cosines' merges
 * read them: the merges' data-dependent branches keep the processor from fetching the next candidate's vector while
 * one is merged, so each candidate paid its cache misses in turn (measured: the rescoring 2.4 → 1.0 s on 300,000 rows).
 * Returns a sum only so the loads are not optimised away.
 */
function warmVectors(v: Vectors, candidates: readonly number[]): number {
  let sum = 0;
  for (const j of candidates) sum += v.offsets[j];
  const last = v.ids.length - 1;
  for (const j of candidates) {
    const o = Math.min(v.offsets[j], last);
    const o8 = Math.min(o + 8, last);
    sum += v.ids[o] + v.weights[o] + v.ids[o8] + v.weights[o8];
  }
  return sum;
}

/** Where the warm-up sums go (read nowhere): stored, so the compiler keeps their loads. */
let _warmSink = 0;

/** Scratch of the search, sized once: per-document scores and the documents touched for the current post. */
interface SearchScratch {
  dot: Float64Array;
  full: Float64Array;
  touched: Int32Array;
  order: Int32Array;
}

/** The documents sharing read terms with `i` into `s.touched` (returns how many), their partial dot in `s.dot`. */
function gatherCandidates(
  v: Vectors,
  index: ReturnType<typeof postings>,
  i: number,
  budget: number,
  s: SearchScratch,
): number {
  const { dot, touched, order } = s;
  let count = 0;
  let read = 0;
  const terms = rarestFirst(v, i, order);
  for (let k = 0; k < terms && read < budget; k++) {
    const q = order[k];
    const [id, w] = [v.ids[q], v.weights[q]];
    const [begin, end] = [index.offsets[id], index.offsets[id + 1]];
    read += end - begin;
    for (let p = begin; p < end; p++) {
      const j = index.doc[p];
      if (j === i) continue;
      if (dot[j] === 0) touched[count++] = j;
      dot[j] += w * index.weight[p];
    }
  }
  return count;
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
  const weight = new FloatList();
  let longest = 0;
  for (let i = 0; i < n; i++) longest = Math.max(longest, vectors.offsets[i + 1] - vectors.offsets[i]);
  const scratch: SearchScratch = {
    dot: new Float64Array(n),
    full: new Float64Array(n),
    touched: new Int32Array(n),
    order: new Int32Array(longest),
  };
  const { dot, full, touched } = scratch;
  let warm = 0;
  for (let i = 0; i < n; i++) {
    const count = gatherCandidates(vectors, index, i, budget, scratch);
    const candidates = largest(touched, count, dot, Math.max(4 * topK, 20));
    warm += warmVectors(vectors, candidates);
    for (const j of candidates) full[j] = cosine(vectors, i, j);
    const best = largest(candidates, candidates.length, full, topK);
    for (const j of best) {
      if (full[j] <= 0) continue;
      from.push(i);
      to.push(j);
      weight.push(Math.min(1, full[j]));
    }
    for (let c = 0; c < count; c++) dot[touched[c]] = 0;
    for (const j of candidates) full[j] = 0;
  }
  _warmSink = warm;
  return { from: from.view().slice(), to: to.view().slice(), weight: weight.view().slice() };
}

/** The `k` entries of `ids` with the largest `score` (ties by id), without sorting them all. */
function largest(ids: ArrayLike<number>, count: number, score: Float64Array, k: number): number[] {
  const best: number[] = [];
  const before = (a: number, b: number) => score[a] > score[b] || (score[a] === score[b] && a < b);
  for (let c = 0; c < count; c++) {
    const id = ids[c];
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
