/**
 * Lists of grid slots keyed by a cell's 32-bit key, in typed arrays: an open-addressing table (linear probing) from
 * key to its list's first and last block, and the blocks in one arena. It replaces a Map of number arrays, whose
 * inserts (3^k per grid member: one Map lookup and one array push each, and the arrays' garbage) were a third of the
 * online sampler's time at 10⁵ series. A list is a chain of blocks of 2, 4, 8 … 64 slots, so that a long list (a
 * dense cell) is read mostly contiguously, as an array is, and a list of one member wastes little; a table entry's
 * fields sit side by side. Lists keep insertion order, so a grid's scans meet members in the same order as before
 * and give the same results.
 */
export class CellLists {
  /**
   * Blocks, each at an offset b: `arena[b]` the next block's offset (−1 at the list's end), `arena[b + 1]` the slots
   * it holds, `arena[b + 2]` the slots it has room for, the slots from `arena[b + 3]`.
   */
  arena: Int32Array;
  private size = 0;
  /** Entry e: `table[4e]` its key, `table[4e + 1]` its first block + 1 (0: empty entry), `table[4e + 2]` its last. */
  private table: Int32Array;
  private shift: number;
  private used = 0;

  constructor(expectedKeys: number, expectedSlots: number) {
    const bits = Math.max(4, Math.ceil(Math.log2(2 * Math.max(1, expectedKeys))));
    this.shift = 32 - bits;
    this.table = new Int32Array(4 << bits); // zeroed: every entry empty, with no pass to mark them
    this.arena = new Int32Array(Math.max(64, 3 * expectedSlots));
  }

  /** The table entry (times 4) of `key`: where it is, or the empty one where it would go. */
  private entry(key: number): number {
    const mask = this.table.length - 1;
    let at = (Math.imul(key, 0x9e3779b1) >>> this.shift) << 2;
    while (this.table[at + 1] !== 0 && this.table[at] !== (key | 0)) at = (at + 4) & mask;
    return at;
  }

  /** Append `slot` to `key`'s list, unless it is already the list's last (two offsets that share a key). */
  push(key: number, slot: number): void {
    let at = this.entry(key);
    if (this.table[at + 1] === 0) {
      if (2 * (this.used + 1) > this.table.length >> 2) {
        this.growTable();
        at = this.entry(key);
      }
      const block = this.block(2);
      this.used++;
      this.table[at] = key | 0;
      this.table[at + 1] = block + 1;
      this.table[at + 2] = block;
      this.arena[block + 3] = slot;
      this.arena[block + 1] = 1;
      return;
    }
    let tail = this.table[at + 2];
    const held = this.arena[tail + 1];
    if (this.arena[tail + 2 + held] === slot) return;
    if (held === this.arena[tail + 2]) {
      const block = this.block(Math.min(64, 2 * held));
      this.arena[tail] = block;
      this.table[at + 2] = tail = block;
    }
    this.arena[tail + 3 + this.arena[tail + 1]++] = slot;
  }

  /** The first block of `key`'s list, −1 when it has none. */
  first(key: number): number {
    return this.table[this.entry(key) + 1] - 1;
  }

  /** A new empty block with room for `room` slots (the arena grows by doubling). */
  private block(room: number): number {
    if (this.size + 3 + room > this.arena.length) {
      const grown = new Int32Array(Math.max(2 * this.arena.length, this.size + 3 + room));
      grown.set(this.arena.subarray(0, this.size));
      this.arena = grown;
    }
    const block = this.size;
    this.size += 3 + room;
    this.arena[block] = -1;
    this.arena[block + 1] = 0;
    this.arena[block + 2] = room;
    return block;
  }

  /** Twice the table, every list moved to its key's new entry (the blocks stay where they are). */
  private growTable(): void {
    const old = this.table;
    this.shift--;
    this.table = new Int32Array(2 * old.length);
    for (let e = 0; e < old.length; e += 4) {
      if (old[e + 1] === 0) continue;
      const at = this.entry(old[e]);
      this.table[at] = old[e];
      this.table[at + 1] = old[e + 1];
      this.table[at + 2] = old[e + 2];
    }
  }
}
