// Audio in chunks of any length (RTP packets of 10, 30 or 60 ms, prompt files) to the fixed 20 ms
// frames the call progress analyzer and the RTP sender work in. Pure: the caller pushes and takes.

export const FRAME_SAMPLES_DEFAULT = 160

export interface Framer {
  /** Appends samples; returns every whole frame now complete, in order. */
  push(pcm: Int16Array): Int16Array[]
  /** The samples left over, padded with silence to a frame, or null when none are. */
  flush(): Int16Array | null
}

export function createFramer(frameSamples = FRAME_SAMPLES_DEFAULT): Framer {
  let pending = new Int16Array(frameSamples)
  let filled = 0
  return {
    push(pcm) {
      const out: Int16Array[] = []
      let at = 0
      while (at < pcm.length) {
        const take = Math.min(frameSamples - filled, pcm.length - at)
        pending.set(pcm.subarray(at, at + take), filled)
        filled += take
        at += take
        if (filled === frameSamples) {
          out.push(pending)
          pending = new Int16Array(frameSamples)
          filled = 0
        }
      }
      return out
    },
    flush() {
      if (filled === 0) return null
      const last = pending
      pending = new Int16Array(frameSamples)
      filled = 0
      return last
    },
  }
}
