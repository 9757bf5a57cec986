import { randomUUID } from 'node:crypto';
import { createInterface, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { FactChecker } from '../../core/fact-checker.ts';
import type { Actor } from '../../core/moderation/actor.ts';
import type { ModerationService } from '../../core/moderation/moderation-service.ts';
import type { Adapter } from '../adapter.ts';
import { renderAnswer, renderReply } from './render.ts';
import { moderatorCommand } from './moderator-commands.ts';

export interface TerminalChatOptions {
  checker: FactChecker;
  /** With a moderator, /claim and /correct commands change claims. */
  moderation?: ModerationService;
  moderator?: Actor;
  input?: Readable;
  output?: Writable;
  /** Called when the person leaves the chat (/quit or end of input). */
  onClose?: () => void;
}

const HELP = [
  'Type a message as if in a channel: the bot answers when it recognises a known claim, and stays silent otherwise.',
  '  /factcheck TEXT   ask about TEXT (top 3 matches and the best note)',
  '  /help             this help',
  '  /quit             leave',
].join('\n');

const MODERATOR_HELP = [
  'Moderator commands:',
  '  /correct ID [comment]     push a correction on your previous message and teach it as a phrasing of ID',
  '  /notrelevant              the last reply was off: remove it and stop such messages triggering it',
  '  /claim add --id ID --verdict V --claim TEXT --note TEXT [--evidence TEXT]... [--phrasing TEXT]...',
  '  /claim edit ID [--note TEXT] [--verdict V] ...   /claim retire ID   /claim show ID   /claim history ID',
  '  /claim stats',
].join('\n');

/** A channel in the terminal: the default platform when no Discord or Slack credentials are set. */
export class TerminalChat implements Adapter {
  readonly platform = 'terminal' as const;
  private rl: Interface | undefined;
  private messageCount = 0;
  private readonly session = randomUUID();
  private lastMessage: string | undefined;
  private lastReplyId: string | undefined;
  // Lines are handled one after another, in the order typed, though the store answers asynchronously.
  private lines: Promise<void> = Promise.resolve();

  constructor(private readonly options: TerminalChatOptions) {}

  async start(): Promise<void> {
    const output = this.options.output ?? process.stdout;
    const rl = createInterface({ input: this.options.input ?? process.stdin, output, terminal: false });
    this.rl = rl;
    const say = (text: string): void => void output.write(`${text}\n`);
    const { moderation, moderator } = this.options;
    say(`factcheck terminal chat — ${this.options.checker.knowledge.size} claims loaded. /help for commands.`);
    moderation?.onReplyUpdate('terminal', (sent, reply) => {
      say(`(reply ${sent.messageId} edited)\n${renderReply(reply, 'Updated fact-check')}`);
    });
    const handle = async (line: string): Promise<void> => {
      const text = line.trim();
      if (text === '') return;
      if (text === '/quit' || text === '/exit') {
        rl.close();
        return;
      }
      if (text === '/help') return say(moderator === undefined ? HELP : `${HELP}\n${MODERATOR_HELP}`);
      if (text.startsWith('/factcheck')) {
        const query = text.slice('/factcheck'.length).trim();
        return say(query === '' ? 'Usage: /factcheck TEXT' : renderAnswer(await this.options.checker.ask(query)));
      }
      if (text.startsWith('/claim') || text.startsWith('/correct') || text === '/notrelevant') {
        if (moderation === undefined || moderator === undefined) {
          return say('Only moderators can change claims. Start the chat with: npx factcheck chat --moderator');
        }
        return say(await moderatorCommand(text, { moderation, moderator, lastMessage: this.lastMessage, lastReplyId: this.lastReplyId }));
      }
      this.lastMessage = text;
      const messageId = String(++this.messageCount);
      const outcome = await this.options.checker.hear({
        platform: 'terminal',
        // Each chat is a channel of its own: the store keeps deliveries and cooldowns across runs.
        teamId: this.session,
        channelId: 'terminal',
        messageId,
        authorId: 'you',
        authorIsBot: false,
        authorIsSelf: false,
        text,
      });
      if (outcome.action !== 'reply') return;
      say(renderReply(outcome.reply));
      this.lastReplyId = `reply-${messageId}`;
      await moderation?.recordReply({
        platform: 'terminal', channelId: 'terminal', messageId: this.lastReplyId, inReplyTo: messageId,
        claimId: outcome.reply.claimId, kind: 'passive', sentAt: new Date().toISOString(), triggerText: text,
      });
    };
    rl.on('line', (line) => {
      this.lines = this.lines.then(() => handle(line)).catch((error: unknown) => say(`Something went wrong: ${error instanceof Error ? error.message : String(error)}`));
    });
    rl.on('close', () => {
      this.rl = undefined;
      void this.lines.then(() => this.options.onClose?.());
    });
  }

  async stop(): Promise<void> {
    this.rl?.close();
  }

  isConnected(): boolean {
    return this.rl !== undefined;
  }
}
