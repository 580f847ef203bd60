// Readers for chart data: each returns the clean value or a message for the empty state (charts never throw on data).

/** A length-n vector of finite numbers, or a message naming `name`. */
export function readNumbers(value: unknown, name: string, length?: number): Float64Array | string {
  if (!isArrayLike(value)) return `${name} must be an array of numbers.`;
  if (length !== undefined && value.length !== length) {
    return `${name} has ${value.length} values; ${length} were expected.`;
  }
  const out = new Float64Array(value.length);
  for (let i = 0; i < value.length; i++) {
    const v = value[i];
    if (typeof v !== "number" || !Number.isFinite(v)) return `${name}[${i}] is not a finite number.`;
    out[i] = v;
  }
  return out;
}

/** Non-negative integers below `limit` (e.g. group ids, row orders). */
export function readIndices(value: unknown, name: string, length: number, limit = Infinity): Int32Array | string {
  const numbers = readNumbers(value, name, length);
  if (typeof numbers === "string") return numbers;
  for (let i = 0; i < numbers.length; i++) {
    if (!Number.isInteger(numbers[i]) || numbers[i] < 0 || numbers[i] >= limit) {
      return `${name}[${i}] must be an integer in [0, ${limit}).`;
    }
  }
  return Int32Array.from(numbers);
}

/** Strings of a given length (labels); absent → undefined. */
export function readLabels(value: unknown, name: string, length: number): string[] | undefined | string {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length !== length) return `${name} must be ${length} labels.`;
  return value.map((v) => String(v));
}

/** A plain object, or a message. */
export function readObject(value: unknown, name: string): Record<string, unknown> | string {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return `${name} must be an object.`;
  return value as Record<string, unknown>;
}

/** A permutation of 0 … n − 1, or a message; absent → the identity. */
export function readOrder(value: unknown, name: string, n: number): Int32Array | string {
  if (value === undefined) return Int32Array.from({ length: n }, (_, i) => i);
  const order = readIndices(value, name, n, n);
  if (typeof order === "string") return order;
  const seen = new Uint8Array(n);
  for (const i of order) {
    if (seen[i] === 1) return `${name} repeats ${i}: it must be a permutation.`;
    seen[i] = 1;
  }
  return order;
}

export function isArrayLike(value: unknown): value is ArrayLike<unknown> {
  return (
    Array.isArray(value) ||
    (ArrayBuffer.isView(value) && !(value instanceof DataView)) ||
    (typeof value === "object" && value !== null && typeof (value as { length?: unknown }).length === "number")
  );
}
