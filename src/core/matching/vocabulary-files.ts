import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The text of one file of `vocabulary/`, and the path its errors name. The compiled bundle
 * (scripts/build.mjs) carries these files inside it, already parsed (`data`: reading the YAML
 * was a tenth of `factcheck check`'s start), and replaces this module, so dist/ and the Docker
 * image, which have no src/, read the same words.
 */
export function readVocabularyFile(file: string): { text: string; data?: unknown; where: string } {
  const url = new URL(file, new URL('./vocabulary/', import.meta.url));
  return { text: readFileSync(url, 'utf8'), where: fileURLToPath(url) };
}
