import { csvParse } from "d3-dsv";
import csv from "../../data/tweets/gop-debate-2015.csv?raw";
import { gopRanking as rank } from "@clearbox/model-fixtures/gop-ranking";
import type { GopRanking } from "@clearbox/model-fixtures/gop-ranking";

const cache = new Map<number, GopRanking>();

/** The GOP-debate tweets ranked once per count of top hashtags, for the ranking chart stories. */
export const gopRanking = (count: number): GopRanking => {
  const cached = cache.get(count) ?? rank(csvParse(csv), count);
  cache.set(count, cached);
  return cached;
};
