// An independent float64 reference for convolutional networks: every layer unrolled into the dense matrix its
// definition gives (TensorFlow's conv2d, conv2d_transpose and pooling, channels last), so that reference.ts's dense
// formulas apply. Shares no code with src/.
import { createRandom } from "@clearbox/core";
import type { Layer } from "../src/index.js";
import type { RefLayer } from "./reference.js";

export type Shape = [number, number, number];
const at = (shape: Shape, y: number, x: number, c: number) => (y * shape[1] + x) * shape[2] + c;
const zeros = (rows: number, columns: number) => Array.from({ length: rows }, () => new Array<number>(columns).fill(0));
const falses = (rows: number, columns: number) =>
  Array.from({ length: rows }, () => new Array<boolean>(columns).fill(false));

/** TensorFlow's "same" padding: total = max((out − 1)·s + k − in, 0), the smaller half before. */
function padTop(input: number, output: number, k: number, s: number): number {
  return Math.floor(Math.max((output - 1) * s + k - input, 0) / 2);
}

/**
 * out[o][co] = Σ in[o·s + k·d − pad][ci] · K[ky][kx][ci][co] (d: dilation). With `depthwise`, K is kh × kw × C × m
 * and output channel c·m + q sees input channel c only.
 */
export function unrollConv(
  inShape: Shape,
  K: number[][][][],
  s: number,
  padding: string,
  d = 1,
  depthwise = false,
): { L: RefLayer; outShape: Shape } {
  const [kh, kw, cin, kb] = [K.length, K[0].length, K[0][0].length, K[0][0][0].length];
  const cout = depthwise ? cin * kb : kb;
  const span = (k: number) => (k - 1) * d + 1;
  const size = (n: number, k: number) => (padding === "same" ? Math.ceil(n / s) : Math.floor((n - span(k)) / s) + 1);
  const outShape: Shape = [size(inShape[0], kh), size(inShape[1], kw), cout];
  const [top, left] = [padTop(inShape[0], outShape[0], span(kh), s), padTop(inShape[1], outShape[1], span(kw), s)];
  const nIn = inShape[0] * inShape[1] * cin;
  const nOut = outShape[0] * outShape[1] * cout;
  const W = zeros(nIn, nOut);
  const M = falses(nIn, nOut);
  for (let oy = 0; oy < outShape[0]; oy++)
    for (let ox = 0; ox < outShape[1]; ox++)
      for (let ky = 0; ky < kh; ky++)
        for (let kx = 0; kx < kw; kx++) {
          const [iy, ix] = [oy * s + ky * d - top, ox * s + kx * d - left];
          if (iy < 0 || ix < 0 || iy >= inShape[0] || ix >= inShape[1]) continue;
          for (let ci = 0; ci < cin; ci++)
            for (let q = 0; q < kb; q++) {
              const co = depthwise ? ci * kb + q : q;
              W[at(inShape, iy, ix, ci)][at(outShape, oy, ox, co)] = K[ky][kx][ci][q];
              M[at(inShape, iy, ix, ci)][at(outShape, oy, ox, co)] = true;
            }
        }
  return { L: { W, M, b: new Array(nOut).fill(0), act: "linear" }, outShape };
}

/** The transposed convolution by scattering: out[i·s + k − pad][co] += in[i][ci] · K[ky][kx][co][ci]. */
export function unrollTranspose(
  inShape: Shape,
  K: number[][][][],
  s: number,
  padding: string,
): { L: RefLayer; outShape: Shape } {
  const [kh, kw, cout, cin] = [K.length, K[0].length, K[0][0].length, K[0][0][0].length];
  const size = (n: number, k: number) => (padding === "same" ? n * s : n * s + Math.max(k - s, 0));
  const outShape: Shape = [size(inShape[0], kh), size(inShape[1], kw), cout];
  const pad = (k: number) => (padding === "same" ? Math.floor(Math.max(k - s, 0) / 2) : 0);
  const nIn = inShape[0] * inShape[1] * cin;
  const nOut = outShape[0] * outShape[1] * cout;
  const W = zeros(nIn, nOut);
  const M = falses(nIn, nOut);
  for (let iy = 0; iy < inShape[0]; iy++)
    for (let ix = 0; ix < inShape[1]; ix++)
      for (let ky = 0; ky < kh; ky++)
        for (let kx = 0; kx < kw; kx++) {
          const [oy, ox] = [iy * s + ky - pad(kh), ix * s + kx - pad(kw)];
          if (oy < 0 || ox < 0 || oy >= outShape[0] || ox >= outShape[1]) continue;
          for (let ci = 0; ci < cin; ci++)
            for (let co = 0; co < cout; co++) {
              W[at(inShape, iy, ix, ci)][at(outShape, oy, ox, co)] = K[ky][kx][co][ci];
              M[at(inShape, iy, ix, ci)][at(outShape, oy, ox, co)] = true;
            }
        }
  return { L: { W, M, b: new Array(nOut).fill(0), act: "linear" }, outShape };
}

