// A refused dialer command as the one error body: unknown → 404, not allowed now → 409,
// bad parameters → 400 naming fields, someone else's task → 403.

import type { ControlRefusal } from '../runtime/control.ts'
import { ApiError, badRequest, conflict, forbidden } from './errors.ts'

export function refusalError(refusal: ControlRefusal): ApiError {
  switch (refusal.reason) {
    case 'notFound':
      return new ApiError(404, refusal.message)
    case 'illegal':
      return conflict(refusal.message)
    case 'invalid':
      return badRequest(refusal.message, refusal.details)
    case 'forbidden':
      return forbidden(refusal.message)
  }
}
