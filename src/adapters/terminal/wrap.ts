import wrapAnsi from 'wrap-ansi';

/**
 * Wraps text at word boundaries to a terminal's width; a wrapped line keeps its indentation.
 * Without a known width (output piped to a file) the text stays as it is.
 */
export function wrapToWidth(text: string, columns: number | undefined): string {
  if (columns === undefined || columns < 20) return text;
  return text
    .split('\n')
    .map((line) => {
      const indent = /^\s*/.exec(line)?.[0] ?? '';
      return wrapAnsi(line.slice(indent.length), columns - indent.length, { hard: false, trim: true })
        .split('\n')
        .map((part) => `${indent}${part}`)
        .join('\n');
    })
    .join('\n');
}
