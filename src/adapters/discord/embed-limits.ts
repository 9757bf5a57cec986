/** Discord's embed limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const EMBED_LIMIT = { title: 256, description: 4096, fieldName: 256, fieldValue: 1024, footer: 2048 } as const;

/** Shortens text to `max` characters, ending with an ellipsis when it was cut. */
export function fit(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}
