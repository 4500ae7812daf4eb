// `npm run gen:api`: writes web/src/api-schema.d.ts from the server's OpenAPI document.
import { writeFileSync } from 'node:fs'
import { API_TYPES_FILE, apiTypes } from './api-types.ts'

writeFileSync(API_TYPES_FILE, await apiTypes())
console.log(`wrote ${API_TYPES_FILE}`)
