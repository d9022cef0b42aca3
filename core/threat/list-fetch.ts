/**
 * One plain GET of a public threat list (ScamSniffer's addresses and domains, MetaMask's phishing configuration), read
 * with a size cap. The request carries nothing about the user: no cookies or credentials, no referrer, no query added,
 * and no validator from an earlier answer (`cache: 'no-store'`: an ETag a list server handed out could otherwise come
 * back to it as an identifier); only the URL the user configured.
 */

/** The list could not be fetched (offline, blocked, the server answered an error, too large). */
export class ListFetchError extends Error {
  override name = 'ListFetchError';
}

/** The fetched file is not the list it should be (not JSON, another shape, truncated, far smaller than before). */
export class ListFormatError extends Error {
  override name = 'ListFormatError';
}

/** The slice of fetch() the lists use: tests pass the real fetch against a local server. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Pick<Response, 'ok' | 'status' | 'headers' | 'body' | 'text'>>;

export interface FetchedText {
  url: string;
  text: string;
  /** Bytes received (the body as sent, before decoding). */
  bytes: number;
}

/** Only https lists, plain http only from this computer (tests, a local mirror). `what` names the list in messages. */
export function validateListUrl(raw: string, what: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new ListFetchError(`"${raw}" is not a URL.`);
  }
  const local = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol === 'https:' || (local && url.protocol === 'http:')) return url.toString();
  throw new ListFetchError(`Use an https:// URL for the ${what} (plain http:// only for this computer).`);
}

const mb = (bytes: number) => `${(bytes / 1_048_576).toLocaleString('en-US', { maximumFractionDigits: 1 })} MB`;

/** Reads the body up to `maxBytes`, stopping (and cancelling the download) as soon as it is exceeded. */
async function readCapped(response: Awaited<ReturnType<FetchLike>>, maxBytes: number, url: string, what: string): Promise<{ text: string; bytes: number }> {
  const tooLarge = () => new ListFetchError(`${url} is larger than ${mb(maxBytes)}, far more than the ${what} should be: refused.`);
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!response.body) {
    const text = await response.text();
    const bytes = new TextEncoder().encode(text).length;
    if (bytes > maxBytes) throw tooLarge();
    return { text, bytes };
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const parts: string[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (bytes > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    parts.push(decoder.decode(value, { stream: true }));
  }
  parts.push(decoder.decode());
  return { text: parts.join(''), bytes };
}

/** GETs `rawUrl` (validated first) and returns its text, or throws a ListFetchError that says what went wrong. */
export async function fetchListText(fetchFn: FetchLike, rawUrl: string, opts: { what: string; maxBytes: number; timeoutMs?: number }): Promise<FetchedText> {
  const url = validateListUrl(rawUrl, opts.what);
  const signal = AbortSignal.timeout(opts.timeoutMs ?? 60_000);
  let response: Awaited<ReturnType<FetchLike>>;
  try {
    response = await fetchFn(url, { credentials: 'omit', referrerPolicy: 'no-referrer', cache: 'no-store', signal });
  } catch (e) {
    throw new ListFetchError(`Could not reach ${url} (${e instanceof Error ? e.message : String(e)}). Offline, or the address is blocked.`);
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new ListFetchError(`${url} answered HTTP ${response.status}. Check the list URL in Settings.`);
  }
  try {
    return { url, ...(await readCapped(response, opts.maxBytes, url, opts.what)) };
  } catch (e) {
    if (e instanceof ListFetchError) throw e;
    throw new ListFetchError(`The download of ${url} broke off (${e instanceof Error ? e.message : String(e)}).`);
  }
}

/** JSON.parse with the error a user can act on: a cut-off download or an HTML page is not JSON. */
export function parseListJson(text: string, url: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ListFormatError(`${url} did not return JSON (an error page, or a download cut short). Check the list URL in Settings.`);
  }
}
