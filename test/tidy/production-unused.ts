export interface UnusedFinding {
  kind: string
  file: string
  name: string
  reason?: string
}
export const PRODUCTION_UNUSED: (UnusedFinding & { reason: string })[] = []
