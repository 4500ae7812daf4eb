// The PostgreSQL driver, loaded on first use (issue 15, start-up): a server on SQLite, the default,
// never loads it. PostgreSQL bigints come back as numbers (every bigint here is epoch milliseconds
// or a counter, well inside 2^53).
import type pgModule from 'pg'

type Pg = typeof pgModule

let loaded: Promise<Pg> | undefined

/** The `pg` module, with the bigint parser set before the first connection. */
export function loadPg(): Promise<Pg> {
  loaded ??= import('pg').then(({ default: pg }) => {
    pg.types.setTypeParser(20, (value) => Number(value))
    return pg
  })
  return loaded
}
