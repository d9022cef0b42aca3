import { browser, type Browser } from 'wxt/browser';
import { parseChainId } from '@/core/chain/chain-id';
import { isReviewedMethod } from '@/core/review/types';
import type { DecideResponse, ReviewGetResponse, RuntimeMessage, TabMessage } from '@/core/messages';
import { isTrustedOrigin } from '@/core/review/phishing';
import type { PhishingCheckResponse } from '@/core/messages';
import { loadSettings } from '@/components/storage/settings';
import { db } from '@/components/storage/db';
import { benchMark } from './bench-mark';
import { ensureReview, knownRecipients, reviewBook, startReview } from './review-service';
import { releaseCheck } from './release-check';
import { fiatRates, gasReportResponse } from './gas';
import { checkGasAlerts, setGasAlert } from './gas-alerts';
import { gasAlertsItem } from '@/components/storage/gas-alerts';
import { noteChainUsed } from '@/components/storage/recent-chains';
import { bypassEvents, clearBypassEvents, onStreamBypass, watchDecision } from './bypass';
import { handleWithdrawMessage, isWithdrawMessage } from './withdraw-handlers';
import { handleApprovalsMessage, isApprovalsMessage } from './approvals';
import { originCheck, refreshThreatListNow, threatListsState } from './threat-lists';
import { warmWallet } from './wallet-source';

type Sender = Browser.runtime.MessageSender;

class ForbiddenSenderError extends Error {
  override name = 'ForbiddenSenderError';
}

/** Our own pages: same extension id and an extension URL (the review frame may carry a dynamic host, use_dynamic_url). */
function extensionPath(s: Sender): string | undefined {
  if (s.id !== browser.runtime.id || !s.url) return undefined;
  const url = new URL(s.url);
  return url.protocol === new URL(browser.runtime.getURL('/')).protocol ? url.pathname : undefined;
}
const fromReviewPage = (s: Sender) => extensionPath(s) === '/review.html';
const fromExtensionPage = (s: Sender) => extensionPath(s) !== undefined;

