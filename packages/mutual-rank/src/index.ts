/**
 * @clearbox/mutual-rank — mutual-reinforcement ranking (MutualRanker, thesis chapter 5): posts, users and hashtags
 * ranked together, solved exactly or by Monte Carlo walks that also give each score's uncertainty, how uncertainty
 * propagates, and instant updates when an analyst changes an element's importance.
 *
 * @example
 * import { createModel, createMonteCarloRanker, fromTweets, topK } from "@clearbox/mutual-rank";
 *
 * const graph = fromTweets(rows, { text: "text", author: "name" });
 * const ranker = createMonteCarloRanker(createModel(graph), { walksPerNode: 10, seed: 1 });
 * topK(ranker.scores(), graph.nodeType, 2, 10); // the ten top hashtags
 *
 * @module @clearbox/mutual-rank
 * @packageDocumentation
 */
export { createModel } from "./model.js";
export type { Model, ModelInput, ModelOptions } from "./model.js";
export type { EdgeArrays } from "./edge-list.js";
export { solveExact } from "./solve-exact.js";
export type { ExactScores, SolveExactOptions } from "./solve-exact.js";
export { createMonteCarloRanker } from "./monte-carlo.js";
export type {
  MonteCarloOptions,
  MonteCarloRanker,
  PriorEditOptions,
  PriorUpdate,
  PropagationOptions,
  UncertaintyFlow,
} from "./monte-carlo.js";
export { monteCarloScores } from "./monte-carlo-scores.js";
export type { MonteCarloScores } from "./monte-carlo-scores.js";
export { fromTweetStream, fromTweets } from "./from-tweets.js";
export type { FromTweetStreamOptions, FromTweetsOptions, TweetGraph, TweetStreamGraph } from "./from-tweets.js";
export { precisionAtK, topK } from "./top-k.js";
export { topicPrior } from "./topic-prior.js";
export type { TopicPrior, TopicPriorOptions } from "./topic-prior.js";
