import { randomUUID } from 'node:crypto';
import { createInterface, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { claimUsage, CLAIM_SUBCOMMANDS } from '../../claim-commands.ts';
import { reviewUsage } from '../../review-commands.ts';
import type { FactChecker } from '../../core/fact-checker.ts';
import type { Actor } from '../../core/moderation/actor.ts';
import type { ModerationService } from '../../core/moderation/moderation-service.ts';
import type { Adapter } from '../adapter.ts';
import { moderatorCommand, type ShownReply } from './moderator-commands.ts';
import { renderAnswer, renderReply } from './render.ts';
import { silenceNote } from './silence.ts';
import { wrapToWidth } from './wrap.ts';

export interface TerminalChatOptions {
  checker: FactChecker;
  /** With a moderator, /claim, /correct and /notrelevant change claims. */
  moderation?: ModerationService;
  moderator?: Actor;
  input?: Readable;
  output?: Writable & { isTTY?: boolean; columns?: number };
  /** Shows the `> ` prompt and dims the notes (default: when input and output are a terminal). */
  interactive?: boolean;
  /** Called when the person leaves the chat (/quit or end of input), once every line is answered. */
  onClose?: () => void;
}

const HELP = [
  'Type a message as if in a channel: the bot answers when it recognises a known claim, and otherwise stays silent',
  '(with a dim line saying why, when something other than "nothing matched" kept it quiet).',
  '  /factcheck TEXT   ask about TEXT: the top 3 matches and the best one\'s note',
  '  /help             this list',
  '  /quit             leave (or Ctrl-D)',
].join('\n');

const MODERATOR_HELP = [
  'Moderator commands (replies show their number, the number of the message they answer):',
  '  /correct ID [comment]   push a correction on the last message you typed and teach it as a phrasing of ID',
  '  /notrelevant [N]        remove reply #N (without N, the reply just shown); messages like it stop triggering it',
  ...CLAIM_SUBCOMMANDS.map((c) => `  ${claimUsage(c, 'chat')}`),
  '  /review                  messages the bot was unsure about, as below:',
  ...reviewUsage('', true).split('\n').map((line) => `  ${line}`),
].join('\n');

const COMMANDS = new Set(['/factcheck', '/help', '/quit', '/exit']);
const MODERATOR_COMMANDS = new Set(['/claim', '/correct', '/notrelevant', '/review']);

/** A channel in the terminal: the default platform when no Discord or Slack credentials are set. */
export class TerminalChat implements Adapter {
  readonly platform = 'terminal' as const;
  private rl: Interface | undefined;
  private messageCount = 0;
  private readonly session = randomUUID();
  private lastMessage: { number: number; text: string } | undefined;
  private readonly replies = new Map<number, ShownReply>();
  // Lines are answered one at a time, in order, even when a command waits on the store.
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: TerminalChatOptions) {}

  async start(): Promise<void> {
    const output = this.options.output ?? process.stdout;
    const input = this.options.input ?? process.stdin;
    const interactive = this.options.interactive ?? ((input as { isTTY?: boolean }).isTTY === true && output.isTTY === true);
    const rl = createInterface({ input, output, terminal: interactive, prompt: '> ' });
    this.rl = rl;
    const dim = (text: string) => (interactive && process.env['NO_COLOR'] === undefined ? `\x1b[2m${text}\x1b[22m` : text);
    const say = (text: string) => output.write(`${wrapToWidth(text, output.columns)}\n`);
    const note = (text: string) => say(dim(`(${text})`));
    const { moderation, moderator, checker } = this.options;

    const inForce = checker.knowledge.all().filter((c) => c.status === 'published').length;
    say(`factcheck terminal chat — ${inForce} claims in force${moderator === undefined ? '' : `; you are a moderator (${moderator.name})`}. /help lists the commands.`);
    moderation?.onReplyUpdate('terminal', (sent, reply) => {
      say(`(a note changed: reply ${sent.messageId} now reads)\n${renderReply(reply, 'Updated fact-check')}`);
    });

    const answer = async (text: string): Promise<void> => {
      const [command = ''] = text.split(/\s+/, 1);
      if (command === '/quit' || command === '/exit') {
        rl.close();
        return;
      }
      if (command === '/help') return void say(moderator === undefined ? HELP : `${HELP}\n${MODERATOR_HELP}`);
      if (command === '/factcheck') {
        const query = text.slice(command.length).trim();
        if (query === '') return void say('Usage: /factcheck TEXT');
        if (!checker.admitAsk('terminal', 'you')) return void note('you asked too often in the last minute (ASKS_PER_USER_PER_MINUTE); wait a moment');
        return void say(renderAnswer(await checker.ask(query)));
      }
      if (MODERATOR_COMMANDS.has(command)) {
        if (moderation === undefined || moderator === undefined) return void say(`Only moderators can use ${command}. Start the chat with: npx factcheck chat --moderator`);
        return void say(await moderatorCommand(text, { moderation, moderator, lastMessage: this.lastMessage, replies: this.replies, lastNumber: this.messageCount }));
      }
      if (command.startsWith('/') && !COMMANDS.has(command)) {
        return void say(`Unknown command ${command}; /help lists the commands. (To say it as a message, leave out the leading /.)`);
      }
      await this.hear(text, { say, note });
    };

    rl.on('line', (line) => {
      const text = line.trim();
      this.queue = this.queue
        .then(() => (text === '' ? undefined : answer(text)))
        .catch((error: unknown) => void say(`Something went wrong: ${(error as Error).message}`))
        .then(() => {
          if (this.rl !== undefined && interactive) rl.prompt();
        });
    });
    rl.on('close', () => {
      this.rl = undefined;
      void this.queue.then(() => this.options.onClose?.());
    });
    if (interactive) rl.prompt();
  }

  /** A channel message: the bot's reply, or a note on why it stayed silent. */
  private async hear(text: string, { say, note }: { say: (text: string) => void; note: (text: string) => void }): Promise<void> {
    const { checker, moderation, moderator } = this.options;
    const number = ++this.messageCount;
    this.lastMessage = { number, text };
    const incoming = {
      platform: 'terminal' as const,
      // Each chat is a channel of its own: the store keeps deliveries and cooldowns across runs.
      teamId: this.session,
      channelId: 'terminal',
      messageId: String(number),
      authorId: 'you',
      authorIsBot: false,
      authorIsSelf: false,
      text,
    };
    const outcome = await checker.hear(incoming);
    if (outcome.action === 'ignore' && outcome.suggestion !== undefined && moderation !== undefined && moderator !== undefined) {
      // The moderator's own chat: what the bot held back on goes to the review queue, and the moderator is told.
      const queued = await moderation.suggest(incoming, outcome.suggestion);
      if (queued.outcome === 'queued') return note(`not sure: suggested for review as ${queued.suggestion.id}; /review lists it`);
    }
    if (outcome.action !== 'reply') {
      const why = silenceNote(outcome, checker.guard.config);
      if (why !== undefined) note(why);
      return;
    }
    const replyId = `reply-${this.session}-${number}`;
    say(`${renderReply(outcome.reply)}${moderator === undefined ? '' : `  · reply #${number}`}`);
    this.replies.set(number, { number, replyId, messageText: text, claimId: outcome.reply.claimId, removed: false });
    await moderation?.recordReply({
      platform: 'terminal', channelId: 'terminal', messageId: replyId, inReplyTo: String(number),
      claimId: outcome.reply.claimId, kind: 'passive', sentAt: new Date().toISOString(), triggerText: text,
    });
  }

  async stop(): Promise<void> {
    this.rl?.close();
  }

  isConnected(): boolean {
    return this.rl !== undefined;
  }
}
