import { erc20Abi, type Address } from 'viem';
import { exposureAfter, exposureLine, grantsOf } from '../../approvals/exposure';
import type { TokenFacts } from '../../approvals/types';
import type { Analyzer, ReviewContext } from '../analyzer';

/** The one read on the review's path: the balance of a token the inventory does not hold, given up after this long. */
const BALANCE_BUDGET_MS = 1_000;

/** Balances of the request's tokens the inventory lacks (one bounded eth_call each, in parallel); unread ones are left out. */
async function balancesOf(ctx: ReviewContext, account: Address, tokens: readonly Address[]): Promise<Record<string, TokenFacts>> {
  const client = ctx.client;
  if (!client || tokens.length === 0) return {};
  const read = (t: Address) =>
    Promise.race([
      Promise.all([
        client.readContract({ address: t, abi: erc20Abi, functionName: 'balanceOf', args: [account] }),
        client.readContract({ address: t, abi: erc20Abi, functionName: 'decimals' }).catch(() => undefined),
      ]),
      new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), BALANCE_BUDGET_MS)),
    ]).catch(() => undefined);
  const out: Record<string, TokenFacts> = {};
  const answers = await Promise.all(tokens.map(read));
  tokens.forEach((t, i) => {
    const a = answers[i];
    if (a) out[t] = { symbol: t, standard: 'erc20', balance: a[0].toString(), ...(a[1] !== undefined ? { decimals: a[1] } : {}) };
  });
  return out;
}

/**
 * The whole-wallet view on every approval, permit, Permit2 and operator approval (and their revocations): after this,
 * how many spenders can take how much, what this request adds, and standing approvals to scam-listed spenders or plain
 * accounts. From the stored inventory only (ReviewDeps.approvals, no scan on the review's path); without one, the
 * panel is told so and offers to build it. No finding: the request is judged by the other checks.
 */
export const exposureAnalyzer: Analyzer = {
  id: 'exposure',
  kinds: ['transaction', 'calls', 'typed-data'],
  async analyze(ctx) {
    if (!ctx.approvals) return undefined;
    const { account, grants } = grantsOf(ctx.parsed);
    if (!account || grants.length === 0) return undefined;
    const chainId = ctx.request.chainId;
    const inv = await ctx.approvals(chainId, account);
    if (!inv) return { exposure: { state: 'none', chainId, account } };
    const missing = [...new Set(grants.filter((g) => g.kind === 'erc20' || g.kind === 'permit2').map((g) => g.token))].filter((t) => inv.tokens[t]?.balance === undefined);
    const extra = await balancesOf(ctx, account, missing);
    const scam = ctx.scamAddresses;
    const figures = exposureAfter(inv, grants, Math.floor(ctx.now() / 1000), (a) => scam?.has(a.toLowerCase()) ?? false, extra);
    return {
      exposure: {
        state: 'ready', chainId, account, spenders: figures.after.spenders, usd: figures.after.usd, ...(figures.addedUsd !== undefined ? { addedUsd: figures.addedUsd } : {}),
        unpriced: figures.after.unpriced, flagged: figures.flagged.slice(0, 5), asOf: inv.updatedAt, ...(inv.completeTo !== undefined ? { completeTo: inv.completeTo } : {}), line: exposureLine(figures),
      },
    };
  },
};
