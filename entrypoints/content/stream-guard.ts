import {
  classifyStreamMessage,
  isContentScriptHandshake,
  METAMASK_STREAMS,
  rejectionMessage,
  withParams,
  type StreamMessage,
  type StreamRequest,
} from '@/core/intercept/metamask-stream';
import { canonicalJson, ForwardLedger, requestFingerprint } from '@/core/intercept/forward-ledger';
import { applyFees } from '@/core/intercept/wrap-provider';
import { METAMASK_RETRY_NOTICE, WalletRetries } from '@/core/intercept/wallet-retries';
import type { ReviewFees } from '@/core/intercept/protocol';

/**
 * Requests that go around the provider wrapper, straight onto MetaMask's page streams (core/intercept/metamask-stream.ts).
 *
 * A `message` listener on the window, registered at document_start: it sees every message MetaMask's content script
 * sees. Whether it can stop one depends on which content script registered its listener first (Chromium runs the
 * extensions' document_start scripts in the order of their extension ids, see docs/SECURITY.md), so it is measured
 * on every page: MetaMask's content script posts its stream handshake (`SYN`) when it starts; if that message arrives
 * before the marker this guard posts when it starts, MetaMask's listener runs before ours.
 *  - ours first: the message is stopped (`stopImmediatePropagation`), reviewed like any other request, re-posted
 *    on Continue (so MetaMask takes it as the page's), answered with 4001 in MetaMask's shape on Reject;
 *  - MetaMask first: it already has the request. The guard reports it (banner, Reviews tab, notification).
 * Requests Preflight forwarded itself are told apart by the ForwardLedger, filled only from the decision path; MetaMask's
 * own re-send of one of them after its worker restarted, by WalletRetries.
 */
export interface StreamGuardHooks {
  /** Review a held request; resolves with the user's decision (Reject when the page may not queue more). */
  review(request: StreamRequest & { kind: StreamMessage['kind'] }): Promise<{ decision: 'continue' | 'reject'; fees?: ReviewFees; onAnswered?: () => void }>;
  /** Requests MetaMask received before Preflight could stop them. */
  bypassed(requests: StreamRequest[], kind: StreamMessage['kind']): void;
}

export interface StreamGuard {
  /** The wrapper is about to hand this request to the wallet after Continue: let its stream message through once. */
  expectForward(method: string, params: unknown, fees?: ReviewFees): void;
  /** Asks MetaMask for its current chain (for requests that do not name one). */
  chainId(): Promise<string | null>;
  /** 'first' when our listener runs before MetaMask's, 'after' when MetaMask's runs first, undefined until known. */
  readonly order: 'first' | 'after' | undefined;
}

const randomId = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

