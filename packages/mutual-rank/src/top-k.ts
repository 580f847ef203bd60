import { ClearboxError, assertFiniteVector, assertInteger, describeValue } from "@clearbox/core/internal";

/**
 * The `k` highest-scoring nodes of one type, best first (ties by node id).
 *
 * @param scores - Every node's score.
 * @param nodeType - Every node's type (as in the model).
 * @param type - The type to rank.
 * @param k - How many (fewer when the type has fewer nodes).
 * @returns Their node ids.
 * @throws `E_SHAPE` when scores and nodeType differ in length; `E_NAN` / `E_TYPE` for bad values; `E_RANGE` for k < 1.
 * @example
 * topK(solveExact(model).scores, model.nodeType, 2, 10); // the ten top hashtags (type 2)
 */
export function topK(scores: ArrayLike<number>, nodeType: ArrayLike<number>, type: number, k: number): number[] {
  assertFiniteVector(scores, "scores");
  assertFiniteVector(nodeType, "nodeType", { length: scores.length });
  assertInteger(type, "type");
  assertInteger(k, "k", 1);
  const ids: number[] = [];
  for (let i = 0; i < scores.length; i++) if (nodeType[i] === type) ids.push(i);
  return ids.sort((a, b) => scores[b] - scores[a] || a - b).slice(0, k);
}

/**
 * n-precision (thesis table 5.1): the share of the first `k` of a ranking that are relevant.
 *
 * @param ranking - Node ids, best first.
 * @param relevant - The relevant node ids (a Set or an array).
 * @param k - How many of the ranking to judge (the share is over min(k, ranking length) — 0 for an empty ranking).
 * @returns The precision, in [0, 1].
 * @throws `E_TYPE` for a ranking that is not an array or relevant that is not a Set or array; `E_RANGE` for k < 1.
 * @example
 * precisionAtK([4, 2, 9], new Set([2, 9]), 3); // 0.667
 */
export function precisionAtK(
  ranking: ArrayLike<number>,
  relevant: ReadonlySet<number> | ArrayLike<number>,
  k: number,
): number {
  assertFiniteVector(ranking, "ranking");
  assertInteger(k, "k", 1);
  let judged: ReadonlySet<number>;
  if (relevant instanceof Set) judged = relevant;
  else if (Array.isArray(relevant) || ArrayBuffer.isView(relevant))
    judged = new Set(Array.from(relevant as ArrayLike<number>));
  else {
    throw new ClearboxError(
      "E_TYPE",
      `relevant must be a Set or an array of node ids, got ${describeValue(relevant)}.`,
      {
        argument: "relevant",
      },
    );
  }
  const n = Math.min(k, ranking.length);
  if (n === 0) return 0;
  let hits = 0;
  for (let i = 0; i < n; i++) if (judged.has(ranking[i])) hits++;
  return hits / n;
}
