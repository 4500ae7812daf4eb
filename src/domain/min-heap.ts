// A binary min-heap ordered by a numeric key, ties broken by insertion order (deterministic).

interface Entry<T> {
  key: number
  seq: number
  value: T
}

export class MinHeap<T> {
  private readonly entries: Entry<T>[] = []
  private seq = 0

  get size(): number {
    return this.entries.length
  }

  push(key: number, value: T): void {
    this.entries.push({ key, seq: this.seq++, value })
    this.siftUp(this.entries.length - 1)
  }

  peekKey(): number | undefined {
    return this.entries[0]?.key
  }

  peek(): T | undefined {
    return this.entries[0]?.value
  }

  pop(): T | undefined {
    const top = this.entries[0]
    const last = this.entries.pop()
    if (top === undefined || last === undefined) return undefined
    if (this.entries.length > 0) {
      this.entries[0] = last
      this.siftDown(0)
    }
    return top.value
  }

  private less(a: number, b: number): boolean {
    const x = this.entries[a]!
    const y = this.entries[b]!
    return x.key < y.key || (x.key === y.key && x.seq < y.seq)
  }

  private swap(a: number, b: number): void {
    const tmp = this.entries[a]!
    this.entries[a] = this.entries[b]!
    this.entries[b] = tmp
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
    const n = this.entries.length
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
