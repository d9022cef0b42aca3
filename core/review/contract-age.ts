import type { Address, PublicClient } from 'viem';
import { duration } from '../format/count';

export type ContractAge =
  | { status: 'eoa' }
  /** Deployed before the window: established. */
  | { status: 'old' }
  | { status: 'new'; deployedBlock: bigint; ageSeconds: number }
  /** The RPC does not serve historical state (pruned node) or did not answer. */
  | { status: 'unknown'; reason: string };

export interface ContractAgeOptions {
  /** "New" means deployed within this many seconds. Default 7 days. */
  windowSeconds?: number;
  /** Upper bound on eth_getCode calls (the search is logarithmic). Default 30. */
  maxCalls?: number;
  /** The clock of the block-time cache (ms). Default Date.now. */
  now?: () => number;
  /** Whether the address has code now, when the caller reads that anyway (its read is then not made twice). */
  hasCodeNow?: Promise<boolean | undefined>;
  /**
   * The chain's nominal block time (the registry's), where the first historical probe is aimed until this client has
   * measured the real one. Default 12 s. A wrong one costs at most one round more, never a wrong answer.
   */
  blockTimeSeconds?: number;
}

/** eth_getCode probes per round of the search: one batched HTTP request on a batching client, the range cut by 8. */
const PROBES = 7;
/** The search stops once the deploy block is known to within this share of the contract's age (the age is shown rounded). */
const AGE_PRECISION = 0.05;

/**
 * Block times by client (cache only, an hour), measured over the window by the first historical probe: a later search
 * on the same client aims its first probe with it.
 */
const blockTimes = new WeakMap<PublicClient, { perBlock: number; until: number }>();
const BLOCK_TIME_TTL_MS = 3_600_000;

/**
 * How long ago a contract was deployed, by a search of eth_getCode over block numbers, in as few sequential round
 * trips as it can (each costs the node's latency; on a distant node they are most of an approval's review):
 * 1. the head block and the code now, together (no code: an EOA);
 * 2. the code about `windowSeconds` ago, aimed by the block time (this client's measured one, else the chain's
 *    nominal one), with that block read alongside: its timestamp says whether it really is `windowSeconds` old and
 *    gives the chain's real block time over the window (kept an hour per client). Present there means old: most
 *    established contracts are settled in 2 rounds. If the probe landed inside the window (the nominal block time was
 *    too long), it is aimed once more with the measured one (a third round);
 * 3. otherwise the contract is new, and its deploy block is narrowed down 7 probes a round until it is known to
 *    within 5 % of its age (or the call budget is spent: the age is then the youngest the probes allow); the last
 *    round also reads the probed blocks, for the deploy block's timestamp.
 */
export async function contractAge(client: PublicClient, address: Address, opts: ContractAgeOptions = {}): Promise<ContractAge> {
  const windowSeconds = opts.windowSeconds ?? 7 * 86_400;
  const maxCalls = opts.maxCalls ?? 30;
  const now = opts.now ?? Date.now;
  let calls = 0;
  const present = (code: string | undefined) => !!code && code !== '0x';
  const codeAt = async (blockNumber: bigint): Promise<boolean> => {
    if (++calls > maxCalls) throw new Error('call budget exhausted');
    return present(await client.getCode({ address, blockNumber }));
  };
  try {
    calls++;
    const [head, codeNow] = await Promise.all([client.getBlock({ blockTag: 'latest' }), opts.hasCodeNow ?? client.getCode({ address, blockTag: 'latest' }).then(present)]);
    if (!codeNow) return { status: 'eoa' };
    const cached = blockTimes.get(client);
    let perBlock = cached && cached.until > now() ? cached.perBlock : (opts.blockTimeSeconds ?? 12);
    const aim = () => {
      const back = BigInt(Math.ceil(windowSeconds / Math.max(perBlock, 0.001)));
      return head.number > back ? head.number - back : 0n;
    };
    /** The code at `at` and that block (its timestamp), together; the block time over the span is measured and kept. */
    const probe = async (at: bigint) => {
      const [found, block] = await Promise.all([codeAt(at), client.getBlock({ blockNumber: at })]);
      if (at < head.number && head.timestamp > block.timestamp) {
        perBlock = Number(head.timestamp - block.timestamp) / Number(head.number - at);
        blockTimes.set(client, { perBlock, until: now() + BLOCK_TIME_TTL_MS });
      }
      return { found, age: Number(head.timestamp - block.timestamp) };
    };
    let lo = aim();
    let atWindow = await probe(lo);
    if (atWindow.found && lo > 0n && atWindow.age < windowSeconds) {
      // Aimed inside the window (the nominal block time was too long): once more, with the one just measured.
      lo = aim();
      atWindow = await probe(lo);
    }
    if (atWindow.found) {
      // Present since genesis of a young chain (a devnet): judged by the genesis block's age.
      if (lo === 0n) return atWindow.age > windowSeconds ? { status: 'old' } : { status: 'new', deployedBlock: 0n, ageSeconds: atWindow.age };
      return { status: 'old' };
    }
    // Invariant: no code at lo, code at hi. Each round probes up to PROBES blocks at once; a round that will be the
    // last reads the probed blocks too, so the deploy block's timestamp costs no round of its own (mostly).
    let hi = head.number;
    let hiBlock: { timestamp: bigint } | undefined = head;
    const precise = (range: number, youngest: bigint) => range <= Number(head.number - youngest) * AGE_PRECISION;
    while (hi - lo > 1n) {
      if (precise(Number(hi - lo), hi)) break;
      const k = Math.min(PROBES, maxCalls - calls);
      if (k <= 0) break;
      const step = (hi - lo) / BigInt(k + 1) || 1n;
      const points: bigint[] = [];
      for (let i = 1n; i <= BigInt(k) && lo + i * step < hi; i++) points.push(lo + i * step);
      const last = precise(Number(step) + points.length, hi) || step === 1n || k === maxCalls - calls;
      const [found, blocks] = await Promise.all([Promise.all(points.map(codeAt)), last ? Promise.all(points.map((p) => client.getBlock({ blockNumber: p }))) : undefined]);
      const first = found.indexOf(true);
      if (first >= 0) {
        hi = points[first]!;
        hiBlock = blocks?.[first];
      }
      if (first !== 0) lo = points[first >= 0 ? first - 1 : points.length - 1]!;
    }
    const deployed = hiBlock ?? (await client.getBlock({ blockNumber: hi }));
    const ageSeconds = Number(head.timestamp - deployed.timestamp);
    return ageSeconds > windowSeconds ? { status: 'old' } : { status: 'new', deployedBlock: hi, ageSeconds };
  } catch (error) {
    return { status: 'unknown', reason: error instanceof Error ? error.message.split('\n')[0]!.slice(0, 160) : String(error) };
  }
}

/** "1 minute", "3 hours", "2 days" — for titles (at least a minute: blocks are seconds apart). */
export function describeAge(seconds: number): { en: string; ja: string } {
  return duration(Math.max(60, seconds));
}
