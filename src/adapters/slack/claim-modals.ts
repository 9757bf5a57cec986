import type { types } from '@slack/bolt';
import { z } from 'zod';
import { NOTE_MAX_CHARS, type Claim } from '../../core/claim.ts';
import type { RankedClaim } from '../../core/message.ts';
import { ModerationInputError, PermissionDenied } from '../../core/moderation/actor.ts';
import type { ClaimInput } from '../../core/moderation/moderation-service.ts';
import { VERDICT_STYLE, VERDICTS } from '../../core/verdict.ts';
import { VersionConflict } from '../../core/store/moderation-store.ts';
import { StoreFailure } from '../../core/store/store-failure.ts';
import { clip, escapeMrkdwn, quoteEcho } from './mrkdwn.ts';

/** Modal callback ids, as view_submission payloads name them. */
export const CLAIM_ADD_VIEW = 'claim_add';
export const CLAIM_EDIT_VIEW = 'claim_edit';
export const PUSH_CORRECTION_VIEW = 'push_correction_view';
/** The external select that searches every claim when the static picker cannot list them all. */
export const CLAIM_SEARCH_ACTION = 'claim_search';

// Slack's limits: 100 options in a select, 75 characters of option text, 3000 of private_metadata.
const MAX_OPTIONS = 100;
const OPTION_TEXT_MAX = 75;
const CARRIED_TEXT_MAX = 1000;
const COMMENT_MAX = 300;

/** Where a push-correction modal came from, carried in its private_metadata. */
export const CorrectionTarget = z.object({ channel: z.string().min(1), ts: z.string().min(1), threadTs: z.string().optional(), text: z.string() });
export type CorrectionTarget = z.infer<typeof CorrectionTarget>;

/** A claim modal's private_metadata: the claim and the version it was opened at (edit only). */
export const ClaimFormTarget = z.object({ id: z.string().optional(), version: z.number().int().min(0).optional() });
export type ClaimFormTarget = z.infer<typeof ClaimFormTarget>;

/** The submitted values of a modal, as view_submission carries them (validated at the edge). */
const StateValues = z.record(
  z.string(),
  z.record(z.string(), z.object({ value: z.string().nullish(), selected_option: z.object({ value: z.string() }).nullish() }).loose()),
);

/** One field's text from a submitted modal, or undefined when left empty. */
export function submitted(state: unknown, blockId: string): string | undefined {
  const parsed = StateValues.safeParse(state);
  if (!parsed.success) return undefined;
  const element = parsed.data[blockId]?.[blockId];
  const value = element?.selected_option?.value ?? element?.value ?? undefined;
  return value === undefined || value === null ? undefined : value;
}

