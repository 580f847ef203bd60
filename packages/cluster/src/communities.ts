/**
 * Canonical communities from arbitrary labels: communities sorted by size (largest first), then by smallest
 * member; members ascending; returned labels index into that list. Makes results comparable and stable.
 * @internal
 */
export function communitiesFromLabels(labels: ArrayLike<number>): { labels: Int32Array; communities: number[][] } {
  const groups = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const group = groups.get(labels[i]);
    if (group) group.push(i);
    else groups.set(labels[i], [i]);
  }
  const communities = [...groups.values()].sort((x, y) => y.length - x.length || x[0] - y[0]);
  const out = new Int32Array(labels.length);
  communities.forEach((members, c) => {
    for (const v of members) out[v] = c;
  });
  return { labels: out, communities };
}
