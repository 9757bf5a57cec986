import { ComponentType, TextInputStyle, type APILabelComponent, type APIModalInteractionResponseCallbackData, type ModalSubmitInteraction } from 'discord.js';
import type { Claim } from '../../core/claim.ts';
import { NOTE_MAX_CHARS } from '../../core/claim.ts';
import type { ClaimInput } from '../../core/moderation/moderation-service.ts';
import { VERDICTS } from '../../core/verdict.ts';
import { customId } from './custom-ids.ts';
import { fit } from './embed-limits.ts';

/** The text fields of a claim a moderator types in a form (Discord allows five per form). */
const FIELD = { id: 'id', verdict: 'verdict', claim: 'claim', note: 'note', evidence: 'evidence' } as const;

// No max_length on the note: the core refuses a long note with a message that says by how much.
function input(
  name: keyof typeof FIELD,
  label: string,
  options: { style?: TextInputStyle; description?: string; value?: string; placeholder?: string; maxLength?: number } = {},
): APILabelComponent {
  return {
    type: ComponentType.Label,
    label,
    ...(options.description === undefined ? {} : { description: options.description }),
    component: {
      type: ComponentType.TextInput,
      custom_id: FIELD[name],
      style: options.style ?? TextInputStyle.Short,
      required: true,
      ...(options.value === undefined ? {} : { value: options.value }),
      ...(options.placeholder === undefined ? {} : { placeholder: fit(options.placeholder, 100) }),
      ...(options.maxLength === undefined ? {} : { max_length: options.maxLength }),
    },
  };
}

const VERDICT_HINT = VERDICTS.join(', ');

function claimFields(claim?: Claim): APILabelComponent[] {
  return [
    input('verdict', 'Verdict', { description: VERDICT_HINT, ...(claim === undefined ? { placeholder: 'false' } : { value: claim.verdict }), maxLength: 20 }),
    input('claim', 'The claim, as fact-checkers word it', { style: TextInputStyle.Paragraph, ...(claim === undefined ? {} : { value: claim.claim }), maxLength: 1000 }),
    input('note', 'Verification note', {
      style: TextInputStyle.Paragraph,
      description: `What the bot replies; at most ${NOTE_MAX_CHARS} characters`,
      ...(claim === undefined ? {} : { value: claim.note }),
    }),
    input('evidence', 'Evidence (quotes from the source)', {
      style: TextInputStyle.Paragraph,
      description: 'One quote per line, word for word from the source document',
      ...(claim === undefined ? {} : { value: claim.evidence.join('\n') }),
    }),
  ];
}

/** `/claim add`: an empty form. */
export function addForm(): APIModalInteractionResponseCallbackData {
  return {
    custom_id: customId({ step: 'add' }),
    title: 'Add a claim',
    components: [input('id', 'Claim id', { description: 'lower-case words and digits joined by dashes', placeholder: 'trump-video-2025', maxLength: 80 }), ...claimFields()],
  };
}

/** `/claim edit`: the claim's current values, and the version they are from in the custom_id. */
export function editForm(claim: Claim, version: number): APIModalInteractionResponseCallbackData {
  return { custom_id: customId({ step: 'edit', claimId: claim.id, version }), title: fit(`Edit ${claim.id}`, 45), components: claimFields(claim) };
}

/** What the moderator typed, as the core takes it; fields the form did not have stay absent. */
export function claimInputFrom(interaction: ModalSubmitInteraction): ClaimInput {
  const value = (name: keyof typeof FIELD): string | undefined => {
    const field = interaction.fields.fields.get(FIELD[name]);
    return field !== undefined && 'value' in field && typeof field.value === 'string' ? field.value : undefined;
  };
  const result: ClaimInput = {};
  const id = value('id');
  if (id !== undefined) result.id = id.trim();
  for (const name of ['verdict', 'claim', 'note'] as const) {
    const text = value(name);
    if (text !== undefined) result[name] = text.trim();
  }
  const evidence = value('evidence');
  if (evidence !== undefined) result.evidence = evidence.split('\n').map((line) => line.trim()).filter(Boolean);
  return result;
}
