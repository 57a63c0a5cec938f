// A hand-written horizontal bar chart of the ratios: one bar per scenario, a line at 1.
import type { ScenarioResult } from './report.js'
import { ratioOf } from './report.js'

const WIDTH = 760
const ROW = 30
const TOP = 56
const LABEL_WIDTH = 330
const CHART_LEFT = LABEL_WIDTH + 10
const CHART_RIGHT = WIDTH - 60

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/**
 * Renders touche's ratio against node:http per scenario as an SVG document (above 1: touche did
 * better).
 *
 * @example
 * writeFileSync('benchmarks/results/latest.svg', renderSvg(results, machineInfo()))
 */
export function renderSvg(results: readonly ScenarioResult[], subtitle: string): string {
  const ratios = results.map((r) => ratioOf(r))
  const finite = ratios.filter(Number.isFinite)
  const scaleMax = Math.max(2, Math.ceil(Math.max(0, ...finite) * 2) / 2)
  const x = (ratio: number): number => CHART_LEFT + (ratio / scaleMax) * (CHART_RIGHT - CHART_LEFT)
  const height = TOP + results.length * ROW + 40
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" ` +
      `viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="13">`,
    `<rect width="${WIDTH}" height="${height}" fill="#fff"/>`,
    `<text x="10" y="22" font-size="16" font-weight="bold">touche ÷ baseline: node:http, ` +
      `@hono/node-server for Hono (above 1 = touche better)</text>`,
    `<text x="10" y="42" fill="#555" font-size="11">${escape(subtitle)}</text>`,
  ]
  results.forEach((result, i) => {
    const ratio = ratios[i]!
    const y = TOP + i * ROW
    const label = `${result.scenario.title} (${result.scenario.unit})`
    out.push(`<text x="${LABEL_WIDTH}" y="${y + 19}" text-anchor="end">${escape(label)}</text>`)
    if (!Number.isFinite(ratio)) {
      out.push(`<text x="${CHART_LEFT + 4}" y="${y + 19}" fill="#888">n/a</text>`)
      return
    }
    const colour = ratio >= 1 ? '#2e7d32' : '#c62828'
    const width = Math.max(1, x(ratio) - CHART_LEFT).toFixed(1)
    out.push(`<rect x="${CHART_LEFT}" y="${y + 6}" width="${width}" height="18" fill="${colour}"/>`)
    out.push(`<text x="${(x(ratio) + 4).toFixed(1)}" y="${y + 19}">${ratio.toFixed(2)}×</text>`)
  })
  const bottom = TOP + results.length * ROW
  for (let tick = 0; tick <= scaleMax; tick += 0.5) {
    const tx = x(tick).toFixed(1)
    out.push(`<text x="${tx}" y="${bottom + 18}" text-anchor="middle" fill="#555">${tick}</text>`)
  }
  const one = x(1).toFixed(1)
  out.push(
    `<line x1="${one}" y1="${TOP}" x2="${one}" y2="${bottom + 4}" stroke="#333" ` +
      `stroke-dasharray="4 3"/>`,
    '</svg>'
  )
  return out.join('\n') + '\n'
}
