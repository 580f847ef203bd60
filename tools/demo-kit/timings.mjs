// Timed steps for the example apps' pipelines (Node and browser): `timed(label, work)` runs work (sync or async)
// and appends [label, seconds] to `timings`.

/** @returns {{ timings: [string, number][], timed: <T>(label: string, work: () => T) => T }} */
export function createTimings() {
  const timings = [];
  const timed = (label, work) => {
    const start = performance.now();
    const record = (result) => {
      timings.push([label, (performance.now() - start) / 1000]);
      return result;
    };
    const result = work();
    return result instanceof Promise ? result.then(record) : record(result);
  };
  return { timings, timed };
}
