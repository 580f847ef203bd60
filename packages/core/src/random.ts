import { ClearboxError } from "./errors.js";
import { assertFiniteNumber } from "./validate.js";

/**
 * A seeded pseudo-random generator. Only 32-bit integer arithmetic feeds `next`, `int` and `shuffle`, so their
 * sequences are bit-identical on every JavaScript engine and platform. `normal` also calls `Math.log` and
 * `Math.sqrt`, whose last bit engines may round differently (in practice V8, SpiderMonkey and JSC agree).
 */
export interface Random {
  /** A float in [0, 1) with 32 random bits. */
  next(): number;
  /** An integer in [0, n), exactly uniform (rejection sampling). `n` must be an integer in [1, 2³²]. */
  int(n: number): number;
  /** A standard normal deviate (Marsaglia's polar method). */
  normal(): number;
  /** A shuffled copy of `array` (Fisher–Yates); the input is not touched. */
  shuffle<T>(array: readonly T[]): T[];
  /** Shuffle an array or typed array in place (Fisher–Yates) and return it. */
  shuffleInPlace<A extends { length: number; [index: number]: unknown }>(array: A): A;
  /** A new generator whose stream is independent of this one's remaining stream; advances this one once. */
  fork(): Random;
}

/** splitmix32: spreads a 32-bit seed into well-mixed state words. */
function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** Fold any finite number (including non-integers and values beyond 2³²) into a 32-bit seed. */
function seedWord(seed: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, seed === 0 ? 0 : seed); // maps -0 to 0 so both seeds agree
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  return (Math.imul(hi ^ (hi >>> 15), 0x2c1b3c6d) ^ lo) >>> 0;
}

/**
 * Create a seeded generator (sfc32 — Chris Doty-Humphrey's Small Fast Counting generator, state seeded by
 * splitmix32). Same seed, same sequence, everywhere.
 *
 * @param seed - any finite number; integers are the usual choice.
 * @example
 * const random = createRandom(42);
 * random.next(); // 0.0379...
 * @returns a {@link Random} generator.
 * @throws `E_TYPE` / `E_NAN` for a seed that is not a finite number.
 */
export function createRandom(seed: number): Random {
  assertFiniteNumber(seed, "seed");
  const mix = splitmix32(seedWord(seed));
  let a = mix();
  let b = mix();
  let c = mix();
  let d = mix();
  let spare: number | undefined;

  const nextUint32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // Discard the first outputs: sfc32 mixes its state during them.
  for (let i = 0; i < 12; i++) nextUint32();

  const random: Random = {
    next: () => nextUint32() / 4294967296,
    int(n: number): number {
      if (!Number.isInteger(n) || n < 1 || n > 4294967296) {
        throw new ClearboxError("E_RANGE", `random.int(n) needs an integer n in [1, 2^32], got ${n}.`, {
          argument: "n",
        });
      }
      // Reject the top partial block of 2^32 so every residue is equally likely.
      const limit = 4294967296 - (4294967296 % n);
      let x = nextUint32();
      while (x >= limit) x = nextUint32();
      return x % n;
    },
    normal(): number {
      if (spare !== undefined) {
        const s = spare;
        spare = undefined;
        return s;
      }
      let u: number;
      let v: number;
      let s: number;
      do {
        u = 2 * random.next() - 1;
        v = 2 * random.next() - 1;
        s = u * u + v * v;
      } while (s >= 1 || s === 0);
      const factor = Math.sqrt((-2 * Math.log(s)) / s);
      spare = v * factor;
      return u * factor;
    },
    shuffle<T>(array: readonly T[]): T[] {
      return random.shuffleInPlace(array.slice());
    },
    shuffleInPlace<A extends { length: number; [index: number]: unknown }>(array: A): A {
      for (let i = array.length - 1; i > 0; i--) {
        const j = random.int(i + 1);
        const tmp = array[i];
        array[i] = array[j];
        array[j] = tmp;
      }
      return array;
    },
    fork: () => createRandom(nextUint32() * 4294967296 + nextUint32()),
  };
  return random;
}
