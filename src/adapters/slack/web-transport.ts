/**
 * The HTTP transport of the adapter's Web API clients: a `fetch` over node:http(s) with
 * connections kept alive. Node's own fetch (WHATWG streams, request and response objects built
 * for the browser) was the largest cost of a reply in the load run; with this transport the
 * bot's CPU per event fell from about 2.0 to 1.4 ms. What the clients see is the same: a Response,
 * a rejection with the system error as its cause when the connection fails ("fetch failed",
 * as Node's fetch says), and the call's AbortSignal honoured. Anything this does not carry
 * itself (a Request object, a stream or form body, the hop after a redirect) goes to Node's fetch.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

// An idle connection is closed after this long: Slack closes idle ones too, and a request sent on a socket the server is closing fails.
const IDLE_CLOSE_MS = 4_000;

/** A fetch for Slack's Web API and response_urls, over connections kept alive for the client that owns it. */
export function keptAliveFetch(): typeof fetch {
  const agents = { http: new HttpAgent({ keepAlive: true, timeout: IDLE_CLOSE_MS }), https: new HttpsAgent({ keepAlive: true, timeout: IDLE_CLOSE_MS }) };
  return (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : undefined;
    const body = init?.body;
    if (url === undefined || (body !== undefined && body !== null && typeof body !== 'string')) return fetch(input, init);
    const secure = url.startsWith('https:');
    if (!secure && !url.startsWith('http:')) return fetch(input, init);
    return send(url, init ?? {}, secure ? agents.https : agents.http, secure).then((response) => {
      if (!isRedirect(response.status)) return response;
      const redirect = init?.redirect ?? 'follow';
      if (redirect === 'error') throw new TypeError('fetch failed', { cause: new Error(`redirected from ${url}`) });
      // A redirect the caller wants followed goes on through Node's fetch from where it points
      // (the first server is not asked twice), which follows any further ones; 'manual' gets it as it came.
      return redirect === 'follow' ? followed(url, response, init ?? {}) : response;
    });
  };
}

/**
 * The request a redirect asks for, sent through Node's fetch: as the fetch standard has it, a 303
 * (or a 301 or 302 after a POST) becomes a GET without a body; a 307 or 308 keeps both.
 */
function followed(url: string, response: Response, init: RequestInit): Promise<Response> {
  const location = response.headers.get('location');
  if (location === null) return Promise.resolve(response);
  const target = new URL(location, url);
  const method = (init.method ?? 'GET').toUpperCase();
  const toGet = (response.status === 303 && method !== 'HEAD') || ((response.status === 301 || response.status === 302) && method === 'POST');
  if (!toGet) return fetch(target, init);
  const headers = new Headers(init.headers);
  for (const name of ['content-type', 'content-length', 'content-encoding', 'content-language', 'content-location']) headers.delete(name);
  return fetch(target, { ...init, method: 'GET', body: null, headers });
}

function send(url: string, init: RequestInit, agent: HttpAgent, secure: boolean): Promise<Response> {
  const signal = init.signal ?? undefined;
  if (signal?.aborted === true) return Promise.reject(signal.reason);
  const body = typeof init.body === 'string' ? Buffer.from(init.body) : undefined;
  const headers = headerRecord(init.headers);
  if (body !== undefined) headers['content-length'] = String(body.length);
  return new Promise<Response>((resolve, reject) => {
    const request = (secure ? httpsRequest : httpRequest)(url, { method: init.method ?? 'GET', headers, agent });
    const onAbort = () => {
      request.destroy();
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const done = () => signal?.removeEventListener('abort', onAbort);
    request.once('error', (error) => {
      done();
      reject(new TypeError('fetch failed', { cause: error }));
    });
    request.once('response', (incoming: IncomingMessage) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.once('error', (error) => {
        done();
        reject(new TypeError('fetch failed', { cause: error }));
      });
      incoming.once('end', () => {
        done();
        const status = incoming.statusCode ?? 0;
        if (status < 200 || status > 599) {
          reject(new TypeError('fetch failed', { cause: new Error(`HTTP status ${status} from ${url}`) }));
          return;
        }
        try {
          resolve(new BufferedResponse(url, status, incoming.statusMessage ?? '', responseHeaders(incoming.rawHeaders), Buffer.concat(chunks)));
        } catch (error) {
          // A header a Headers object refuses: an answer fetch would not have given either, and no reason to crash.
          reject(new TypeError('fetch failed', { cause: error }));
        }
      });
    });
    request.end(body);
  });
}

/**
 * A Response whose body is already read into memory. A WHATWG Response builds a stream for its
 * body and reads it back through it; this answers text(), json() and arrayBuffer() from the
 * bytes, and builds the real thing only when something asks for the stream itself.
 */
class BufferedResponse implements Response {
  readonly type = 'basic' as const;
  readonly redirected = false;
  private used = false;
  private streamed: Response | undefined;

  constructor(
    readonly url: string,
    readonly status: number,
    readonly statusText: string,
    readonly headers: Headers,
    private readonly content: Buffer,
  ) {}

  get ok(): boolean {
    return this.status >= 200 && this.status <= 299;
  }

  get bodyUsed(): boolean {
    return this.used || (this.streamed?.bodyUsed ?? false);
  }

  get body(): Response['body'] {
    return this.stream().body;
  }

  async text(): Promise<string> {
    return this.consume().toString('utf8');
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = this.consume();
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }

  async bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return new Uint8Array(await this.arrayBuffer());
  }

  blob(): Promise<Blob> {
    return this.stream().blob();
  }

  formData(): Promise<FormData> {
    return this.stream().formData();
  }

  clone(): Response {
    if (this.bodyUsed) throw new TypeError('Response.clone: Body has already been consumed.');
    return new BufferedResponse(this.url, this.status, this.statusText, new Headers(this.headers), this.content);
  }

  private consume(): Buffer {
    if (this.bodyUsed) throw new TypeError('Body is unusable: Body has already been read');
    this.used = true;
    return this.content;
  }

  private stream(): Response {
    this.streamed ??= new Response(this.status === 204 || this.status === 304 ? null : this.content, { status: this.status, statusText: this.statusText, headers: this.headers });
    return this.streamed;
  }
}

function headerRecord(given: RequestInit['headers']): Record<string, string> {
  const record: Record<string, string> = {};
  if (given === undefined) return record;
  const pairs = given instanceof Headers || Array.isArray(given) ? given : Object.entries(given);
  for (const [name, value] of pairs) record[name.toLowerCase()] = typeof value === 'string' ? value : value.join(', ');
  return record;
}

function responseHeaders(raw: string[]): Headers {
  const headers = new Headers();
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i] as string, raw[i + 1] as string);
  return headers;
}

function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}
