import { text, type Localized } from '../i18n/localized';
import type { Analyzer, ReviewDeps, ReviewContext } from './analyzer';
import { DEFAULT_ANALYZERS } from './analyzers';
import { EncodingNotes, parseRequest, WalletRefusalError, type ParsedRequest } from './request';
import { nonCanonicalFinding } from './normalise/non-canonical';
import { describeRequest } from './describe';
import { analysisFailed } from './analysis-failed';
import { noChainAccessFinding } from './no-chain-access';
import type { AnalyzerResult, Finding, Review, ReviewCard, SigningRequest, Verdict } from './types';

export interface ReviewOptions {
  analyzers?: readonly Analyzer[];
  /** Budget for all analyzers together; what has not answered by then is reported as analysis-failed. */
  timeoutMs?: number;
  id?: string;
  /** Called as each analyzer settles (its id): timing marks for benchmarks; never changes the review. */
  onSettled?: (analyzerId: string) => void;
}

class AnalyzerTimeoutError extends Error {
  override name = 'AnalyzerTimeoutError';
}

/** Kinds whose checks read chain state (simulation, code, token metadata). */
const CHAIN_KINDS: ReadonlySet<ParsedRequest['kind']> = new Set(['transaction', 'calls', 'typed-data']);

const SEVERITY_RANK = { info: 0, warn: 1, danger: 2 } as const;

/** danger > error > caution > ok: a confirmed danger is more useful than "could not check". */
export function verdictOf(findings: readonly Finding[]): Verdict {
  if (findings.some((f) => f.severity === 'danger')) return 'danger';
  if (findings.some((f) => f.code === 'analysis-failed')) return 'error';
  if (findings.some((f) => f.severity === 'warn')) return 'caution';
  return 'ok';
}

/** Rejects when the signal aborts: one listener for all analyzers (Node warns past 10 listeners on one signal). */
function abortedBy(signal: AbortSignal, ms: number): Promise<never> {
  const aborted = new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(new AnalyzerTimeoutError(`no answer within ${ms} ms`)), { once: true }));
  aborted.catch(() => undefined);
  return aborted;
}

function withTimeout<T>(promise: Promise<T>, ms: number, aborted: Promise<never>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new AnalyzerTimeoutError(`no answer within ${ms} ms`)), ms);
    aborted.catch((e: unknown) => (clearTimeout(timer), reject(e)));
    promise.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e: unknown) => (clearTimeout(timer), reject(e)),
    );
  });
}

let counter = 0;
function newId(now: number): string {
  counter = (counter + 1) % 1_000_000;
  return `${now.toString(36)}-${counter.toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Reviews one signing request: parse, run every applicable analyzer in parallel, merge, judge. Never throws. */
export async function reviewRequest(request: SigningRequest, deps: ReviewDeps, options: ReviewOptions = {}): Promise<Review> {
  const started = deps.now();
  const id = options.id ?? newId(started);
  const timeoutMs = options.timeoutMs ?? 2_500;
  const base = { id, createdAt: started, request };

  let parsed: ParsedRequest;
  const notes = new EncodingNotes();
  try {
    parsed = parseRequest(request, notes);
  } catch (error) {
    if (error instanceof WalletRefusalError) {
      // Nothing would be signed: say so, and that the request is not in any form an honest dApp sends.
      const findings = [nonCanonicalFinding(notes.notes, error.reason)];
      const summary = text(`MetaMask will refuse this ${request.method} request: ${error.reason.en}`, `MetaMask はこの ${request.method} リクエストを拒否します：${error.reason.ja}`);
      return { ...base, verdict: verdictOf(findings), summary, findings, cards: [], refusal: error.reason, analysisMs: deps.now() - started };
    }
    const findings = [analysisFailed(text('The request could not be read', 'リクエストを読み取れませんでした'), error)];
    return { ...base, verdict: 'error', summary: text(`Unreadable ${request.method} request`, `読み取れない ${request.method} リクエスト`), findings, cards: [], analysisMs: deps.now() - started };
  }

  const controller = new AbortController();
  const ctx: ReviewContext = { ...deps, request, parsed, signal: controller.signal };
  const analyzers = (options.analyzers ?? DEFAULT_ANALYZERS).filter((a) => a.kinds.includes(parsed.kind));
  const aborted = abortedBy(controller.signal, timeoutMs);
  const settled = await Promise.allSettled(
    analyzers.map((a) => {
      const run = withTimeout(Promise.resolve().then(() => a.analyze(ctx)), timeoutMs, aborted);
      const onSettled = options.onSettled;
      if (onSettled) void run.then(() => onSettled(a.id), () => onSettled(a.id)).catch(() => undefined);
      return run;
    }),
  );
  controller.abort();

  const findings: Finding[] = [];
  const cards: ReviewCard[] = [];
  let summary: Localized | undefined;
  let assetChanges: AnalyzerResult['assetChanges'];
  let suggestedFees: AnalyzerResult['suggestedFees'];
  let hold: AnalyzerResult['hold'];
  let exposure: AnalyzerResult['exposure'];
  let outcome: AnalyzerResult['outcome'];
  // Only requests whose checks read the chain lose something when the RPC is unusable.
  if (deps.rpcProblem && CHAIN_KINDS.has(parsed.kind)) findings.push(analysisFailed(text('On-chain checks were skipped', 'オンチェーンの確認を省略しました'), deps.rpcProblem));
  if (deps.noChainAccess && !deps.client && !deps.rpcProblem) {
    const skipped = noChainAccessFinding(request, parsed, deps.noChainAccess.reason);
    if (skipped) findings.push(skipped);
  }
  settled.forEach((result, i) => {
    const analyzer = analyzers[i]!;
    if (result.status === 'rejected') {
      findings.push(analysisFailed(text(`Check "${analyzer.id}" failed`, `チェック「${analyzer.id}」に失敗しました`), result.reason));
      return;
    }
    const r = result.value;
    if (!r) return;
    findings.push(...(r.findings ?? []));
    cards.push(...(r.cards ?? []));
    summary ??= r.summary;
    assetChanges ??= r.assetChanges;
    suggestedFees ??= r.suggestedFees;
    hold ??= r.hold;
    exposure ??= r.exposure;
    outcome ??= r.outcome;
  });
  if (notes.notes.length > 0) findings.push(nonCanonicalFinding(notes.notes));
  findings.sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]);

  return {
    ...base,
    verdict: verdictOf(findings),
    summary: summary ?? describeRequest(parsed, request, deps.labels),
    findings,
    cards,
    assetChanges,
    suggestedFees,
    hold,
    ...(exposure ? { exposure } : {}),
    ...(outcome ? { outcome } : {}),
    ...(notes.refusal ? { refusal: notes.refusal } : {}),
    analysisMs: deps.now() - started,
  };
}