/** Pooling windows, the cells inside the input only. */
function windows(inShape: Shape, k: number, s: number, padding: string): { outShape: Shape; cells: number[][][] } {
  const size = (n: number) => (padding === "same" ? Math.ceil(n / s) : Math.floor((n - k) / s) + 1);
  const outShape: Shape = [size(inShape[0]), size(inShape[1]), inShape[2]];
  const [top, left] = [padTop(inShape[0], outShape[0], k, s), padTop(inShape[1], outShape[1], k, s)];
  const cells: number[][][] = [];
  for (let oy = 0; oy < outShape[0]; oy++)
    for (let ox = 0; ox < outShape[1]; ox++) {
      const perChannel: number[][] = [];
      for (let c = 0; c < inShape[2]; c++) {
        const list: number[] = [];
        for (let ky = 0; ky < k; ky++)
          for (let kx = 0; kx < k; kx++) {
            const [iy, ix] = [oy * s + ky - top, ox * s + kx - left];
            if (iy >= 0 && ix >= 0 && iy < inShape[0] && ix < inShape[1]) list.push(at(inShape, iy, ix, c));
          }
        perChannel.push(list);
      }
      cells.push(perChannel);
    }
  return { outShape, cells };
}

/** Average pooling: weight 1 / (cells inside the input) on each window. */
export function unrollAvgPool(inShape: Shape, k: number, s: number, padding: string): { L: RefLayer; outShape: Shape } {
  const { outShape, cells } = windows(inShape, k, s, padding);
  const nOut = outShape[0] * outShape[1] * outShape[2];
  const W = zeros(inShape[0] * inShape[1] * inShape[2], nOut);
  cells.forEach((perChannel, p) =>
    perChannel.forEach((list, c) => list.forEach((i) => (W[i][p * outShape[2] + c] = 1 / list.length))),
  );
  return { L: { W, b: new Array(nOut).fill(0), act: "linear" }, outShape };
}

/** Max pooling at input `a`: weight 1 from each window's first largest cell (a selection matrix). */
export function unrollMaxPool(
  inShape: Shape,
  k: number,
  s: number,
  padding: string,
  a: number[],
): { L: RefLayer; outShape: Shape } {
  const { outShape, cells } = windows(inShape, k, s, padding);
  const nOut = outShape[0] * outShape[1] * outShape[2];
  const W = zeros(a.length, nOut);
  cells.forEach((perChannel, p) =>
    perChannel.forEach((list, c) => {
      const winner = list.reduce((best, i) => (a[i] > a[best] ? i : best), list[0]);
      W[winner][p * outShape[2] + c] = 1;
    }),
  );
  return { L: { W, b: new Array(nOut).fill(0), act: "linear" }, outShape };
}

export type Spec =
  | {
      type: "conv2d" | "conv2dTranspose";
      k: number;
      cout: number;
      s: number;
      padding: "same" | "valid";
      act: "relu" | "linear";
      /** Dilation (conv2d only); default 1. */
      d?: number;
    }
  | {
      type: "depthwiseConv2d";
      k: number;
      mult: number;
      s: number;
      d: number;
      padding: "same" | "valid";
      act: "relu" | "linear";
    }
  | { type: "batchNorm" }
  | { type: "maxPool2d" | "avgPool2d"; k: number; s: number; padding: "same" | "valid" }
  | { type: "flatten" }
  | { type: "dense"; in: number; out: number; act: "relu" | "linear" };

/**
 * A random network from a spec: the clearbox JSON and a function unrolling it for one input. Weights are float32
 * values, so that the float32 network and the float64 reference hold the same numbers.
 */
