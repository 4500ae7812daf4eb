// Goal: every requirement the code cites, and every document it points to, is in the repository
// (issue 10). Scans src/, test/, bench/, docs/ and README.md for R-numbers (R5.5), appendices
// (Appendix A) and Markdown documents (docs/design.md, with an optional "Heading" or §N after it),
// and fails naming file:line for an R-number or appendix docs/requirements.md does not define, a
// document that is not in the repository, a heading that document does not have, or a mention of
// a document kept outside the repository.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, normalize, relative, sep } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '..', '..')
const REQUIREMENTS = 'docs/requirements.md'
const SCANNED = ['src', 'test', 'bench', 'docs', 'README.md']
const SCANNED_EXTENSIONS = ['.ts', '.js', '.mjs', '.cjs', '.md']
/** Files not checked yet, each with the reason. */
const NOT_SCANNED: Record<string, string> = {
  'test/tidy/requirements-refs.test.ts': 'this checker: its examples are meant to fail',
}
/**
 * References left in product output: validation messages and help text are behaviour, and a test
 * asserts one of them, so they change in their own commit (issue 10 keeps behaviour as it is).
 */
const KEPT_IN_OUTPUT: { file: string; reference: string; reason: string }[] = [
  {
    file: 'src/domain/campaign/dialer-api.ts',
    reference: 'webex-dialer-api.md',
    reason: 'the dialer API validation messages cite it; now docs/dialer-api.md "Request bodies"',
  },
  {
    file: 'src/domain/campaign/dialer-api.test.ts',
    reference: 'webex-dialer-api.md',
    reason: 'asserts the message above',
  },
  {
    file: 'src/domain/campaign/campaign-group.ts',
    reference: 'webex-dialer-api.md',
    reason: 'an entryPointId validation message cites it',
  },
  {
    file: 'src/cli.ts',
    reference: 'benchmarks.md',
    reason: '`outdial --help` text; now docs/benchmarks.md "Method: metrics"',
  },
]
/** Names of documents that live outside the repository, mentioned without a path. */
const OUTSIDE_DOCUMENTS = [/\bpacing-notes\b/, /\bhouse style §/, /\bshared\/spec\b/]

const R_NUMBER = /\bR\d+(?:\.\d+)*\b/g
const APPENDIX = /\bAppendix ([A-Z])\b/g
const DOCUMENT = /(?<![\w./-])((?:\.{1,2}\/)*[\w-][\w./-]*\.md)\b/g
const HEADING_AFTER = /^\s*[,(]?\s*"([^"\n]+)"/
const SECTIONS_AFTER = /^\s+(§\d+(?:\s*(?:,|–|-)\s*§\d+)*)/

interface Defined {
  requirements: Set<string>
  appendices: Set<string>
}

/** R-numbers and appendices docs/requirements.md defines: `## R1 …`, `- **R1.1 …`, `## Appendix A`. */
function definedIn(markdown: string): Defined {
  const requirements = new Set<string>()
  const appendices = new Set<string>()
  for (const line of markdown.split('\n')) {
    const heading = /^## (R\d+) /.exec(line)
    if (heading) requirements.add(heading[1]!)
    const entry = /^- \*\*(R\d+(?:\.\d+)+)\b/.exec(line)
    if (entry) requirements.add(entry[1]!)
    const appendix = /^## Appendix ([A-Z])\b/.exec(line)
    if (appendix) appendices.add(appendix[1]!)
  }
  return { requirements, appendices }
}

