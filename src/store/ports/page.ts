// Paging, as every store's list answers it: a window of the items in the store's order, and how
// many there are in all.

/** At most `limit` items, skipping the first `offset`. */
export interface PageRequest {
  limit: number
  offset: number
}

export interface Page<T> {
  items: T[]
  total: number
}
