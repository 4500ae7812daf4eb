// Minimal SVG building blocks for the drift chart (no charting library: a few hundred numbers
// and two panels do not need one).

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

const num = (v: number) => String(Math.round(v * 10) / 10)

export function text(
  x: number,
  y: number,
  content: string,
  attrs: Record<string, string | number> = {},
): string {
  return `<text x="${num(x)}" y="${num(y)}"${attributes(attrs)}>${escapeXml(content)}</text>`
}

export function line(
  x1: number,
  y1: number,
  x2: number,
  y2: number,
  attrs: Record<string, string | number>,
): string {
  return `<line x1="${num(x1)}" y1="${num(y1)}" x2="${num(x2)}" y2="${num(y2)}"${attributes(attrs)}/>`
}

export function rect(
  x: number,
  y: number,
  w: number,
  h: number,
  attrs: Record<string, string | number>,
): string {
  return `<rect x="${num(x)}" y="${num(y)}" width="${num(w)}" height="${num(h)}"${attributes(attrs)}/>`
}

function attributes(attrs: Record<string, string | number>): string {
  return Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('')
}

/** A path through the points; a null value breaks the line (no data there). */
export function polyline(points: readonly { x: number; y: number | null }[]): string {
  let d = ''
  let drawing = false
  for (const p of points) {
    if (p.y === null) {
      drawing = false
      continue
    }
    d += `${drawing ? 'L' : 'M'}${num(p.x)} ${num(p.y)}`
    drawing = true
  }
  return d
}

/** Ticks at 1, 2, 2.5 or 5 × 10^k, about `count` of them, from 0 to at least `max`. */
export function niceTicks(max: number, count: number): number[] {
  const safeMax = max > 0 && Number.isFinite(max) ? max : 1
  const raw = safeMax / count
  const magnitude = 10 ** Math.floor(Math.log10(raw))
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw
  const ticks: number[] = []
  for (let i = 0; ticks.length === 0 || ticks[ticks.length - 1]! < safeMax - 1e-12; i++) {
    ticks.push(Math.round(i * step * 1e6) / 1e6)
  }
  return ticks
}

/** A linear map from a data interval to a pixel interval. */
export function scale(d0: number, d1: number, p0: number, p1: number): (v: number) => number {
  const k = d1 === d0 ? 0 : (p1 - p0) / (d1 - d0)
  return (v) => p0 + (v - d0) * k
}
