// The engine's do-not-call registry kept equal to the store's lists (R5.4): loaded at start,
// reloaded on demand, and changed number by number when the API adds or removes one, so a number
// put on a list from the desktop is blocked at the very next dial.
import type { DncRegistry } from '../compliance/dnc.ts'
import type { DncSnapshot } from '../store/ports/dialer-store.ts'
import type { RuntimeLog } from './log.ts'

export class DncMirror {
  /** What the registry holds per internal list (the registry cannot enumerate its lists). */
  private readonly lists = new Map<string, Set<string>>()
  private nationalLoadedAtMs: number | null = null

  constructor(
    private readonly registry: DncRegistry,
    private readonly log: RuntimeLog,
  ) {}

  names(): string[] {
    return [...this.lists.keys()].sort()
  }

  apply(snapshot: DncSnapshot): void {
    const seen = new Set<string>()
    for (const list of snapshot.lists) {
      seen.add(list.name)
      const wanted = new Set(list.numbers)
      const held = this.lists.get(list.name) ?? new Set<string>()
      for (const number of held) if (!wanted.has(number)) this.remove(list.name, number)
      for (const number of wanted) if (!held.has(number)) this.add(list.name, number)
    }
    for (const name of [...this.lists.keys()]) {
      if (seen.has(name)) continue
      for (const number of [...(this.lists.get(name) ?? [])]) this.remove(name, number)
      this.lists.delete(name)
    }
    const national = snapshot.national
    if (national && national.loadedAtMs !== this.nationalLoadedAtMs) {
      const result = this.registry.loadNational(national.numbers, national.loadedAtMs)
      if (result.kind === 'loaded') this.nationalLoadedAtMs = national.loadedAtMs
      else
        this.log.error('national DNC list refused (too large)', { numbersMax: result.numbersMax })
    }
  }

  add(listName: string, number: string): void {
    const result = this.registry.addToList(listName, number)
    if (result.kind === 'added' || result.kind === 'duplicate') {
      const held = this.lists.get(listName) ?? new Set<string>()
      held.add(number)
      this.lists.set(listName, held)
    } else {
      this.log.error('DNC number not taken by the registry', { listName, reason: result.kind })
    }
  }

  remove(listName: string, number: string): void {
    this.registry.removeFromList(listName, number)
    this.lists.get(listName)?.delete(number)
  }
}
