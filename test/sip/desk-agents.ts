// Desk agents through the agent API (issue 14, R7), for the SIP campaign suite and `npm run
// bench:sip`: every 100 ms each agent's state is read; a reservation not yet answered is answered,
// a wrap-up is ended with an outcome code. During a break every agent but the first hangs up its
// reservation once connected (R7.5: the reservation left for Idle) — with a predictive line
// already dialled for it, that customer finds nobody — and comes back Available after it.

/** One call of the API as an admin: method, path, JSON body. */
export type ApiCall = (method: string, path: string, body?: unknown) => Promise<Response>

const POLL_MS = 100

export function driveDeskAgents(api: ApiCall, agentIds: readonly string[], wrapCode: string) {
  let running = true
  let onBreak = false
  const acted: Record<string, number> = {}
  const act = async (agentId: string, action: string, code?: string) => {
    const response = await api('POST', `/v1/agents/${agentId}/state`, { action, code })
    // A state that moved on meanwhile refuses the action (409); the next round looks again.
    if (response.ok) acted[action] = (acted[action] ?? 0) + 1
    await response.body?.cancel()
  }
  const step = async (agentId: string) => {
    const response = await api('GET', `/v1/agents/${agentId}/state`)
    if (!response.ok) return void (await response.body?.cancel())
    const { state, detail } = (await response.json()) as {
      state: string
      detail: Record<string, unknown>
    }
    const breaks = onBreak && agentId !== agentIds[0]
    if (state === 'WrapUp') await act(agentId, 'endWrapUp', wrapCode)
    else if (state === 'Reserved' && detail.connected !== true)
      await act(agentId, 'answerReservation')
    else if (breaks && state === 'Reserved') await act(agentId, 'hangup', 'idle-break')
    else if (!breaks && state === 'Idle') await act(agentId, 'available')
  }
  const loop = (async () => {
    while (running) {
      await Promise.all(agentIds.map(step))
      await new Promise((resolve) => setTimeout(resolve, POLL_MS))
    }
  })()
  return {
    acted,
    setBreak: (value: boolean) => {
      onBreak = value
    },
    stop: async () => {
      running = false
      await loop
    },
  }
}