/** Heading texts of a Markdown file, without their leading #s. */
function headingsOf(file: string): string[] {
  return readFileSync(join(ROOT, file), 'utf8')
    .split('\n')
    .filter((line) => /^#{1,6} /.test(line))
    .map((line) => line.replace(/^#{1,6} /, '').trim())
}

/** The repository file a reference names: relative to the repository, else to the citing file. */
function resolveDocument(citingFile: string, reference: string): string | undefined {
  const fromCiting = normalize(join(dirname(citingFile), reference))
  const candidates = reference.startsWith('.') ? [fromCiting] : [normalize(reference), fromCiting]
  return candidates.find(
    (path) => !path.startsWith(`..${sep}`) && path !== '..' && existsSync(join(ROOT, path)),
  )
}

/** Problems with the references in one file's text, as `file:line: message`. */
function problemsIn(file: string, text: string, defined: Defined): string[] {
  const problems: string[] = []
  // Regular expressions in tests write R5\.5 and docs\.md: read them as the text they match.
  const lines = text.replaceAll('\\.', '.').split('\n')
  lines.forEach((line, index) => {
    const at = `${file}:${index + 1}`
    for (const [reference] of line.matchAll(R_NUMBER)) {
      if (!defined.requirements.has(reference))
        problems.push(`${at}: ${reference} is not defined in ${REQUIREMENTS}`)
    }
    for (const [, letter] of line.matchAll(APPENDIX)) {
      if (!defined.appendices.has(letter!))
        problems.push(`${at}: Appendix ${letter} is not defined in ${REQUIREMENTS}`)
    }
    for (const pattern of OUTSIDE_DOCUMENTS) {
      if (pattern.test(line))
        problems.push(`${at}: names a document outside the repository (${pattern.source})`)
    }
    for (const match of line.matchAll(DOCUMENT)) {
      const reference = match[1]!
      const kept = KEPT_IN_OUTPUT.some((k) => k.file === file && reference.endsWith(k.reference))
      if (kept) continue
      const target = resolveDocument(file, reference)
      if (target === undefined) {
        problems.push(`${at}: ${reference} is not a file in the repository`)
        continue
      }
      const rest = line.slice((match.index ?? 0) + reference.length)
      const headings = headingsOf(target)
      const quoted = HEADING_AFTER.exec(rest)?.[1]
      if (quoted !== undefined && !headings.includes(quoted))
        problems.push(`${at}: ${reference} has no heading "${quoted}"`)
      const sections = SECTIONS_AFTER.exec(rest)?.[1]
      for (const [, number] of (sections ?? '').matchAll(/§(\d+)/g)) {
        if (!headings.some((heading) => heading.startsWith(`${number}. `)))
          problems.push(`${at}: ${reference} has no section ${number} (a heading "${number}. …")`)
      }
    }
  })
  return problems
}

function scannedFiles(path: string): string[] {
  if (statSync(join(ROOT, path)).isFile()) return [path]
  return readdirSync(join(ROOT, path))
    .flatMap((name) => scannedFiles(join(path, name)))
    .filter((file) => SCANNED_EXTENSIONS.some((extension) => file.endsWith(extension)))
}

const defined = definedIn(readFileSync(join(ROOT, REQUIREMENTS), 'utf8'))
const files = SCANNED.flatMap(scannedFiles)
  .map((file) => relative(ROOT, join(ROOT, file)).split(sep).join('/'))
  .filter((file) => NOT_SCANNED[file] === undefined)

describe('requirement and document references resolve inside the repository', () => {
  it(`${REQUIREMENTS} defines R1 … R10 with their parts and Appendix A`, () => {
    for (let major = 1; major <= 10; major += 1) expect(defined.requirements).toContain(`R${major}`)
    expect(defined.requirements).toContain('R5.5')
    expect(defined.requirements.size).toBeGreaterThanOrEqual(48)
    expect([...defined.appendices]).toEqual(['A'])
  })

  it('every R-number, appendix and document cited in the tree exists', () => {
    expect(files.length).toBeGreaterThan(100)
    const problems = files.flatMap((file) =>
      problemsIn(file, readFileSync(join(ROOT, file), 'utf8'), defined),
    )
    expect(problems).toEqual([])
  })

  it('the references kept in product output are still there (else drop them from the list)', () => {
    for (const kept of KEPT_IN_OUTPUT) {
      const text = readFileSync(join(ROOT, kept.file), 'utf8').replaceAll('\\.', '.')
      expect(text, kept.file).toContain(kept.reference)
    }
  })

  it('names what it does not resolve', () => {
    const text = [
      '// R5.5 and R12.3 (Appendix A, Appendix B)',
      'expect(message).toMatch(/R4\\.9/)',
      '// docs/design.md "Durability", docs/design.md "No such part", docs/pacing.md §2, §9',
      '// design.md, ../shared/spec/style.md, pacing-notes §2',
    ].join('\n')
    expect(problemsIn('src/example.ts', text, defined)).toEqual([
      'src/example.ts:1: R12.3 is not defined in docs/requirements.md',
      'src/example.ts:1: Appendix B is not defined in docs/requirements.md',
      'src/example.ts:2: R4.9 is not defined in docs/requirements.md',
      'src/example.ts:3: docs/design.md has no heading "No such part"',
      'src/example.ts:3: docs/pacing.md has no section 9 (a heading "9. …")',
      'src/example.ts:4: names a document outside the repository (\\bpacing-notes\\b)',
      'src/example.ts:4: names a document outside the repository (\\bshared\\/spec\\b)',
      'src/example.ts:4: design.md is not a file in the repository',
      'src/example.ts:4: ../shared/spec/style.md is not a file in the repository',
    ])
  })
})
