// The engine's do-not-call registry kept equal to the store's lists (R5.4). At start and after a
// whole list is loaded from a file the runtime applies a snapshot of every list (as differences
// for the internal lists; a national list again only when its load time changed, each under its
// name and region; a national list gone from the store is dropped). A number
// added or taken off through the API (or the desktop) changes the registry synchronously, number
// by number, before the API answers: from then on the engine's compliance gate and the last check
// before each dial (attempt-journal.ts) refuse it. Nothing is reloaded in the background.
import type { DncRegistry } from '../compliance/dnc.ts'
import type { DncSnapshot } from '../store/ports/dialer-store.ts'
import type { RuntimeLog } from './log.ts'

export class DncMirror {
  /** What the registry holds per internal list (the registry cannot enumerate its lists). */
  private readonly lists = new Map<string, Set<string>>()
  /** The load time of each national list the registry holds, by name. */
  private readonly nationalLoadedAtMs = new Map<string, number>()

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
    const nationalSeen = new Set<string>()
    for (const national of snapshot.national) {
      nationalSeen.add(national.name)
      if (national.loadedAtMs === this.nationalLoadedAtMs.get(national.name)) continue
      const result = this.registry.loadNational(national.numbers, national.loadedAtMs, {
        name: national.name,
        region: national.region,
      })
      if (result.kind === 'loaded') this.nationalLoadedAtMs.set(national.name, national.loadedAtMs)
      else
        this.log.error('national DNC list refused (too large)', {
          listName: national.name,
          numbersMax: result.numbersMax,
        })
    }
    for (const name of [...this.nationalLoadedAtMs.keys()]) {
      if (nationalSeen.has(name)) continue
      this.registry.dropNational(name)
      this.nationalLoadedAtMs.delete(name)
    }
  }

  add(listName: string, number: string): void {
    if (this.nationalLoadedAtMs.has(listName)) {
      const result = this.registry.addNational(number, listName)
      if (result.kind !== 'added' && result.kind !== 'duplicate')
        this.log.error('DNC number not taken by the national copy', {
          listName,
          reason: result.kind,
        })
      return
    }
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
    if (this.nationalLoadedAtMs.has(listName)) {
      this.registry.removeNational(number, listName)
      return
    }
    this.registry.removeFromList(listName, number)
    this.lists.get(listName)?.delete(number)
  }
}
