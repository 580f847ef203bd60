/*
 * A plain C Held–Karp, the yardstick for @clearbox/reorder's heldKarp (bench/src/reorder.mjs compiles it with
 * gcc -O2 at bench time and runs it on the same matrix). The textbook pull form: dp[mask][j] = cost of the cheapest
 * path through the nodes of `mask` ending at j; dp[mask][j] = min over i in mask − j of dp[mask − j][i] + d[i][j];
 * doubles, one row of n per mask, free ends. Reads n and the n × n matrix (row-major) from stdin; prints the cost
 * and the milliseconds of filling the table and the DP (reading the input not timed; the JavaScript figure also
 * includes checking the matrix and rebuilding the path, which take well under 1 % of it).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int main(void) {
  int n;
  if (scanf("%d", &n) != 1 || n < 1 || n > 26) return 2;
  double *d = malloc(sizeof(double) * n * n);
  for (int k = 0; k < n * n; k++)
    if (scanf("%lf", &d[k]) != 1) return 2;
  size_t rows = (size_t)1 << n;
  double *dp = malloc(sizeof(double) * rows * n);
  if (!dp) return 3;
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  for (size_t k = 0; k < rows * n; k++) dp[k] = INFINITY;
  for (int j = 0; j < n; j++) dp[((size_t)1 << j) * n + j] = 0;
  for (size_t mask = 1; mask < rows; mask++) {
    if ((mask & (mask - 1)) == 0) continue;
    for (int j = 0; j < n; j++) {
      if (!(mask & ((size_t)1 << j))) continue;
      size_t prev = mask ^ ((size_t)1 << j);
      double best = INFINITY;
      for (int i = 0; i < n; i++) {
        if (!(prev & ((size_t)1 << i))) continue;
        double c = dp[prev * n + i] + d[i * n + j];
        if (c < best) best = c;
      }
      dp[mask * n + j] = best;
    }
  }
  double best = INFINITY;
  for (int j = 0; j < n; j++)
    if (dp[(rows - 1) * n + j] < best) best = dp[(rows - 1) * n + j];
  clock_gettime(CLOCK_MONOTONIC, &t1);
  double ms = (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6;
  printf("%.17g %.3f\n", best, ms);
  free(dp);
  free(d);
  return 0;
}
