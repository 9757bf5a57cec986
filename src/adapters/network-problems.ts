/**
 * Why a connection failed, in words, from the errors in the cause chain that carry a system
 * code (Node's fetch and discord.js wrap it in one or two layers of "fetch failed").
 */
export function networkProblem(error: unknown, host: string): string | undefined {
  // The deepest error that says what happened wins: wrappers re-label it ("ECONNRESET: connect ECONNREFUSED …").
  let found: string | undefined;
  for (let at: unknown = error, depth = 0; typeof at === 'object' && at !== null && depth < 8; depth++) {
    found = describeCode(at as ErrorFields, host) ?? found;
    const next = (at as { cause?: unknown; original?: unknown }).cause ?? (at as { original?: unknown }).original;
    if (next === at) break;
    at = next;
  }
  return found;
}

interface ErrorFields {
  code?: unknown;
  hostname?: unknown;
  address?: unknown;
  port?: unknown;
}

function describeCode({ code, hostname, address, port }: ErrorFields, host: string): string | undefined {
  const where = typeof address === 'string' ? `${address}${typeof port === 'number' ? `:${port}` : ''}` : host;
  const name = typeof hostname === 'string' ? hostname : host;
  switch (code) {
    case 'ENOTFOUND':
      return `cannot resolve ${name}`;
    case 'EAI_AGAIN':
      return `cannot resolve ${name} (no answer from the DNS server)`;
    case 'ECONNREFUSED':
      return `${where} refused the connection`;
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
      return `${where} closed the connection`;
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'UND_ERR_HEADERS_TIMEOUT':
      return `${where} did not answer in time`;
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
      return `no route to ${where}`;
    case 'CERT_HAS_EXPIRED':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `the TLS certificate of ${host} is not trusted (${String(code)})`;
    default:
      return undefined;
  }
}

/** The host of a URL, for messages ("slack.com"); the URL itself when it does not parse. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
