// The pages of a portal form (issue 13, R5.7): which top-level fields each page holds, and so on
// which page an error is shown — the browser's schema check and the API's field errors alike
// (`pacing.ivrPorts` belongs to the page holding `pacing`). An error no page holds (a rule over
// the whole object) is shown on the summary page, the last one.
import type { ErrorDetail } from '../api.ts'
import type { MessageKey } from '../i18n.tsx'

export interface FormPageDef {
  key: string
  label: MessageKey
  /** The top-level fields of the body this page edits. */
  fields: readonly string[]
  /** Fields of the page drawn by the page's own content, not generated. */
  custom?: readonly string[]
}

/** `pacing.ivrPorts` → `pacing`; `teamIds[0]` → `teamIds`. */
const rootOf = (path: string): string => path.split(/[.[]/)[0] ?? ''

/** The index of the page holding the field at `path`; the summary page (`pages.length`) if none. */
export function pageIndexOf(pages: readonly FormPageDef[], path: string): number {
  const root = rootOf(path)
  const index = pages.findIndex((page) => page.fields.includes(root))
  return index === -1 ? pages.length : index
}

/** The errors shown on page `index`. */
export const errorsOnPage = (
  pages: readonly FormPageDef[],
  errors: readonly ErrorDetail[],
  index: number,
): ErrorDetail[] => errors.filter((error) => pageIndexOf(pages, error.path) === index)

/** The first page with an error, or null. */
export function firstPageWithError(
  pages: readonly FormPageDef[],
  errors: readonly ErrorDetail[],
): number | null {
  const indexes = errors.map((error) => pageIndexOf(pages, error.path))
  return indexes.length === 0 ? null : Math.min(...indexes)
}
