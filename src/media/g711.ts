// G.711 (ITU-T G.711) µ-law and A-law: 16-bit linear PCM to and from the 8-bit codes an RTP payload
// of type 0 (PCMU) or 8 (PCMA) carries. Pure functions over typed arrays; no I/O.

const MU_BIAS = 0x84
const MU_CLIP = 32635

/** One 16-bit linear sample to its µ-law byte. */
export function muLawEncodeSample(sample: number): number {
  let pcm = Math.max(-32768, Math.min(32767, Math.round(sample)))
  const sign = pcm < 0 ? 0x80 : 0
  if (sign) pcm = -pcm
  if (pcm > MU_CLIP) pcm = MU_CLIP
  pcm += MU_BIAS
  let exponent = 7
  for (let mask = 0x4000; (pcm & mask) === 0 && exponent > 0; mask >>= 1) exponent--
  const mantissa = (pcm >> (exponent + 3)) & 0x0f
  return ~(sign | (exponent << 4) | mantissa) & 0xff
}

/** One µ-law byte to its 16-bit linear sample. */
export function muLawDecodeSample(code: number): number {
  const byte = ~code & 0xff
  const sign = byte & 0x80
  const exponent = (byte >> 4) & 0x07
  const mantissa = byte & 0x0f
  const magnitude = (((mantissa << 3) + MU_BIAS) << exponent) - MU_BIAS
  return sign ? -magnitude : magnitude
}

/** One 16-bit linear sample to its A-law byte. */
export function aLawEncodeSample(sample: number): number {
  let pcm = Math.max(-32768, Math.min(32767, Math.round(sample)))
  const sign = pcm >= 0 ? 0x80 : 0
  if (!sign) pcm = -pcm - 1
  if (pcm > 32767) pcm = 32767
  let code: number
  if (pcm < 256) {
    code = pcm >> 4
  } else {
    let exponent = 7
    for (let mask = 0x4000; (pcm & mask) === 0 && exponent > 1; mask >>= 1) exponent--
    code = (exponent << 4) | ((pcm >> (exponent + 3)) & 0x0f)
  }
  return (sign | code) ^ 0x55
}

/** One A-law byte to its 16-bit linear sample. */
export function aLawDecodeSample(code: number): number {
  const byte = (code ^ 0x55) & 0xff
  const sign = byte & 0x80
  const exponent = (byte >> 4) & 0x07
  const mantissa = byte & 0x0f
  let magnitude = exponent === 0 ? (mantissa << 4) + 8 : ((mantissa << 4) + 0x108) << (exponent - 1)
  if (!sign) magnitude = -magnitude
  return magnitude
}

const MU_TABLE = Int16Array.from({ length: 256 }, (_, code) => muLawDecodeSample(code))
const A_TABLE = Int16Array.from({ length: 256 }, (_, code) => aLawDecodeSample(code))

export type G711Law = 'mu' | 'a'

/** 16-bit linear PCM to G.711 codes. */
export function encodeG711(pcm: Int16Array, law: G711Law): Uint8Array {
  const out = new Uint8Array(pcm.length)
  const encode = law === 'mu' ? muLawEncodeSample : aLawEncodeSample
  for (let i = 0; i < pcm.length; i++) out[i] = encode(pcm[i]!)
  return out
}

/** G.711 codes to 16-bit linear PCM. */
export function decodeG711(codes: Uint8Array, law: G711Law): Int16Array {
  const out = new Int16Array(codes.length)
  const table = law === 'mu' ? MU_TABLE : A_TABLE
  for (let i = 0; i < codes.length; i++) out[i] = table[codes[i]!]!
  return out
}
