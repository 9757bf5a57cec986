import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import type { Claim } from '../core/claim.ts';
import { ChatExampleSchema, type ChatExample } from './chat-eval.ts';

const AddedClaimsSchema = z
  .object({
    claims: z.array(z.object({ id: z.string(), claim: z.string(), phrasing: z.string() }).strict()).min(1),
    messages: z.array(ChatExampleSchema).min(1),
  })
  .strict();

/**
 * A set of claims of other stories, each with its claim text and one phrasing (as a moderator
 * adds one from the shell), and chat messages labelled against them (`test/fixtures/added-claims-*.yaml`).
 */
export interface AddedClaims {
  claims: Claim[];
  messages: ChatExample[];
}

export function readAddedClaims(file: string): AddedClaims {
  const parsed = AddedClaimsSchema.safeParse(parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file}: ${issue?.path.join('.') || 'the file'}: ${issue?.message ?? 'invalid'}`);
  }
  const ids = new Set(parsed.data.claims.map((c) => c.id));
  for (const m of parsed.data.messages) {
    if (m.claim !== null && !ids.has(m.claim)) throw new Error(`${file}: message "${m.text}" is labelled with claim "${m.claim}", which the file does not define`);
  }
  return { claims: parsed.data.claims.map((c) => addedFromShell(c.id, c.claim, c.phrasing)), messages: parsed.data.messages };
}

/** A claim as `factcheck claim add --claim ... --phrasing ...` makes it: one sentence, one phrasing. */
export function addedFromShell(id: string, claim: string, phrasing: string): Claim {
  return {
    id,
    claim,
    verdict: 'false',
    note: `A note on ${id}.`,
    evidence: [],
    source: { title: 'Evaluation', url: 'https://example.org/' },
    phrasings: [phrasing],
    counterExamples: [],
    tags: [],
    status: 'published',
    updated: '2026-01-01',
  };
}
