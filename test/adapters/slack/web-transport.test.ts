import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keptAliveFetch } from '../../../src/adapters/slack/web-transport.ts';
import { freePort } from '../../fakes/free-port.ts';

let server: Server;
let base: string;
const connections = new Set<unknown>();
const asked = new Map<string, number>();

beforeAll(async () => {
  server = createServer((req, res) => {
    connections.add(req.socket);
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      asked.set(req.url ?? '', (asked.get(req.url ?? '') ?? 0) + 1);
      if (req.url === '/hang') return;
      if (req.url === '/moved' || req.url === '/kept') {
        res.writeHead(req.url === '/moved' ? 302 : 307, { location: '/echo' });
        return res.end();
      }
      res.writeHead(req.url === '/missing' ? 404 : 200, { 'content-type': 'application/json', 'x-seen': 'yes' });
      res.end(JSON.stringify({ method: req.method, url: req.url, contentType: req.headers['content-type'], body }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('the Web API transport', () => {
  it('sends the method, headers and body, and gives back status, headers and body as fetch does', async () => {
    const post = keptAliveFetch();
    const response = await post(`${base}/echo`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'channel=C1&text=h%C3%A9' });
    expect(response.status).toBe(200);
    expect(response.ok).toBe(true);
    expect(response.headers.get('x-seen')).toBe('yes');
    expect(response.url).toBe(`${base}/echo`);
    expect(await response.json()).toEqual({ method: 'POST', url: '/echo', contentType: 'application/x-www-form-urlencoded', body: 'channel=C1&text=h%C3%A9' });
    const missing = await post(`${base}/missing`, { method: 'POST', body: '' });
    expect(missing.status).toBe(404);
    expect(missing.ok).toBe(false);
  });

  it('gives the body once, as text, JSON, bytes or a stream, like a Response from fetch', async () => {
    const post = keptAliveFetch();
    const response = await post(`${base}/echo`, { method: 'POST', body: 'a=1' });
    const copy = response.clone();
    expect(((await response.json()) as { body: string }).body).toBe('a=1');
    expect(response.bodyUsed).toBe(true);
    await expect(response.text()).rejects.toThrow(TypeError);
    expect(JSON.parse(Buffer.from(await copy.arrayBuffer()).toString()) as unknown).toMatchObject({ body: 'a=1' });
    const streamed = await post(`${base}/echo`, { method: 'POST', body: 'b=2' });
    expect(JSON.parse(await new Response(streamed.body).text()) as unknown).toMatchObject({ body: 'b=2' });
  });

  it('sends calls one after another over one kept-alive connection', async () => {
    const post = keptAliveFetch();
    connections.clear();
    for (let i = 0; i < 3; i++) await (await post(`${base}/echo`, { method: 'POST', body: String(i) })).text();
    expect(connections.size).toBe(1);
  });

  it('fails as fetch does, with the system error as the cause, when nothing listens', async () => {
    const port = await freePort();
    const failure = await keptAliveFetch()(`http://127.0.0.1:${port}/api/chat.postMessage`, { method: 'POST', body: 'x=1' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TypeError);
    expect((failure as Error).message).toBe('fetch failed');
    expect(((failure as Error).cause as { code?: string }).code).toBe('ECONNREFUSED');
  });

  it('gives up when the call signal times out, with the signal reason', async () => {
    const failure = await keptAliveFetch()(`${base}/hang`, { method: 'POST', body: 'x=1', signal: AbortSignal.timeout(100) }).catch((error: unknown) => error);
    expect((failure as Error).name).toBe('TimeoutError');
  });

  it('refuses a redirect when the caller asked for redirect: error, and follows it by default', async () => {
    const post = keptAliveFetch();
    await expect(post(`${base}/moved`, { method: 'POST', body: 'x=1', redirect: 'error' })).rejects.toThrow('fetch failed');
    const followed = await post(`${base}/moved`, { method: 'GET' });
    expect(followed.status).toBe(200);
    expect(((await followed.json()) as { url: string }).url).toBe('/echo');
  });

  it('follows a redirect from where it points, asking the first server once, with the method fetch would use', async () => {
    const post = keptAliveFetch();
    asked.clear();
    // A 302 after a POST becomes a GET without the body; a 307 keeps both.
    const moved = (await (await post(`${base}/moved`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'x=1' })).json()) as Record<string, unknown>;
    expect(moved).toMatchObject({ method: 'GET', url: '/echo', body: '' });
    expect(moved['contentType']).toBeUndefined();
    const kept = (await (await post(`${base}/kept`, { method: 'POST', body: 'y=2' })).json()) as Record<string, unknown>;
    expect(kept).toMatchObject({ method: 'POST', url: '/echo', body: 'y=2' });
    expect(Object.fromEntries(asked)).toEqual({ '/moved': 1, '/kept': 1, '/echo': 2 });
  });
});
