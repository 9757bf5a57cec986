import { Collection, type APIMessage, type Message } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { apiMessageText, messageText } from '../../../src/adapters/discord/incoming-message.ts';

describe('the text of a Discord message', () => {
  it('is its own content, then the words of a message it forwards', () => {
    const forward = { content: '', messageSnapshots: new Collection([['1', { content: 'Trump promised to free Imran Khan' }]]) } as unknown as Message;
    expect(messageText(forward)).toBe('Trump promised to free Imran Khan');
    const withComment = { content: 'look at this', messageSnapshots: new Collection([['1', { content: 'Trump promised to free Imran Khan' }]]) } as unknown as Message;
    expect(messageText(withComment)).toBe('look at this\nTrump promised to free Imran Khan');
    expect(messageText({ content: 'plain', messageSnapshots: new Collection() } as unknown as Message)).toBe('plain');
  });

  it('reads a forward fetched over REST the same way, and an empty one as empty', () => {
    const api = { content: '', message_snapshots: [{ message: { content: 'Trump promised to free Imran Khan' } }] } as unknown as APIMessage;
    expect(apiMessageText(api)).toBe('Trump promised to free Imran Khan');
    expect(apiMessageText({ content: '' } as APIMessage)).toBe('');
  });

  it('reads only the first 4,000 characters of a huge message, and of each message it forwards', () => {
    const huge = { content: `Trump promised ${'x '.repeat(2_000_000)}FAR`, messageSnapshots: new Collection([['1', { content: `${'y'.repeat(5000)}FAR` }]]) } as unknown as Message;
    const [own, forwarded] = messageText(huge).split('\n');
    expect(own!.startsWith('Trump promised x x')).toBe(true);
    expect(own!.length).toBe(4000);
    expect(forwarded).toBe('y'.repeat(4000));
  });
});
