import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { BotMetrics } from './metrics.ts';

/** An HTTP route, in the shape Bolt's `customRoutes` takes, so Slack's server can serve it too. */
export interface HttpRoute {
  path: string;
  method: string;
  handler: (req: IncomingMessage, res: ServerResponse) => void;
}

export interface Readiness {
  knowledgeLoaded: boolean;
  /** Each configured platform, whether it is connected now, and if not, why. */
  platforms: { platform: string; connected: boolean; problem?: string }[];
  /** The store and whether it answers now (a lost database connection makes the instance not ready). */
  store?: { engine: string; available: boolean };
}

/** Why the bot is not ready, one reason per thing missing; empty when it is ready. */
export function notReadyReasons(state: Readiness): string[] {
  return [
    ...(state.knowledgeLoaded ? [] : ['the knowledge is not loaded yet']),
    ...state.platforms.filter((p) => !p.connected).map((p) => `${p.platform}: ${p.problem ?? 'connecting'}`),
    ...(state.store?.available === false ? [`the ${state.store.engine} store does not answer`] : []),
  ];
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** GET /healthz (the process answers), /readyz (knowledge loaded, platforms connected, store reachable), /metrics. */
export function healthRoutes(metrics: BotMetrics, readiness: () => Readiness): HttpRoute[] {
  return [
    { path: '/healthz', method: 'GET', handler: (_req, res) => json(res, 200, { status: 'ok' }) },
    {
      path: '/readyz',
      method: 'GET',
      handler: (_req, res) => {
        const state = readiness();
        const reasons = notReadyReasons(state);
        json(res, reasons.length === 0 ? 200 : 503, reasons.length === 0 ? { status: 'ready', ...state } : { status: 'not ready', reason: reasons.join('; '), ...state });
      },
    },
    {
      path: '/metrics',
      method: 'GET',
      handler: (_req, res) => {
        metrics.registry.metrics().then(
          (text) => {
            res.writeHead(200, { 'content-type': metrics.registry.contentType });
            res.end(text);
          },
          () => json(res, 500, { error: 'metrics unavailable' }),
        );
      },
    },
  ];
}

/**
 * Serves the routes on their own port and address (METRICS_PORT, METRICS_HOST): apart from
 * Slack's public /slack/events, and on loopback unless told otherwise, since /metrics tells
 * anyone who can read it how the bot is used.
 */
export function startHealthServer(port: number, host: string, routes: HttpRoute[]): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const route = routes.find((r) => r.path === path && r.method === req.method);
    if (route === undefined) return json(res, 404, { error: `no route ${req.method} ${path}` });
    route.handler(req, res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}
