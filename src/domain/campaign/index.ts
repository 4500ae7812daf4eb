// Campaign manager objects (R1, R2, R5, R10.2): campaign groups and their pacing, campaigns,
// preview offers and the dialer API request bodies — schemas, types and pure rules.

export * from './call-guide.ts'
export * from './caller-id.ts'
export * from './campaign.ts'
export * from './campaign-group.ts'
export * from './cpa.ts'
export * from './dialer-api.ts'
export * from './limits.ts'
export * from './outcome-group.ts'
export * from './pacing.ts'
export * from './preview.ts'
