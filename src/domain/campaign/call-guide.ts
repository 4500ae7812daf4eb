// Call guides (R5.6, the script designer): a form made of business fields (contact data),
// global variables, question fields the agent answers and library functions computed from the
// record. A form marked `callGuide` is attached to a campaign and shown during the call; the
// answers are validated here and stored with the attempt.
import { DateTime } from 'luxon'
import { z } from 'zod'
import { globalVariableNameSchema } from '../config/global-variable.ts'
import {
  addDuplicateIssues,
  booleanSchema,
  boundedString,
  enumSchema,
  idSchema,
  nameSchema,
} from '../config/schema-kit.ts'

export const CALL_GUIDE_ITEMS_MAX = 100
export const CALL_GUIDE_CHOICES_MAX = 50
export const CALL_GUIDE_LABEL_LENGTH_MAX = 200
export const CALL_GUIDE_ANSWER_LENGTH_MAX = 2000
export const ANSWER_TYPES = ['TEXT', 'NUMBER', 'BOOLEAN', 'CHOICE', 'DATE'] as const
/** The library functions a form can show; each is pure and reads only the record. */
export const LIBRARY_FUNCTIONS = ['UPPER', 'LOWER', 'AGE_YEARS', 'DAYS_SINCE', 'CONCAT'] as const
export type LibraryFunction = (typeof LIBRARY_FUNCTIONS)[number]

const label = boundedString('label', CALL_GUIDE_LABEL_LENGTH_MAX, 'labels are ≤ 200 characters')

const businessFieldItem = z.strictObject({
  kind: z.literal('BUSINESS_FIELD'),
  id: idSchema('id'),
  label,
  /** Contact field (as mapped at import) shown read-only. */
  fieldName: globalVariableNameSchema,
})
const globalVariableItem = z.strictObject({
  kind: z.literal('GLOBAL_VARIABLE'),
  id: idSchema('id'),
  label,
  variableName: globalVariableNameSchema,
})
const questionItem = z
  .strictObject({
    kind: z.literal('QUESTION'),
    id: idSchema('id'),
    label,
    answerType: enumSchema('answerType', ANSWER_TYPES, 'R5.6 question fields'),
    required: booleanSchema('required').default(false),
    choices: z
      .array(boundedString('choices[]', CALL_GUIDE_LABEL_LENGTH_MAX, 'choices are ≤ 200 chars'))
      .max(CALL_GUIDE_CHOICES_MAX)
      .optional(),
  })
  .superRefine((item, ctx) => {
    if (item.answerType === 'CHOICE' && (item.choices ?? []).length === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['choices'],
        message: 'a CHOICE question needs at least one choice',
      })
    if (item.answerType !== 'CHOICE' && item.choices !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['choices'],
        message: `choices apply only to CHOICE questions, not ${item.answerType}`,
      })
  })
const functionItem = z.strictObject({
  kind: z.literal('FUNCTION'),
  id: idSchema('id'),
  label,
  function: enumSchema('function', LIBRARY_FUNCTIONS, 'the call-guide function library'),
  /** Contact fields the function reads, in order. */
  args: z.array(globalVariableNameSchema).min(1).max(5),
})

export const callGuideItemSchema = z.discriminatedUnion('kind', [
  businessFieldItem,
  globalVariableItem,
  questionItem,
  functionItem,
])
export type CallGuideItem = z.infer<typeof callGuideItemSchema>

export const callGuideSchema = z
  .object({
    id: idSchema('id'),
    name: nameSchema('name'),
    /** Only a form marked as call guide can be attached to a campaign (R5.6). */
    callGuide: booleanSchema('callGuide').default(true),
    items: z
      .array(callGuideItemSchema)
      .min(1, 'a form needs at least one item')
      .max(CALL_GUIDE_ITEMS_MAX, `a form has at most ${CALL_GUIDE_ITEMS_MAX} items`),
  })
  .superRefine((form, ctx) => {
    addDuplicateIssues(ctx, form.items, (item) => item.id, {
      basePath: ['items'],
      keyPath: ['id'],
      what: 'item',
      why: 'answers are keyed by item id',
    })
  })
export type CallGuide = z.infer<typeof callGuideSchema>

export type Answers = Record<string, string | number | boolean>
export type AnswerIssue = { path: string; message: string }

/** Checks an agent's answers against the form: known questions, types, choices, required ones. */
export function validateAnswers(form: CallGuide, answers: Answers): AnswerIssue[] {
  const issues: AnswerIssue[] = []
  const questions = new Map(
    form.items.flatMap((item) => (item.kind === 'QUESTION' ? [[item.id, item] as const] : [])),
  )
  for (const key of Object.keys(answers))
    if (!questions.has(key))
      issues.push({ path: `answers.${key}`, message: `'${key}' is not a question of this form` })
  for (const [id, question] of questions) {
    const value = answers[id]
    const path = `answers.${id}`
    if (value === undefined) {
      if (question.required) issues.push({ path, message: `'${question.label}' is required` })
      continue
    }
    const problem = answerProblem(question, value)
    if (problem) issues.push({ path, message: problem })
  }
  return issues
}

function answerProblem(
  question: Extract<CallGuideItem, { kind: 'QUESTION' }>,
  value: string | number | boolean,
): string | null {
  switch (question.answerType) {
    case 'TEXT':
      return typeof value === 'string' && value.length <= CALL_GUIDE_ANSWER_LENGTH_MAX
        ? null
        : `a text answer of at most ${CALL_GUIDE_ANSWER_LENGTH_MAX} characters`
    case 'NUMBER':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'a number is expected'
    case 'BOOLEAN':
      return typeof value === 'boolean' ? null : 'true or false is expected'
    case 'CHOICE':
      return typeof value === 'string' && (question.choices ?? []).includes(value)
        ? null
        : `one of: ${(question.choices ?? []).join(', ')}`
    case 'DATE':
      return typeof value === 'string' && DateTime.fromISO(value).isValid
        ? null
        : 'an ISO date (YYYY-MM-DD) is expected'
  }
}

/** Evaluates a library function on the contact's fields at `nowMs` (passed in: no clock here). */
export function evaluateFunction(
  fn: LibraryFunction,
  args: readonly (string | undefined)[],
  nowMs: number,
): string {
  const first = args[0] ?? ''
  switch (fn) {
    case 'UPPER':
      return first.toUpperCase()
    case 'LOWER':
      return first.toLowerCase()
    case 'CONCAT':
      return args.filter((a) => a !== undefined && a !== '').join(' ')
    case 'AGE_YEARS':
    case 'DAYS_SINCE': {
      const date = DateTime.fromISO(first, { zone: 'utc' })
      if (!date.isValid) return ''
      const now = DateTime.fromMillis(nowMs, { zone: 'utc' })
      const unit = fn === 'AGE_YEARS' ? 'years' : 'days'
      return String(Math.floor(now.diff(date, unit).as(unit)))
    }
  }
}
