/** A result table for stdout: Markdown, so it reads in a terminal and pastes into a note or an issue. */
export type Cell = string | number | null;

export function markdownTable(header: string[], rows: Cell[][]): string {
  const text = (c: Cell) => (c === null ? '—' : String(c));
  const cells = [header, ...rows.map((r) => r.map(text))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(cells[0]), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.slice(1).map(line)].join('\n');
}
