/**
 * What went wrong, for people: a kind the UI turns into one sentence and what to do, and the technical detail
 * with what must never be on screen removed (JSON-RPC request bodies, call arguments, RPC URL paths that may
 * carry API keys, stack traces, library versions). Pure: errors arrive as Error objects or as the
 * "Name: message" strings the background sends (entrypoints/background/index.ts).
 */

export type ErrorKind =
  /** No RPC for this network (none set, or "only my RPC" without one). */
  | 'no-rpc'
  /** The node did not answer (connection refused, timeout, HTTP error). */
  | 'rpc-unreachable'
  /** The node serves another chain than asked. */
  | 'rpc-wrong-chain'
  /** The node does not offer a method Preflight needs. */
  | 'rpc-unsupported'
  /** The node refused for load (HTTP 429, limit exceeded). */
  | 'rpc-rate-limited'
  /** Not enough fee history yet. */
  | 'history'
  /** The wallet or the user declined. */
  | 'rejected'
  /** The browser's storage is full. */
  | 'storage-full'
  /** The extension's background did not answer (it was restarting). */
  | 'background'
  /** One of Preflight's own errors: its message is already a sentence a user can act on. */
  | 'stated'
  | 'unknown';

export interface DescribedError {
  kind: ErrorKind;
  /** The error class names found, outermost first (e.g. ["BackgroundError", "HttpRequestError"]). */
  names: string[];
  /** For 'stated': the error's own first sentence, cleaned. Otherwise the first line, cleaned. */
  message: string;
  /** Safe technical detail for a folded-away <details>: no request bodies, URL paths, stacks or versions. */
  detail: string;
}

/** Preflight's own error classes whose messages are written for users (core/, entrypoints/, components/). */
const STATED = new Set([
  'GasInputError', 'InvalidAlertError', 'InvalidRpcUrlError', 'WithdrawInputError', 'WithdrawLiquidityError', 'InsufficientPriceHistoryError',
  'LotsCsvError', 'InsufficientLotsError', 'ProofFormatError', 'NoRouteError', 'StepNotExecutableError', 'ExecutionContextError', 'StepStateError',
  'PlanNotFoundError', 'ReviewNotFoundError', 'WithdrawSetupError', 'WalletError', 'MalformedRequestError', 'UnsupportedChainError', 'StalePriceError',
  'BlocksFileError', 'DatabaseUnavailableError', 'ForbiddenSenderError', 'MetaMaskNotFoundError', 'MetaMaskDisconnectedError', 'MetaMaskTimeoutError',
  'InvalidExtensionIdError',
]);

const RULES: { kind: Exclude<ErrorKind, 'stated' | 'unknown'>; names?: RegExp; text?: RegExp }[] = [
  { kind: 'storage-full', names: /^(QuotaExceededError|StorageQuotaError)$/, text: /quota/i },
  { kind: 'no-rpc', names: /^(NoGasRpcError|NoRpcError)$/ },
  { kind: 'history', names: /^InsufficientHistoryError$/ },
  { kind: 'rpc-wrong-chain', names: /^(WrongChainError|ChainMismatchError)$/, text: /answers as chain/i },
  { kind: 'rejected', names: /^(UserRejectedRequestError)$/, text: /\b4001\b|user rejected|user denied/i },
  { kind: 'rpc-rate-limited', names: /^LimitExceededRpcError$/, text: /\b429\b|rate limit|too many requests/i },
  { kind: 'rpc-unsupported', names: /^(MethodNotFoundRpcError|MethodNotSupportedRpcError)$/, text: /-32601|method .*(not found|does not exist|not supported|is not available)/i },
  { kind: 'rpc-unreachable', names: /^(HttpRequestError|TimeoutError|WebSocketRequestError|SocketClosedError|RpcRequestError)$/, text: /fetch failed|failed to fetch|did not answer|timed out|took too long|ECONNREFUSED|ENOTFOUND|network error/i },
  { kind: 'background', text: /receiving end does not exist|could not establish connection|the background did not answer/i },
];

/** Header lines whose value (and indented continuation) never goes on screen. */
const DROP_BLOCK = /^\s*(Request body|Request Arguments|Raw Call Arguments|Contract Call|Version|Docs|Meta Messages):/i;
const STACK_LINE = /^\s+at\s|^\s*at .+\(.+:\d+:\d+\)$|^\s*[\w$.<>]*@.+:\d+:\d+$/;

/** A URL reduced to its origin: paths and queries may carry API keys (…/v3/<key>, ?apikey=). */
function redactUrls(line: string): string {
  return line.replace(/\b(https?|wss?):\/\/[^\s"'<>)]+/gi, (url) => {
    try {
      const u = new URL(url);
      return u.pathname === '/' && !u.search ? u.origin : `${u.origin}/…`;
    } catch {
      return '…';
    }
  });
}

/** The error's text without request bodies, arguments, stacks, versions, and with URLs cut to their origin. */
export function technicalDetail(raw: string): string {
  const out: string[] = [];
  let dropping = false;
  for (const line of raw.split(/\r?\n/)) {
    if (DROP_BLOCK.test(line)) {
      dropping = true;
      continue;
    }
    if (dropping && /^\s+\S/.test(line)) continue; // an indented continuation of a dropped block
    dropping = false;
    if (STACK_LINE.test(line)) continue;
    // A JSON-RPC body inlined in a message ({"jsonrpc":"2.0",…} or {"method":…}) is dropped too.
    out.push(redactUrls(line.replace(/\{"(jsonrpc|method|id)"[^\n]*\}/g, '{…}')).trimEnd());
  }
  const text = out.join('\n').replace(/\n{3,}/g, '\n\n').trim();
  return text.length > 600 ? `${text.slice(0, 600)}…` : text;
}

/** "BackgroundError: HttpRequestError: HTTP request failed." → the names and the rest. */
function splitNames(first: string): { names: string[]; rest: string } {
  const names: string[] = [];
  let rest = first;
  for (let m = /^([A-Z]\w*(?:Error|Exception)):\s*/.exec(rest); m; m = /^([A-Z]\w*(?:Error|Exception)):\s*/.exec(rest)) {
    names.push(m[1]!);
    rest = rest.slice(m[0].length);
  }
  return { names, rest };
}

export function describeError(error: unknown): DescribedError {
  const raw = error instanceof Error ? `${error.name}: ${error.message}` : typeof error === 'string' ? error : String(error);
  const { names, rest } = splitNames(raw);
  const detail = technicalDetail(raw);
  const firstLine = technicalDetail(rest).split('\n')[0] ?? '';
  // Rules in order, by class name or by what the text says; the text is not read for Preflight's own errors (their
  // text is the message: "MetaMask did not answer…" is no RPC failure).
  const stated = names.some((n) => STATED.has(n));
  const rule = RULES.find((r) => names.some((n) => r.names?.test(n)) || (!stated && r.text?.test(raw)));
  const kind: ErrorKind = rule ? rule.kind : stated ? 'stated' : 'unknown';
  const message = kind === 'stated' ? firstLine.charAt(0).toUpperCase() + firstLine.slice(1) : firstLine;
  return { kind, names, message, detail };
}
