import { createInterface, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { FactChecker } from '../../core/fact-checker.ts';
import type { Adapter } from '../adapter.ts';
import { renderAnswer, renderReply } from './render.ts';

export interface TerminalChatOptions {
  checker: FactChecker;
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

/** A channel in the terminal: the default platform when no Discord or Slack credentials are set. */
export class TerminalChat implements Adapter {
  readonly platform = 'terminal' as const;
  private rl: Interface | undefined;
  private messageCount = 0;

  constructor(private readonly options: TerminalChatOptions) {}

  async start(): Promise<void> {
    const output = this.options.output ?? process.stdout;
    const rl = createInterface({ input: this.options.input ?? process.stdin, output, terminal: false });
    this.rl = rl;
    const say = (text: string) => output.write(`${text}\n`);
    say(`factcheck terminal chat — ${this.options.checker.knowledge.size} claims loaded. /help for commands.`);
    rl.on('line', (line) => {
      const text = line.trim();
      if (text === '') return;
      if (text === '/quit' || text === '/exit') {
        rl.close();
        return;
      }
      if (text === '/help') return say(HELP);
      if (text.startsWith('/factcheck')) {
        const query = text.slice('/factcheck'.length).trim();
        return say(query === '' ? 'Usage: /factcheck TEXT' : renderAnswer(this.options.checker.ask(query)));
      }
      const outcome = this.options.checker.hear({
        platform: 'terminal',
        channelId: 'terminal',
        messageId: String(++this.messageCount),
        authorId: 'you',
        authorIsBot: false,
        authorIsSelf: false,
        text,
      });
      if (outcome.action === 'reply') say(renderReply(outcome.reply));
    });
    rl.on('close', () => {
      this.rl = undefined;
      this.options.onClose?.();
    });
  }

  async stop(): Promise<void> {
    this.rl?.close();
  }

  isConnected(): boolean {
    return this.rl !== undefined;
  }
}
