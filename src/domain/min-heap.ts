// A binary min-heap ordered by a numeric key, ties broken by insertion order (deterministic).
// Keys, insertion numbers and values are three parallel arrays, not an entry object each: a key
// stays an unboxed double, and a contact waiting hours for its retry costs the heap no object of
// its own (issue 15, engine speed: fewer bytes for the young generation to copy and promote).

export class MinHeap<T> {
  private readonly keys: number[] = []
  private readonly seqs: number[] = []
  private readonly values: T[] = []
  private seq = 0

  get size(): number {
    return this.keys.length
  }

  push(key: number, value: T): void {
    this.keys.push(key)
    this.seqs.push(this.seq++)
    this.values.push(value)
    this.siftUp(this.keys.length - 1)
  }

  peekKey(): number | undefined {
    return this.keys.length > 0 ? this.keys[0] : undefined
  }

  peek(): T | undefined {
    return this.values.length > 0 ? this.values[0] : undefined
  }

  pop(): T | undefined {
    const last = this.keys.length - 1
    if (last < 0) return undefined
    const top = this.values[0]
    if (last > 0) this.move(last, 0)
    this.keys.pop()
    this.seqs.pop()
    this.values.pop()
    if (last > 1) this.siftDown(0)
    return top
  }

  /** Whether the entry (key, seq) comes before the entry at `at`. */
  private before(key: number, seq: number, at: number): boolean {
    const other = this.keys[at]!
    return key < other || (key === other && seq < this.seqs[at]!)
  }

  private move(from: number, to: number): void {
    this.keys[to] = this.keys[from]!
    this.seqs[to] = this.seqs[from]!
    this.values[to] = this.values[from]!
  }

  // Both sifts move a hole and write the moving entry once, where it lands: half the writes of
  // swapping it level by level (issue 15: the retry heap holds every contact waiting).
  private siftUp(index: number): void {
    const key = this.keys[index]!
    const seq = this.seqs[index]!
    const value = this.values[index]!
    let i = index
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!this.before(key, seq, parent)) break
      this.move(parent, i)
      i = parent
    }
    this.keys[i] = key
    this.seqs[i] = seq
    this.values[i] = value
  }

  private siftDown(index: number): void {
    const key = this.keys[index]!
    const seq = this.seqs[index]!
    const value = this.values[index]!
    const n = this.keys.length
    let i = index
    for (;;) {
      const left = 2 * i + 1
      if (left >= n) break
      const right = left + 1
      const child =
        right < n && this.before(this.keys[right]!, this.seqs[right]!, left) ? right : left
      if (this.before(key, seq, child)) break
      this.move(child, i)
      i = child
    }
    this.keys[i] = key
    this.seqs[i] = seq
    this.values[i] = value
  }
}
