/**
 * The load generator's second process: sends the prepared Slack message events, signed, to the
 * bot with autocannon and prints one JSON line of results.
 * Usage: tsx scripts/load-sender.ts URL SIGNING_SECRET BODIES_FILE CONNECTIONS [EVENTS_PER_SECOND]
 */
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { slackSignature } from '../test/fakes/slack/signed-requests.ts';

const [url, secret, bodiesFile, connections, rate] = process.argv.slice(2) as [string, string, string, string, string | undefined];
const bodies = readFileSync(bodiesFile, 'utf8').split('\n').filter(Boolean);
let next = 0;

const result = await autocannon({
  url,
  method: 'POST',
  connections: Number(connections),
  amount: bodies.length,
  // Without a rate, each connection sends its next event as soon as the last is answered.
  ...(rate === undefined ? {} : { overallRate: Number(rate) }),
  timeout: 10,
  requests: [
    {
      setupRequest: (request) => {
        const body = bodies[next++ % bodies.length] as string;
        const timestamp = Math.floor(Date.now() / 1000);
        return {
          ...request,
          body,
          headers: {
            'content-type': 'application/json',
            'x-slack-request-timestamp': String(timestamp),
            'x-slack-signature': slackSignature(secret, timestamp, body),
          },
        };
      },
    },
  ],
});

process.stdout.write(
  `${JSON.stringify({
    sent: result.requests.sent,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    durationMs: result.duration * 1000,
    latency: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
  })}\n`,
);
