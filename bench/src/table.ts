/** A results table, rendered both for the terminal and for BENCHMARKS.md from the same data. */
export interface Column {
  readonly title: string;
  readonly align: 'left' | 'right';
}

export interface Table {
  readonly columns: readonly Column[];
  readonly rows: readonly (readonly string[])[];
}

/** Display width in a monospace font; counts code points so "×" and "ë" count once. */
function width(text: string): number {
  return [...text].length;
}

function pad(text: string, size: number, align: Column['align']): string {
  const fill = ' '.repeat(Math.max(0, size - width(text)));
  return align === 'left' ? text + fill : fill + text;
}

function columnWidths(table: Table): number[] {
  return table.columns.map((column, i) =>
    Math.max(width(column.title), ...table.rows.map((row) => width(row[i] ?? ''))),
  );
}

/** Plain text with a rule under the header, for stdout. */
export function renderText(table: Table): string {
  const widths = columnWidths(table);
  const line = (cells: readonly string[]): string =>
    table.columns
      .map((column, i) => pad(cells[i] ?? '', widths[i] ?? 0, column.align))
      .join('  ')
      .trimEnd();
  const rule = widths.map((size) => '─'.repeat(size)).join('  ');
  return [line(table.columns.map((column) => column.title)), rule, ...table.rows.map(line)].join(
    '\n',
  );
}

/** A GitHub pipe table with padded columns, so the raw file reads as well as the rendered one. */
export function renderMarkdown(table: Table): string {
  const widths = columnWidths(table).map((size) => Math.max(size, 3));
  const line = (cells: readonly string[]): string =>
    `| ${table.columns.map((column, i) => pad(cells[i] ?? '', widths[i] ?? 0, column.align)).join(' | ')} |`;
  const rule = `| ${table.columns
    .map((column, i) => {
      const dashes = '-'.repeat(widths[i] ?? 3);
      return column.align === 'right' ? `${dashes.slice(1)}:` : dashes;
    })
    .join(' | ')} |`;
  return [line(table.columns.map((column) => column.title)), rule, ...table.rows.map(line)].join(
    '\n',
  );
}
