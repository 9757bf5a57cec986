/**
 * What in a message payload could ping someone on Slack: `<!channel>`/`<!here>`/`<!everyone>`,
 * `<!subteam^…>`, `<@U…>` and `<#C…>` markup, `link_names`/`parse: full`, or a bare `@here`-style
 * word in a mrkdwn object that Slack is allowed to parse (not `verbatim`). Returns the offenders.
 */
export function pingingMarkup(args: Record<string, unknown>): string[] {
  const found: string[] = [];
  if (args['link_names'] === true || args['link_names'] === 1) found.push('link_names');
  if (args['parse'] === 'full') found.push('parse=full');
  const visit = (value: unknown, parsedByDefault: boolean): void => {
    if (typeof value === 'string') {
      for (const m of value.match(/<[!@#][^>]*>/g) ?? []) found.push(m);
      if (parsedByDefault) for (const m of value.match(/@(here|channel|everyone)\b/g) ?? []) found.push(m);
      return;
    }
    if (Array.isArray(value)) return value.forEach((v) => visit(v, parsedByDefault));
    if (typeof value === 'object' && value !== null) {
      const record = value as Record<string, unknown>;
      const isMrkdwn = record['type'] === 'mrkdwn';
      for (const [key, v] of Object.entries(record)) {
        if (key === 'text' && isMrkdwn) visit(v, record['verbatim'] !== true);
        else visit(v, false);
      }
    }
  };
  visit(args['text'], false);
  visit(args['blocks'], false);
  visit(args['attachments'], false);
  return found;
}

/** Every piece of text a person would read in a message payload, joined. */
export function readableText(args: Record<string, unknown>): string {
  const parts: string[] = [];
  const visit = (value: unknown): void => {
    if (typeof value === 'string') parts.push(value);
    else if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === 'object' && value !== null) Object.entries(value).forEach(([k, v]) => k === 'text' || typeof v === 'object' ? visit(v) : undefined);
  };
  visit(args['blocks']);
  return parts.join('\n');
}
