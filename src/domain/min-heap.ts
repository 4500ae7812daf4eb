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

  private less(a: number, b: number): boolean {
    const x = this.keys[a]!
    const y = this.keys[b]!
    return x < y || (x === y && this.seqs[a]! < this.seqs[b]!)
  }

  private move(from: number, to: number): void {
    this.keys[to] = this.keys[from]!
    this.seqs[to] = this.seqs[from]!
    this.values[to] = this.values[from]!
  }

  private swap(a: number, b: number): void {
    const key = this.keys[a]!
    const seq = this.seqs[a]!
    const value = this.values[a]!
    this.move(b, a)
    this.keys[b] = key
    this.seqs[b] = seq
    this.values[b] = value
  }

  private siftUp(index: number): void {
    let i = index
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!this.less(i, parent)) return
      this.swap(i, parent)
      i = parent
    }
  }

  private siftDown(index: number): void {
    let i = index
    const n = this.keys.length
    for (;;) {
      const left = 2 * i + 1
      const right = left + 1
      let smallest = i
      if (left < n && this.less(left, smallest)) smallest = left
      if (right < n && this.less(right, smallest)) smallest = right
      if (smallest === i) return
      this.swap(i, smallest)
      i = smallest
    }
  }
}