export function readMetadata<T>(schema: z.ZodType<T>, metadata: string | undefined): T | undefined {
  try {
    const parsed = schema.safeParse(JSON.parse(metadata ?? ''));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function plain(text: string): types.PlainTextElement {
  return { type: 'plain_text', text, emoji: true };
}

function option(text: string, value: string): types.PlainTextOption {
  return { text: plain(clip(text, OPTION_TEXT_MAX)), value };
}

function textInput(blockId: string, label: string, options: { initial?: string | undefined; multiline?: boolean; optional?: boolean; hint?: string; placeholder?: string; maxLength?: number }): types.InputBlock {
  return {
    type: 'input',
    block_id: blockId,
    label: plain(label),
    optional: options.optional ?? false,
    ...(options.hint === undefined ? {} : { hint: plain(options.hint) }),
    element: {
      type: 'plain_text_input',
      action_id: blockId,
      multiline: options.multiline ?? false,
      ...(options.initial === undefined || options.initial === '' ? {} : { initial_value: options.initial }),
      ...(options.placeholder === undefined ? {} : { placeholder: plain(options.placeholder) }),
      ...(options.maxLength === undefined ? {} : { max_length: options.maxLength }),
    },
  };
}

const verdictOption = (verdict: (typeof VERDICTS)[number]) => option(VERDICT_STYLE[verdict].label, verdict);

/**
 * `/claim add` (no claim) or `/claim edit` (prefilled). The edit modal carries the version it
 * was opened at, so a change made meanwhile by someone else is refused instead of overwritten.
 */
export function claimFormView(target: { claim?: Claim; version?: number }): types.ModalView {
  const { claim } = target;
  const metadata: ClaimFormTarget = claim === undefined ? {} : { id: claim.id, version: target.version ?? 0 };
  const blocks: types.KnownBlock[] = [];
  if (claim === undefined) {
    blocks.push(textInput('id', 'Claim id', { hint: 'Lower-case letters, digits and dashes, e.g. trump-video-2025. It cannot change later.', maxLength: 80 }));
  } else {
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `Claim \`${escapeMrkdwn(claim.id)}\`, version ${target.version ?? 0}`, verbatim: true }] });
  }
  blocks.push(
    {
      type: 'input',
      block_id: 'verdict',
      label: plain('Verdict'),
      element: {
        type: 'static_select',
        action_id: 'verdict',
        options: VERDICTS.map(verdictOption),
        ...(claim === undefined ? {} : { initial_option: verdictOption(claim.verdict) }),
      },
    },
    textInput('claim', 'Claim, as checked', { initial: claim?.claim, multiline: true }),
    textInput('note', 'Verification note', { initial: claim?.note, multiline: true, maxLength: NOTE_MAX_CHARS, hint: `What is true instead, in at most ${NOTE_MAX_CHARS} characters.` }),
    textInput('evidence', 'Evidence', { initial: claim?.evidence.join('\n'), multiline: true, optional: claim !== undefined, hint: 'One to three quotes, one per line, copied word for word from the source.' }),
    textInput('source', 'Source', { initial: claim?.source.url ?? claim?.source.file, optional: true, placeholder: 'https://… or sources/FILE', hint: claim === undefined ? 'Leave empty for the source the other claims cite.' : 'A URL, or a file in knowledge/sources/.' }),
    textInput('phrasings', claim === undefined ? 'Phrasings' : 'Add phrasings', { multiline: true, optional: true, hint: 'Other ways people say it, one per line; messages like these are answered.' }),
  );
  return {
    type: 'modal',
    callback_id: claim === undefined ? CLAIM_ADD_VIEW : CLAIM_EDIT_VIEW,
    private_metadata: JSON.stringify(metadata),
    title: plain(claim === undefined ? 'Add a claim' : 'Edit a claim'),
    submit: plain('Save'),
    close: plain('Cancel'),
    blocks,
  };
}

/** The fields of a submitted claim modal; on edit, fields left as they were prefilled are not sent. */
export function claimInputFrom(state: unknown, before?: Claim): ClaimInput {
  const input: ClaimInput = {};
  const text = (blockId: string) => submitted(state, blockId) ?? '';
  const lines = (blockId: string) => text(blockId).split('\n').map((l) => l.trim()).filter(Boolean);
  if (before === undefined) input.id = text('id').trim();
  // Sent even when empty, so an emptied note is refused by the core instead of silently kept.
  input.verdict = text('verdict');
  input.claim = text('claim').trim();
  input.note = text('note').trim();
  const evidence = lines('evidence');
  if (before === undefined || evidence.join('\n') !== before.evidence.map((e) => e.trim()).join('\n')) input.evidence = evidence;
  const source = text('source').trim();
  if (source !== '' && source !== (before?.source.url ?? before?.source.file)) input.source = source;
  const phrasings = lines('phrasings');
  if (phrasings.length > 0) input.phrasings = phrasings;
  return input;
}

/** "Push correction": pick the claim (best matches for the message first) and add a comment. */
export function pushCorrectionView(target: CorrectionTarget, best: RankedClaim[], all: Claim[]): types.ModalView {
  const carried: CorrectionTarget = { ...target, text: clip(target.text, CARRIED_TEXT_MAX) };
  const blocks: types.KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: `*Message:*\n${quoteEcho(clip(target.text, 300))}`, verbatim: true } },
    ...claimPickerBlocks(best, all),
    textInput('comment', 'Comment (shown with the correction)', { multiline: true, optional: true, maxLength: COMMENT_MAX }),
    { type: 'context', elements: [{ type: 'mrkdwn', text: "The bot answers in the message's thread, for everyone, and learns the message's words so the next message like it is caught.", verbatim: true }] },
  ];
  return {
    type: 'modal',
    callback_id: PUSH_CORRECTION_VIEW,
    private_metadata: JSON.stringify(carried),
    title: plain('Push correction'),
    submit: plain('Post correction'),
    close: plain('Cancel'),
    blocks,
  };
}

