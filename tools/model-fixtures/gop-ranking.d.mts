import type { Flow, RankCluster } from "@clearbox/charts";
import type { MonteCarloRanker, TweetGraph } from "@clearbox/mutual-rank";

export interface GopRanking {
  graph: TweetGraph;
  ranker: MonteCarloRanker;
  /** The top hashtags (node ids), most important first. */
  hashtags: number[];
  /** One cluster per top hashtag: its posts as members, their uncertainty as a percentile among all posts. */
  clusters: Array<RankCluster & { label: string; uncertainty: number[] }>;
  links: { source: number; target: number; weight: number }[];
  /** Uncertainty flows between the top hashtags, by cluster index. */
  flows: Flow[];
}
export function gopRanking(rows: ReadonlyArray<Record<string, string | undefined>>, count: number): GopRanking;
