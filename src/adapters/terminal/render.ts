import { citationOf } from '../../core/claim.ts';
import type { Answer, FactCheckReply } from '../../core/message.ts';
import { VERDICT_STYLE } from '../../core/verdict.ts';

/** A reply as plain terminal text. */
export function renderReply(reply: FactCheckReply, heading = 'Fact-check'): string {
  const lines = [
    `${heading}: ${VERDICT_STYLE[reply.verdict].label.toUpperCase()} — ${reply.claim}`,
    `  ${reply.note}`,
  ];
  if (reply.evidence !== undefined) lines.push(`  Evidence: "${reply.evidence}"`);
  lines.push(`  Source: ${sourceLine(reply)}  [${reply.claimId}]`);
  return lines.join('\n');
}

export function sourceLine(reply: FactCheckReply): string {
  return [citationOf(reply.source), reply.source.url].filter(Boolean).join(', ');
}

/** A `/factcheck` answer: the top matches, then the best one's note (the closest claims alone when none is close enough). */
export function renderAnswer(answer: Answer): string {
  if (answer.matches.length === 0) return 'No known claim matches that text. Nothing in the knowledge base is about it.';
  const list = answer.matches.map(
    (m, i) => `  ${i + 1}. ${VERDICT_STYLE[m.verdict].label.padEnd(11)} ${m.score.toFixed(2)}  ${m.claim}  [${m.claimId}]`,
  );
  if (answer.best === undefined) return ['Closest known claims:', ...list, '', 'None of them matches closely enough to give a verdict on this text.'].join('\n');
  return [`Top matches:`, ...list, '', renderReply(answer.best, 'Best match')].join('\n');
}