/** Answers one runtime message. The sender decides what it may ask: only our own pages decide. */
export async function handleMessage(message: RuntimeMessage, sender: Sender): Promise<unknown> {
  if (isWithdrawMessage(message)) {
    if (!fromExtensionPage(sender)) throw new ForbiddenSenderError('only extension pages plan and execute withdrawals');
    return handleWithdrawMessage(message);
  }
  if (isApprovalsMessage(message)) {
    // The popup's Approvals tab, and the review panel's "build the inventory" button.
    if (!fromExtensionPage(sender)) throw new ForbiddenSenderError('only extension pages scan and revoke approvals');
    return handleApprovalsMessage(message);
  }
  switch (message.t) {
    case 'review:start': {
      // From a content script: origin, tab and frame come from the browser, never from the page.
      if (!sender.tab?.id || !sender.url || !isReviewedMethod(message.request.method)) throw new ForbiddenSenderError('not a content script');
      const origin = sender.origin ?? new URL(sender.url).origin;
      benchMark('preflight:review:start');
      await startReview({
        key: message.key,
        createdAt: Date.now(),
        tabId: sender.tab.id,
        frameId: sender.frameId ?? 0,
        request: { method: message.request.method, params: message.request.params, origin, chainId: parseChainId(message.request.chainId) ?? 1 },
      });
      void noteChainUsed(parseChainId(message.request.chainId) ?? 1, Date.now()).catch(() => undefined);
      return { ok: true };
    }
    case 'bypass:stream': {
      // From a content script's stream guard: MetaMask already has this request. Origin, tab and frame from the browser.
      if (!sender.tab?.id || !sender.url || !isReviewedMethod(message.request.method)) throw new ForbiddenSenderError('not a content script');
      const origin = sender.origin ?? new URL(sender.url).origin;
      const chainId = parseChainId(message.request.chainId) ?? 1;
      const record = {
        key: message.key,
        createdAt: Date.now(),
        tabId: sender.tab.id,
        frameId: sender.frameId ?? 0,
        request: { method: message.request.method, params: message.request.params, origin, chainId },
        bypass: 'stream' as const,
      };
      // The banner goes on the top page, where the user looks (a frame's own banner may be hidden).
      if (sender.frameId) void browser.tabs.sendMessage(sender.tab.id, { t: 'bypass:banner', method: record.request.method } satisfies TabMessage, { frameId: 0 }).catch(() => undefined);
      await onStreamBypass(record, (r) => reviewBook.put(r));
      void ensureReview(message.key).catch(() => undefined); // what it does, for the Reviews tab
      return { ok: true };
    }
    case 'panel:top': {
      // From a content script in a frame (never the page: pages cannot send runtime messages); the key is its own.
      if (!sender.tab?.id || !sender.frameId) throw new ForbiddenSenderError('not a content script in a frame');
      await browser.tabs.sendMessage(sender.tab.id, { t: 'panel:show', key: message.key } satisfies TabMessage, { frameId: 0 });
      return { ok: true };
    }
    case 'review:get': {
      if (!fromReviewPage(sender)) throw new ForbiddenSenderError('only the review panel reads reviews');
      const record = await ensureReview(message.key);
      benchMark('preflight:review:get');
      const response: ReviewGetResponse = { request: record.request, review: record.review, decision: record.decision, unsaved: record.unsaved, ...(record.recheck ? { recheck: record.recheck } : {}) };
      return response;
    }
    case 'review:decide': {
      if (!fromReviewPage(sender)) throw new ForbiddenSenderError('only the review panel decides');
      const before = await reviewBook.get(message.key);
      if (before?.decision) return { ok: true, already: true } satisfies DecideResponse;
      // Continue: the request is simulated again first; an outcome that moved is shown, not forwarded (release-check.ts).
      const release = message.decision === 'continue' && before ? await releaseCheck(before) : undefined;
      if (release && !release.forward) return { ok: true, held: true, recheck: release.recheck } satisfies DecideResponse;
      const record = await reviewBook.recordDecision(message.key, message.decision, message.applyFees, Date.now(), release?.recheck);
      if (record.decision !== message.decision) return { ok: true, already: true } satisfies DecideResponse;
      void knownRecipients.noteDecision(record).catch(() => undefined);
      void watchDecision(record).catch(() => undefined); // bypass watcher: baseline of the account, off the decision path
      const fees = message.applyFees && record.decision === 'continue' ? record.review?.suggestedFees : undefined;
      const out: TabMessage = { t: 'review:decided', key: record.key, decision: record.decision ?? 'reject', fees };
      // A frame's request whose panel the top page showed (panel:top): the top page takes its panel down.
      if (record.frameId !== 0) void browser.tabs.sendMessage(record.tabId, out, { frameId: 0 }).catch(() => undefined);
      await browser.tabs.sendMessage(record.tabId, out, { frameId: record.frameId });
      return { ok: true } satisfies DecideResponse;
    }
    case 'worker:warm': {
      // Waking the worker is the point (its bundle is compiled by now); the review's first reads are started too, so
      // their connections are open when the request comes (settings, IndexedDB, MetaMask's connection and network).
      // Nothing is read from the page or sent to any node.
      void loadSettings().catch(() => undefined);
      void db().catch(() => undefined);
      warmWallet();
      return { ok: true };
    }
    case 'phishing:check': {
      // The origin is the browser's, not the page's claim.
      if (!sender.tab?.id || !sender.url) throw new ForbiddenSenderError('not a content script');
      const origin = sender.origin ?? new URL(sender.url).origin;
      const settings = await loadSettings();
      const check = isTrustedOrigin(origin, settings.trustedOrigins) ? undefined : await originCheck(origin);
      const response: PhishingCheckResponse = { listed: !!check?.phishing, imitates: check?.match, list: check?.phishing ? check.list : undefined, lang: settings.lang };
      return response;
    }
    case 'gas:report': {
      if (!fromExtensionPage(sender)) throw new ForbiddenSenderError('only extension pages ask for gas reports');
      void noteChainUsed(message.chainId, Date.now()).catch(() => undefined); // looked at: keep sampling it
      return gasReportResponse(message.chainId, message.gasLimit, message.withinHours);
    }
    case 'fiat:rates': {
      // ETH/USD and ETH/JPY (Chainlink, through the user's Ethereum RPC), for fiat values beside amounts.
      if (!fromExtensionPage(sender)) throw new ForbiddenSenderError('only extension pages ask for prices');
      return fiatRates();
    }
    case 'gas:alert:set':
    case 'gas:alert:list':
    case 'gas:alert:check': {
      if (!fromExtensionPage(sender)) throw new ForbiddenSenderError('only extension pages manage gas alerts');
      if (message.t === 'gas:alert:set') return setGasAlert(message.chainId, message.maxBaseFeeGwei);
      if (message.t === 'gas:alert:check') return { fired: await checkGasAlerts() };
      return gasAlertsItem.getValue();
    }
    case 'bypass:list':
    case 'bypass:clear': {
      if (!fromExtensionPage(sender)) throw new ForbiddenSenderError('only extension pages read the bypass watcher');
      if (message.t === 'bypass:clear') return clearBypassEvents();
      return bypassEvents();
    }
    case 'lists:status':
    case 'lists:refresh': {
      if (!fromExtensionPage(sender)) throw new ForbiddenSenderError('only extension pages manage the threat lists');
      return message.t === 'lists:refresh' ? refreshThreatListNow(message.list) : threatListsState();
    }
    case 'reviews:list': {
      if (!fromExtensionPage(sender)) throw new ForbiddenSenderError('only extension pages list reviews');
      return reviewBook.list(message.limit ?? 100);
    }
  }
}