/**
 * The input blocks that pick a claim: a select with the best matches first (block `claim`) and,
 * when it cannot list every claim, a search of all of them (block CLAIM_SEARCH_ACTION).
 */
export function claimPickerBlocks(best: RankedClaim[], all: Claim[]): types.InputBlock[] {
  const bestIds = new Set(best.map((m) => m.claimId));
  const bestOptions = best.map((m) => option(`${m.verdictLabel} (${Math.round(m.score * 100)}%): ${m.claim}`, m.claimId));
  const others = all.filter((c) => !bestIds.has(c.id));
  const otherOptions = others.slice(0, Math.max(0, MAX_OPTIONS - bestOptions.length)).map((c) => option(`${VERDICT_STYLE[c.verdict].label}: ${c.claim}`, c.id));
  const listsAll = otherOptions.length === others.length;
  const picker: types.StaticSelect =
    bestOptions.length > 0 && otherOptions.length > 0
      ? { type: 'static_select', action_id: 'claim', option_groups: [{ label: plain('Best matches for this message'), options: bestOptions }, { label: plain('Other claims'), options: otherOptions }] }
      : { type: 'static_select', action_id: 'claim', options: [...bestOptions, ...otherOptions] };
  if (bestOptions[0] !== undefined) picker.initial_option = bestOptions[0];
  const blocks: types.InputBlock[] = [];
  if (picker.options?.length !== 0 || picker.option_groups !== undefined) {
    blocks.push({ type: 'input', block_id: 'claim', label: plain('Claim'), optional: !listsAll, hint: plain('Type to filter. The best matches for the message come first.'), element: picker });
  }
  if (!listsAll || blocks.length === 0) {
    blocks.push({
      type: 'input',
      block_id: CLAIM_SEARCH_ACTION,
      label: plain('Or search every claim'),
      optional: blocks.length > 0,
      element: { type: 'external_select', action_id: CLAIM_SEARCH_ACTION, min_query_length: 2, placeholder: plain('Words of the claim, or its id') },
    });
  }
  return blocks;
}

/** Options for the claim search (block_suggestion). */
export function claimOptions(claims: Claim[]): types.PlainTextOption[] {
  return claims.slice(0, MAX_OPTIONS).map((c) => option(`${VERDICT_STYLE[c.verdict].label}: ${c.claim} (${c.id})`, c.id));
}

/** A modal that only says something (the result of a submission). */
export function noticeView(title: string, text: string): types.ModalView {
  return {
    type: 'modal',
    title: plain(clip(title, 24)),
    close: plain('Close'),
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(clip(text, 2900)), verbatim: true } }],
  };
}

/**
 * Turns a refusal from the core into errors on the modal's fields (`response_action: errors`):
 * each problem goes to the field it names, the rest to `fallback`. Other errors are rethrown.
 */
export function fieldErrors(error: unknown, fields: readonly string[], fallback: string): Record<string, string> {
  const errors: Record<string, string[]> = {};
  const add = (field: string | undefined, message: string) => {
    const block = field === undefined ? fallback : (fields.find((f) => f === field.split(/[.[]/)[0]) ?? fallback);
    (errors[block] ??= []).push(message);
  };
  if (error instanceof ModerationInputError) {
    for (const problem of error.problems) add(problem.field, problem.field === undefined || problem.message.startsWith(problem.field) ? problem.message : `${problem.field}: ${problem.message}`);
  } else if (error instanceof VersionConflict || error instanceof PermissionDenied) {
    add(undefined, error.message);
  } else if (error instanceof StoreFailure) {
    add(undefined, error.forPeople);
  } else {
    throw error;
  }
  return Object.fromEntries(Object.entries(errors).map(([block, messages]) => [block, clip(messages.join(' '), 2000)]));
}

