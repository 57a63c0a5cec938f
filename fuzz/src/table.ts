/**
 * A Markdown table with columns padded to their widest cell, for terminal output that can be
 * pasted into a README as is.
 *
 * @example
 * ```ts
 * table(['a', 'b'], [['1', '2']])
 * // | a   | b   |
 * // | --- | --- |
 * // | 1   | 2   |
 * ```
 */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) =>
    Math.max(3, h.length, ...rows.map((r) => (r[i] ?? '').length))
  )
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')
}
