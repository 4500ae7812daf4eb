// Caller ID (R5.1, R6.1, R10.3): the campaign's outdial ANI, an E.164 number. It is the lowest
// precedence caller ID; a record's own caller ID and PreDial's SetCallerID override it.
import { e164FieldSchema } from '../phone.ts'

export { e164FieldSchema as e164Schema } from '../phone.ts'

export const callerIdSchema = e164FieldSchema('callerId')
