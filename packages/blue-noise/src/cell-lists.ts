/**
 * Lists of grid slots keyed by a cell's 32-bit key, in typed arrays: an open-addressing table (linear probing) from
 * key to its list's first and last node, and the nodes (slot, next) appended in order. It replaces a Map of number
 * arrays, whose inserts (3^k per grid member: one Map lookup and one array push each, and the arrays' garbage) were
 * a third of the online sampler's time at 10⁵ series. Lists keep insertion order, so a grid's scans meet members in
 * the same order as before and give the same results.
 */
export class CellLists {
  /** `slots[node]`: the grid slot a node holds; `next[node]`: the list's next node, −1 at its end. */
  slots: Int32Array;
  next: Int32Array;
  private nodes = 0;
  private keys: Int32Array;
  private heads: Int32Array;
  private tails: Int32Array;
  private shift: number;
  private used = 0;

  constructor(expectedKeys: number, expectedNodes: number) {
    const bits = Math.max(4, Math.ceil(Math.log2(2 * Math.max(1, expectedKeys))));
    this.shift = 32 - bits;
    this.keys = new Int32Array(1 << bits);
    this.heads = new Int32Array(1 << bits).fill(-1);
    this.tails = new Int32Array(1 << bits);
    this.slots = new Int32Array(Math.max(16, expectedNodes));
    this.next = new Int32Array(this.slots.length);
  }

  /** The table position of `key`: where it is, or the empty one where it would go. */
  private position(key: number): number {
    const mask = this.heads.length - 1;
    let at = Math.imul(key, 0x9e3779b1) >>> this.shift;
    while (this.heads[at] !== -1 && this.keys[at] !== (key | 0)) at = (at + 1) & mask;
    return at;
  }

  /** Append `slot` to `key`'s list, unless it is already the list's last (two offsets that share a key). */
  push(key: number, slot: number): void {
    let at = this.position(key);
    if (this.heads[at] !== -1 && this.slots[this.tails[at]] === slot) return;
    if (this.nodes === this.slots.length) this.growNodes();
    const node = this.nodes++;
    this.slots[node] = slot;
    this.next[node] = -1;
    if (this.heads[at] === -1) {
      if (2 * (this.used + 1) > this.heads.length) {
        this.growTable();
        at = this.position(key);
      }
      this.used++;
      this.keys[at] = key | 0;
      this.heads[at] = node;
    } else this.next[this.tails[at]] = node;
    this.tails[at] = node;
  }

  /** The first node of `key`'s list, −1 when it has none. */
  first(key: number): number {
    return this.heads[this.position(key)];
  }

  private growNodes(): void {
    const slots = new Int32Array(2 * this.slots.length);
    const next = new Int32Array(2 * this.next.length);
    slots.set(this.slots);
    next.set(this.next);
    this.slots = slots;
    this.next = next;
  }

  /** Twice the table, every list moved to its key's new position (the nodes stay where they are). */
  private growTable(): void {
    const { keys, heads, tails } = this;
    this.shift--;
    this.keys = new Int32Array(2 * keys.length);
    this.heads = new Int32Array(2 * heads.length).fill(-1);
    this.tails = new Int32Array(2 * tails.length);
    for (let old = 0; old < heads.length; old++) {
      if (heads[old] === -1) continue;
      const at = this.position(keys[old]);
      this.keys[at] = keys[old];
      this.heads[at] = heads[old];
      this.tails[at] = tails[old];
    }
  }
}
