// Text as the API promises it (issue 16): every string is well-formed Unicode without NUL
// (PostgreSQL stores neither NUL nor lone surrogates, and SQLite must behave the same). String
// lengths need nothing here: zod (4.6) counts them in code points, as JSON Schema does.

const LONE_SURROGATE_SOURCE =
  '[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]'
const LONE_SURROGATE = new RegExp(LONE_SURROGATE_SOURCE)
/** Control characters (U+0000–U+001F) and lone surrogates: what a message must not print raw. */
const UNPRINTABLE = new RegExp(`[\\u0000-\\u001F]|${LONE_SURROGATE_SOURCE}`, 'g')

/** Why a string cannot be stored as text, or null when it can. */
export function textProblem(text: string): string | null {
  if (text.includes('\u0000')) return 'holds the NUL character (U+0000), which is not allowed'
  const surrogate = LONE_SURROGATE.exec(text)
  if (surrogate)
    return `is not well-formed Unicode: it holds a lone surrogate (U+${surrogate[0]
      .charCodeAt(0)
      .toString(16)
      .toUpperCase()}), which is not a character`
  return null
}

/** A key or value shown in a message without its invisible or ill-formed characters. */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

export interface TextIssue {
  /** Keys from the root to the string (or to the key that is the problem). */
  path: (string | number)[]
  message: string
}

/** A path kept as a link to its parent, so that walking deep nesting stays linear. */
export interface PathLink {
  parent: PathLink | null
  key: string | number
}

export function pathOf(link: PathLink | null): (string | number)[] {
  const path: (string | number)[] = []
  for (let at = link; at !== null; at = at.parent) path.push(at.key)
  return path.reverse()
}

/** Every string and object key inside a JSON value that cannot be stored as text (at most
 * `limit`), walked without recursion and in linear time, so deep nesting cannot stall or overflow
 * the stack. */
export function textIssues(value: unknown, limit = 20): TextIssue[] {
  const issues: TextIssue[] = []
  const stack: { value: unknown; at: PathLink | null }[] = [{ value, at: null }]
  while (stack.length > 0 && issues.length < limit) {
    const item = stack.pop() as { value: unknown; at: PathLink | null }
    if (typeof item.value === 'string') {
      const problem = textProblem(item.value)
      if (problem) issues.push({ path: pathOf(item.at), message: `the string ${problem}` })
    } else if (Array.isArray(item.value)) {
      for (let i = item.value.length - 1; i >= 0; i--)
        stack.push({ value: item.value[i], at: { parent: item.at, key: i } })
    } else if (isPlainObject(item.value)) {
      const entries = Object.entries(item.value)
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i] as [string, unknown]
        const at = { parent: item.at, key }
        const problem = textProblem(key)
        if (problem) issues.push({ path: pathOf(at), message: `the key ${problem}` })
        else stack.push({ value: child, at })
      }
    }
  }
  return issues
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false
  // Plain objects, and the null-prototype records routers and query parsers build (whose
  // prototype may itself be an empty object with no prototype).
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null || Object.getPrototypeOf(proto) === null
}
