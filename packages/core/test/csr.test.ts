import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csrFromTriplets, csrMultiplyVector, csrTranspose } from "../src/internal.js";
import type { CsrMatrix } from "../src/internal.js";

function toDense(m: CsrMatrix): number[][] {
  const out = Array.from({ length: m.rows }, () => new Array<number>(m.columns).fill(0));
  for (let i = 0; i < m.rows; i++) {
    for (let p = m.rowOffsets[i]; p < m.rowOffsets[i + 1]; p++) out[i][m.columnIndices[p]] += m.values[p];
  }
  return out;
}

const triplets = fc
  .record({ rows: fc.integer({ min: 1, max: 8 }), columns: fc.integer({ min: 1, max: 8 }) })
  .chain(({ rows, columns }) =>
    fc.record({
      rows: fc.constant(rows),
      columns: fc.constant(columns),
      entries: fc.array(fc.tuple(fc.nat(rows - 1), fc.nat(columns - 1), fc.integer({ min: -5, max: 5 })), {
        maxLength: 40,
      }),
    }),
  );

describe("CSR matrices", () => {
  it("sum duplicate triplets and equal the dense sum of the triplets", () => {
    fc.assert(
      fc.property(triplets, ({ rows, columns, entries }) => {
        const m = csrFromTriplets(
          rows,
          columns,
          entries.map((e) => e[0]),
          entries.map((e) => e[1]),
          entries.map((e) => e[2]),
        );
        const dense = Array.from({ length: rows }, () => new Array<number>(columns).fill(0));
        for (const [i, j, v] of entries) dense[i][j] += v;
        expect(toDense(m)).toEqual(dense);
        // Columns strictly ascending within each row: duplicates were merged.
        for (let i = 0; i < rows; i++) {
          for (let p = m.rowOffsets[i] + 1; p < m.rowOffsets[i + 1]; p++) {
            expect(m.columnIndices[p]).toBeGreaterThan(m.columnIndices[p - 1]);
          }
        }
        expect(toDense(csrTranspose(csrTranspose(m)))).toEqual(dense);
        const x = Array.from({ length: columns }, (_, j) => j + 1);
        const y = csrMultiplyVector(m, x);
        expect(Array.from(y)).toEqual(dense.map((row) => row.reduce((s, v, j) => s + v * x[j], 0)));
      }),
    );
  });

  it("rejects indices out of range, naming the triplet", () => {
    expect(() => csrFromTriplets(2, 2, [0, 2], [0, 0], [1, 1])).toThrow("rowIndex[1] must be an integer in [0, 2)");
    expect(() => csrFromTriplets(2, 2, [0], [0, 1], [1])).toThrow(expect.objectContaining({ code: "E_SHAPE" }));
  });
});
