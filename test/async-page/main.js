// A page that imports an ./async function through Vite: the worker must be found and bundled, and the page must
// keep drawing frames while a multi-second computation runs off its thread.
import { kmeans } from "@clearbox/cluster/async";
import { kmeans as kmeansSync } from "@clearbox/cluster";

const params = new window.URLSearchParams(window.location.search);
const size = Number(params.get("n") ?? 30000);

function points(n) {
  let s = 12345;
  const next = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  return Array.from({ length: n }, (_, i) => [next() + (i % 5), next() + (i % 3), next(), next()]);
}

async function main() {
  const small = points(500);
  const same =
    JSON.stringify(await kmeans(small, 4, { seed: 7 })) === JSON.stringify(kmeansSync(small, 4, { seed: 7 }));
  let frames = 0;
  let ticking = true;
  const tick = () => {
    frames++;
    if (ticking) window.requestAnimationFrame(tick);
  };
  window.requestAnimationFrame(tick);
  const data = points(size);
  const started = performance.now();
  let progress = 0;
  const result = await kmeans(data, 48, {
    seed: 1,
    maxIterations: 150,
    tolerance: 0,
    onProgress: (f) => (progress = f),
  });
  const duration = performance.now() - started;
  ticking = false;
  const controller = new AbortController();
  const abortStarted = performance.now();
  const aborted = kmeans(data, 64, { seed: 1, signal: controller.signal }).then(
    () => "finished",
    (error) => error.code,
  );
  setTimeout(() => controller.abort(), 50);
  const abortCode = await aborted;
  const abortMs = performance.now() - abortStarted - 50;
  window.__result = { same, frames, duration, progress, iterations: result.iterations, abortCode, abortMs };
  document.querySelector("#status").textContent = JSON.stringify(window.__result);
  document.body.dataset.ready = "true";
}

main().catch((error) => {
  window.__result = { error: String(error) };
  document.querySelector("#status").textContent = String(error);
  document.body.dataset.ready = "error";
});
