// The runtime's ports in memory, for tests: the contact store and attempt log
// (memory-dialer-store.ts), configuration, campaign states and DNC lists.
import type {
  CampaignStateStore,
  ConfigSource,
  DncSnapshot,
  DncSource,
  PersistedCampaignState,
  RuntimePorts,
  TenantConfig,
} from '../../../src/store/ports/dialer-store.ts'
import { MemoryAgentStates } from './memory-agent-states.ts'
import { MemoryDialerStore } from './memory-dialer-store.ts'

export class MemoryConfigSource implements ConfigSource {
  constructor(public config: TenantConfig) {}

  async load(): Promise<TenantConfig> {
    return structuredClone(this.config)
  }
}

export class MemoryCampaignStates implements CampaignStateStore {
  readonly states = new Map<string, PersistedCampaignState>()
  failSaves = 0

  async load(): Promise<PersistedCampaignState[]> {
    return [...this.states.values()].map((state) => structuredClone(state))
  }

  async save(state: PersistedCampaignState): Promise<void> {
    if (this.failSaves > 0) {
      this.failSaves -= 1
      throw new Error('injected campaign state save failure')
    }
    this.states.set(state.campaignId, structuredClone(state))
  }
}

export class MemoryDncSource implements DncSource {
  readonly lists = new Map<string, Set<string>>()
  national: { name: string; numbers: string[]; loadedAtMs: number } | null = null
  /** National lists of other regions (the one above is the US list). */
  regional: DncSnapshot['national'] = []

  add(listName: string, number: string): void {
    const list = this.lists.get(listName) ?? new Set<string>()
    list.add(number)
    this.lists.set(listName, list)
  }

  async load(): Promise<DncSnapshot> {
    return {
      lists: [...this.lists].map(([name, numbers]) => ({ name, numbers: [...numbers] })),
      national: [
        ...(this.national
          ? [{ ...this.national, region: 'US' as const, numbers: [...this.national.numbers] }]
          : []),
        ...this.regional.map((list) => ({ ...list, numbers: [...list.numbers] })),
      ],
    }
  }
}

export interface MemoryPorts extends RuntimePorts {
  contacts: MemoryDialerStore
  attempts: MemoryDialerStore
  agentStates: MemoryAgentStates
  config: MemoryConfigSource
  campaignStates: MemoryCampaignStates
  dnc: MemoryDncSource
}

/** One tenant's ports in memory; the contact store and the attempt log share one "database". */
export function memoryPorts(config: TenantConfig): MemoryPorts {
  const store = new MemoryDialerStore()
  return {
    contacts: store,
    attempts: store,
    agentStates: new MemoryAgentStates(),
    config: new MemoryConfigSource(config),
    campaignStates: new MemoryCampaignStates(),
    dnc: new MemoryDncSource(),
  }
}
