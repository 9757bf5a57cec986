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
  /** Each configured platform and whether it is connected now. */
  platforms: { platform: string; connected: boolean }[];
  /** The store and whether it answers now (a lost database connection makes the instance not ready). */
  store?: { engine: string; available: boolean };
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
        const ready = state.knowledgeLoaded && state.platforms.every((p) => p.connected) && state.store?.available !== false;
        json(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', ...state });
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

/** Serves the routes on their own port, for when no Slack HTTP server is running. */
export function startHealthServer(port: number, routes: HttpRoute[]): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const route = routes.find((r) => r.path === path && r.method === req.method);
    if (route === undefined) return json(res, 404, { error: `no route ${req.method} ${path}` });
    route.handler(req, res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}