export function randomConvNetwork(inputShape: Shape, specs: Spec[], seed: number, withBias: boolean) {
  const random = createRandom(seed);
  const layers: Layer[] = [];
  const build: ((shape: Shape | number, a: number[]) => { L: RefLayer; out: Shape | number; kind: string })[] = [];
  let channels = inputShape[2];
  for (const spec of specs) {
    if (spec.type === "depthwiseConv2d") {
      const K = Array.from({ length: spec.k }, () =>
        Array.from({ length: spec.k }, () =>
          Array.from({ length: channels }, () =>
            Array.from({ length: spec.mult }, () => Math.fround(random.normal() / spec.k)),
          ),
        ),
      );
      const cout = channels * spec.mult;
      const bias = Array.from({ length: cout }, () => (withBias ? Math.fround(0.1 * random.normal()) : 0));
      const [strides, dilation, padding, activation] = [spec.s, spec.d, spec.padding, spec.act];
      layers.push({ type: "depthwiseConv2d", kernel: K, bias, strides, dilation, padding, activation });
      build.push((shape) => {
        const { L, outShape } = unrollConv(shape as Shape, K, spec.s, spec.padding, spec.d, true);
        L.b = L.b.map((_, j) => bias[j % cout]);
        L.act = spec.act;
        return { L, out: outShape, kind: "linear" };
      });
      channels = cout;
    } else if (spec.type === "batchNorm") {
      // Standalone (after an activation, so not folded): a diagonal affine map, scale γ/√(σ² + ε), shift β − μ·scale.
      const draw = (f: () => number) => Array.from({ length: channels }, () => Math.fround(f()));
      const [gamma, beta, mean] = [
        draw(() => 1 + 0.2 * random.normal()),
        draw(() => (withBias ? 0.1 * random.normal() : 0)),
        draw(() => (withBias ? 0.1 * random.normal() : 0)),
      ];
      const variance = draw(() => 0.5 + random.next());
      layers.push({ type: "batchNorm", gamma, beta, movingMean: mean, movingVariance: variance, epsilon: 1e-3 });
      const scale = gamma.map((g, c) => Math.fround(g / Math.sqrt(Math.fround(variance[c] + 1e-3))));
      const shift = beta.map((b, c) => Math.fround(b - Math.fround(mean[c] * scale[c])));
      const count = channels;
      build.push((shape) => {
        const n = (shape as Shape).reduce((p, v) => p * v, 1);
        const W = zeros(n, n);
        const M = falses(n, n);
        for (let i = 0; i < n; i++) [W[i][i], M[i][i]] = [scale[i % count], true];
        return {
          L: { W, M, b: Array.from({ length: n }, (_, i) => shift[i % count]), act: "linear" },
          out: shape,
          kind: "linear",
        };
      });
    } else if (spec.type === "conv2d" || spec.type === "conv2dTranspose") {
      const [a, b] = spec.type === "conv2d" ? [channels, spec.cout] : [spec.cout, channels];
      const K = Array.from({ length: spec.k }, () =>
        Array.from({ length: spec.k }, () =>
          Array.from({ length: a }, () =>
            Array.from({ length: b }, () => Math.fround(random.normal() / Math.sqrt(spec.k * channels))),
          ),
        ),
      );
      const bias = Array.from({ length: spec.cout }, () => (withBias ? Math.fround(0.1 * random.normal()) : 0));
      const dilation = spec.d ?? 1;
      const common = { kernel: K, bias, strides: spec.s, padding: spec.padding, activation: spec.act };
      layers.push(spec.type === "conv2d" ? { type: "conv2d", ...common, dilation } : { type: spec.type, ...common });
      build.push((shape) => {
        const { L, outShape } =
          spec.type === "conv2d"
            ? unrollConv(shape as Shape, K, spec.s, spec.padding, dilation)
            : unrollTranspose(shape as Shape, K, spec.s, spec.padding);
        L.b = L.b.map((_, j) => bias[j % spec.cout]);
        L.act = spec.act;
        return { L, out: outShape, kind: "linear" };
      });
      channels = spec.cout;
    } else if (spec.type === "maxPool2d" || spec.type === "avgPool2d") {
      layers.push({ type: spec.type, poolSize: spec.k, strides: spec.s, padding: spec.padding });
      build.push((shape, a) => {
        const { L, outShape } =
          spec.type === "maxPool2d"
            ? unrollMaxPool(shape as Shape, spec.k, spec.s, spec.padding, a)
            : unrollAvgPool(shape as Shape, spec.k, spec.s, spec.padding);
        return { L, out: outShape, kind: spec.type };
      });
    } else if (spec.type === "flatten") {
      layers.push({ type: "flatten" });
      build.push((shape) => {
        const n = (shape as Shape).reduce((p, v) => p * v, 1);
        const W = zeros(n, n);
        for (let i = 0; i < n; i++) W[i][i] = 1;
        return { L: { W, b: new Array(n).fill(0), act: "linear" }, out: n, kind: "flatten" };
      });
    } else if (spec.type === "dense") {
      const W = Array.from({ length: spec.in }, () =>
        Array.from({ length: spec.out }, () => Math.fround(random.normal() / Math.sqrt(spec.in))),
      );
      const bias = Array.from({ length: spec.out }, () => (withBias ? Math.fround(0.1 * random.normal()) : 0));
      layers.push({ type: "dense", kernel: W, bias, activation: spec.act });
      build.push(() => ({ L: { W, b: bias, act: spec.act }, out: spec.out, kind: "linear" }));
    }
  }
  const network = { inputShape: inputShape as readonly number[], layers };
  /** Unroll every layer at input x: the reference layers, their kinds, and activations a[0..L]. */
  const unroll = (x: number[]) => {
    const ref: RefLayer[] = [];
    const kinds: string[] = [];
    const a: number[][] = [x];
    const z: number[][] = [];
    let shape: Shape | number = inputShape;
    for (const make of build) {
      const prev = a[a.length - 1];
      const { L, out, kind } = make(shape, prev);
      const zl = L.b.map((bj, j) => bj + prev.reduce((s, ai, i) => s + ai * L.W[i][j], 0));
      z.push(zl);
      a.push(L.act === "relu" ? zl.map((v) => Math.max(0, v)) : zl);
      ref.push(L);
      kinds.push(kind);
      shape = out;
    }
    return { ref, kinds, a, z };
  };
  return { network, unroll };
}
