/** Whether the rectangles fit W × H, by filling the lowest-leftmost empty cell of a grid every possible way. */
export function fitsByGrid(ws: number[], hs: number[], W: number, H: number, rotate: boolean): boolean {
  const grid = new Uint8Array(W * H);
  const used = new Uint8Array(ws.length);
  const area = ws.reduce((s, w, i) => s + w * hs[i], 0);
  const fill = (x: number, y: number, w: number, h: number, v: number) => {
    for (let yy = y; yy < y + h; yy++) for (let xx = x; xx < x + w; xx++) grid[yy * W + xx] = v;
  };
  const free = (x: number, y: number, w: number, h: number) => {
    for (let yy = y; yy < y + h; yy++) for (let xx = x; xx < x + w; xx++) if (grid[yy * W + xx]) return false;
    return true;
  };
  const search = (left: number, waste: number): boolean => {
    if (left === 0) return true;
    let cell = 0;
    while (grid[cell]) cell++;
    const x = cell % W;
    const y = Math.floor(cell / W);
    for (let k = 0; k < ws.length; k++) {
      if (used[k]) continue;
      // Identical rectangles are interchangeable: try the first unused one of each size only.
      let twin = false;
      for (let j = 0; j < k && !twin; j++) twin = !used[j] && ws[j] === ws[k] && hs[j] === hs[k];
      if (twin) continue;
      const shapes = rotate
        ? [
            [ws[k], hs[k]],
            [hs[k], ws[k]],
          ]
        : [[ws[k], hs[k]]];
      for (const [w, h] of shapes) {
        if (x + w > W || y + h > H || !free(x, y, w, h)) continue;
        fill(x, y, w, h, 1);
        used[k] = 1;
        const found = search(left - 1, waste);
        used[k] = 0;
        fill(x, y, w, h, 0);
        if (found) return true;
      }
    }
    if (waste + 1 > W * H - area) return false;
    grid[cell] = 2; // leave the cell empty
    const found = search(left, waste + 1);
    grid[cell] = 0;
    return found;
  };
  return search(ws.length, 0);
}