export function installStreamGuard(hooks: StreamGuardHooks): StreamGuard {
  const ledger = new ForwardLedger({ now: Date.now });
  const retries = new WalletRetries({ now: Date.now });
  const marker = randomId();
  let metamaskFirst: boolean | undefined;
  /**
   * The page's chain as MetaMask last told it: from its answer to the provider's `metamask_getProviderState` (MetaMask's
   * inpage provider asks at load), `metamask_chainChanged` notifications and answers to our own `eth_chainId`. A request
   * reported after MetaMask took it must be recorded at once, without a round trip to a wallet busy opening its window.
   */
  let lastChainId: string | null = null;
  const stateIds = new Set<string>();
  /** Answers we wait for: `${replyTarget}\n${name}\n${id}` → callback. */
  const answers = new Map<string, (data: Record<string, unknown>) => void>();
  const answerKey = (target: unknown, name: unknown, id: unknown) => `${String(target)}\n${String(name)}\n${canonicalJson(id)}`;

  const post = (data: unknown) => window.postMessage(data, location.origin);

  /** Re-posts an approved message so MetaMask takes it as the page's, and lets it past this guard once. */
  const forward = (data: unknown) => {
    ledger.expect(`message\n${canonicalJson(data)}`);
    post(data);
  };

  const awaitAnswer = (kind: StreamMessage['kind'], ids: unknown[], done: () => void) => {
    const s = METAMASK_STREAMS[kind];
    let left = ids.length;
    for (const id of ids)
      answers.set(answerKey(s.replyTarget, s.name, id), () => {
        if (--left <= 0) done();
      });
  };

  async function hold(message: StreamMessage, data: unknown): Promise<void> {
    let out = data;
    const settled: (() => void)[] = [];
    for (const request of message.reviewed) {
      const verdict = await hooks.review({ ...request, kind: message.kind });
      if (verdict.onAnswered) settled.push(verdict.onAnswered);
      if (verdict.decision !== 'continue') {
        for (const fn of settled) fn();
        post(rejectionMessage(message));
        return;
      }
      if (verdict.fees) out = withParams(out, message.kind, request.index, applyFees(request.method, request.params, verdict.fees));
    }
    awaitAnswer(message.kind, message.ids, () => settled.forEach((fn) => fn()));
    forward(out);
  }

  const idKey = (id: unknown) => `${typeof id}:${String(id)}`;
  /** Follows MetaMask's view of the page's chain on the provider stream (see lastChainId). */
  const trackChain = (target: unknown, inner: Record<string, unknown>) => {
    const s = METAMASK_STREAMS.provider;
    if (inner.name !== s.name) return;
    const payload = inner.data as Record<string, unknown> | null | undefined;
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return;
    if (target === s.target && payload.method === 'metamask_getProviderState') {
      if (stateIds.size < 64) stateIds.add(idKey(payload.id));
    } else if (target === s.replyTarget) {
      const chainIn = (v: unknown) => (typeof v === 'object' && v !== null && typeof (v as { chainId?: unknown }).chainId === 'string' ? (v as { chainId: string }).chainId : undefined);
      if (payload.method === 'metamask_chainChanged') lastChainId = chainIn(payload.params) ?? lastChainId;
      else if ('result' in payload && stateIds.delete(idKey(payload.id))) lastChainId = chainIn(payload.result) ?? lastChainId;
    }
  };

  /** MetaMask's answers (for the companion card and WalletRetries) and its retry notice, on its reply streams. */
  const noteAnswers = (target: unknown, inner: Record<string, unknown>) => {
    if (target !== METAMASK_STREAMS.provider.replyTarget && target !== METAMASK_STREAMS['legacy-provider'].replyTarget) return;
    const list = Array.isArray(inner.data) ? inner.data : [inner.data];
    for (const answer of list) {
      if (typeof answer !== 'object' || answer === null) continue;
      if ((answer as { method?: unknown }).method === METAMASK_RETRY_NOTICE) {
        retries.noticeSeen();
        continue;
      }
      if (!('result' in answer || 'error' in answer)) continue;
      const key = answerKey(target, inner.name, (answer as { id?: unknown }).id);
      retries.answered(key);
      const done = answers.get(key);
      if (done) {
        answers.delete(key);
        done(answer as Record<string, unknown>);
      }
    }
  };

  const onMessage = (event: MessageEvent) => {
    // MetaMask's streams take only same-window, same-origin messages; so does this guard.
    if (event.source !== window || event.origin !== location.origin) return;
    const data: unknown = event.data;
    if (typeof data !== 'object' || data === null) return;
    const record = data as Record<string, unknown>;
    if (record.preflightGuard === marker) {
      metamaskFirst ??= false;
      event.stopImmediatePropagation(); // ours: nobody else needs it
      return;
    }
    if (metamaskFirst === undefined && isContentScriptHandshake(data)) {
      metamaskFirst = true;
      return;
    }
    const inner = record.data as Record<string, unknown> | undefined;
    if (typeof inner === 'object' && inner !== null) {
      trackChain(record.target, inner);
      noteAnswers(record.target, inner);
    }
    const message = classifyStreamMessage(data);
    if (!message || message.reviewed.length === 0) return;
    let canonical: string;
    try {
      canonical = canonicalJson(data);
    } catch {
      canonical = '';
    }
    if (canonical && retries.isResend(canonical)) return; // MetaMask's provider re-sending what the user approved
    const s = METAMASK_STREAMS[message.kind];
    const passed = () => retries.passed(canonical, message.ids.filter((id) => id !== undefined && id !== null).map((id) => answerKey(s.replyTarget, s.name, id)));
    if (canonical && ledger.consume(`message\n${canonical}`)) return passed(); // our own re-post after Continue
    if (!message.batch && ledger.consume(`request\n${requestFingerprint(message.reviewed[0]!.method, message.reviewed[0]!.params)}`)) return passed(); // the wrapper's forward
    if (metamaskFirst) {
      hooks.bypassed(message.reviewed, message.kind);
      return;
    }
    event.stopImmediatePropagation();
    void hold(message, data);
  };

  window.addEventListener('message', onMessage, true);
  post({ preflightGuard: marker });

  return {
    expectForward(method, params, fees) {
      try {
        ledger.expect(`request\n${requestFingerprint(method, applyFees(method, params, fees))}`);
      } catch {
        // not serialisable: the wrapper reports such requests as unreadable; nothing to match
      }
    },
    chainId() {
      if (lastChainId !== null) return Promise.resolve(lastChainId);
      const s = METAMASK_STREAMS.provider;
      const id = `preflight-${randomId()}`;
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          answers.delete(answerKey(s.replyTarget, s.name, id));
          resolve(null);
        }, 1_000);
        answers.set(answerKey(s.replyTarget, s.name, id), (answer) => {
          clearTimeout(timer);
          if (typeof answer.result === 'string') lastChainId = answer.result;
          resolve(typeof answer.result === 'string' ? answer.result : null);
        });
        post({ target: s.target, data: { name: s.name, data: { jsonrpc: '2.0', id, method: 'eth_chainId' } } });
      });
    },
    get order() {
      return metamaskFirst === undefined ? undefined : metamaskFirst ? 'after' : 'first';
    },
  };
}
