/**
 * Fee-history store: samples eth_feeHistory per chain into chunks of 1024 blocks (aligned to
 * block numbers), keeps ~30 days, survives restarts (state lives only in the injected storage),
 * fills gaps, and re-fetches the overlap when the newest stored block was reorged away.
 * Chunks are written before the meta record, and a failed fetch writes nothing, so an
 * interrupted sync never leaves corrupted history: the next sync just repeats the work.
 */
import { gasChain } from './chains';
import { cheapestGasPrice } from './legacy-tiers';
import { getBlock, getFeeRange, getFeeRangeFromBlock, isMethodUnsupported, parseHead, quantity, type FeeRange, type HeadInfo, type RpcRequest } from './history-rpc';

export const CHUNK_SIZE = 1024;
export const REORG_DEPTH = 64;
export const DEFAULT_PERCENTILES = [10, 20, 30, 50, 90] as const;

/** Plain data only (numbers in wei, safe integers): storable in IndexedDB or JSON. */
export interface FeeChunk {
  chainId: number;
  index: number;
  /** Block numbers present, ascending, all within [index·1024, index·1024+1023]. */
  blocks: number[];
  timestamps: number[];
  baseFee: number[];
  gasUsedRatio: number[];
  rewards: number[][];
}

export interface HistoryMeta {
  chainId: number;
  mode: 'fee-history' | 'blocks' | 'legacy';
  percentiles: number[];
  newestBlock: number;
  newestHash: string;
  newestTimestamp: number;
}

export interface FeeHistoryStorage {
  getMeta(chainId: number): Promise<HistoryMeta | undefined>;
  putMeta(meta: HistoryMeta): Promise<void>;
  getChunk(chainId: number, index: number): Promise<FeeChunk | undefined>;
  putChunk(chunk: FeeChunk): Promise<void>;
  deleteChunk(chainId: number, index: number): Promise<void>;
  listChunks(chainId: number): Promise<number[]>;
}

export class MemoryFeeHistoryStorage implements FeeHistoryStorage {
  private readonly metas = new Map<number, HistoryMeta>();
  private readonly chunks = new Map<string, FeeChunk>();
  async getMeta(chainId: number): Promise<HistoryMeta | undefined> {
    return structuredClone(this.metas.get(chainId));
  }
  async putMeta(meta: HistoryMeta): Promise<void> {
    this.metas.set(meta.chainId, structuredClone(meta));
  }
  async getChunk(chainId: number, index: number): Promise<FeeChunk | undefined> {
    return structuredClone(this.chunks.get(`${chainId}:${index}`));
  }
  async putChunk(chunk: FeeChunk): Promise<void> {
    this.chunks.set(`${chunk.chainId}:${chunk.index}`, structuredClone(chunk));
  }
  async deleteChunk(chainId: number, index: number): Promise<void> {
    this.chunks.delete(`${chainId}:${index}`);
  }
  async listChunks(chainId: number): Promise<number[]> {
    return [...this.chunks.values()].filter((c) => c.chainId === chainId).map((c) => c.index).sort((a, b) => a - b);
  }
}

export interface FeeSamples {
  blocks: number[];
  timestamps: number[];
  baseFee: number[];
  gasUsedRatio: number[];
  rewards: number[][];
}

export interface SyncResult {
  mode: HistoryMeta['mode'];
  head: number;
  fetchedBlocks: number;
  reorged: boolean;
  /** Blocks of the retention window still missing (filled on later syncs). */
  missingBlocks: number;
}

export interface FeeHistoryStoreOptions {
  chainId: number;
  request: RpcRequest;
  storage: FeeHistoryStorage;
  /** Blocks to keep (default: 30 days at the chain's block time). */
  retentionBlocks?: number;
  percentiles?: readonly number[];
  /** eth_feeHistory calls per sync (default 16); older blocks are back-filled on later syncs. */
  maxRequestsPerSync?: number;
  /**
   * Of those, at most this many back-fill the oldest part of the window (default: all of them). The newest blocks
   * (from the stored head to the node's) come first and are never limited by it, so an idle sync can back-fill
   * slowly without leaving a gap behind the head.
   */
  maxBackfillRequestsPerSync?: number;
  /** Blocks read per sync when the node lacks eth_feeHistory (default 20). */
  fallbackBlocks?: number;
}

export class FeeHistoryStore {
  private readonly retention: number;
  private readonly percentiles: number[];
  private running: Promise<unknown> = Promise.resolve();
  private newestRawHead: unknown;

  constructor(private readonly o: FeeHistoryStoreOptions) {
    this.retention = o.retentionBlocks ?? Math.round((30 * 86400) / gasChain(o.chainId).blockTimeSeconds);
    this.percentiles = [...(o.percentiles ?? DEFAULT_PERCENTILES)];
  }

  /** The raw `latest` header the last sync read (undefined before one ran): callers reuse it instead of reading it again. */
  get lastHead(): unknown {
    return this.newestRawHead;
  }

  /** Bring the stored history up to the node's head. Calls are serialised per store. */
  sync(): Promise<SyncResult> {
    const next = this.running.then(() => this.syncOnce());
    this.running = next.catch(() => undefined);
    return next;
  }

  private async syncOnce(): Promise<SyncResult> {
    const { request, storage, chainId } = this.o;
    const rawHead = await getBlock(request, 'latest');
    const head = parseHead(rawHead, 'latest block');
    this.newestRawHead = rawHead;
    let meta = await storage.getMeta(chainId);
    let reorged = false;
    let from = head.number - this.retention + 1;
    if (meta) {
      const stillThere = meta.newestBlock <= head.number ? parseHead(await getBlock(request, meta.newestBlock)).hash === meta.newestHash : false;
      if (stillThere) from = Math.max(from, meta.newestBlock + 1);
      else {
        reorged = true;
        const keepUpTo = Math.min(meta.newestBlock, head.number) - REORG_DEPTH;
        await this.truncateAfter(keepUpTo);
        from = Math.max(from, keepUpTo + 1);
      }
    }
    if (head.baseFeePerGas === undefined) return this.syncLegacy(head, meta, reorged);
    let fetched = 0;
    let mode: HistoryMeta['mode'] = meta?.mode === 'blocks' ? 'blocks' : 'fee-history';
    const { ranges, contiguousTo } = this.plan(from, head.number, await this.oldestStored(), head.number - this.retention + 1, meta !== undefined);
    const ends = new Map<number, HeadInfo>();
    for (const [lo, hi] of ranges) {
      let range: FeeRange;
      if (mode === 'fee-history') {
        try {
          range = await getFeeRange(request, hi, hi - lo + 1, this.percentiles);
        } catch (error) {
          if (!isMethodUnsupported(error)) throw error;
          mode = 'blocks';
          break;
        }
        const end = hi === head.number ? head : parseHead(await getBlock(request, hi));
        ends.set(hi, end);
        await this.write(range, end);
        fetched += hi - lo + 1;
      }
    }
    if (mode === 'blocks') fetched += await this.syncFromBlocks(head, meta);
    // Whole up to `contiguousTo` only: the meta points there (with that block's header for the next reorg check).
    const whole = mode === 'fee-history' && contiguousTo < head.number ? (ends.get(contiguousTo) ?? parseHead(await getBlock(request, contiguousTo))) : head;
    meta = { chainId, mode, percentiles: this.percentiles, newestBlock: whole.number, newestHash: whole.hash, newestTimestamp: whole.timestamp };
    await storage.putMeta(meta);
    await this.prune(head.number - this.retention + 1);
    const stored = (await this.samples()).blocks.length;
    return { mode, head: head.number, fetchedBlocks: fetched, reorged, missingBlocks: Math.max(0, Math.min(this.retention, head.number + 1) - stored) };
  }

  /**
   * Chunk-aligned ranges: newest blocks first, then back-fill of the oldest part of the window. When the new blocks
   * after a stored history do not fit the budget (a quick sync on the review's path, a fast chain after a long pause),
   * the newest range is fetched for freshness and the rest of the budget goes to the oldest new blocks, and
   * `contiguousTo` says up to where the stored history is whole: the next sync goes on from there, so no gap is left.
   */
  private plan(from: number, to: number, oldest: number | undefined, windowStart: number, resumable: boolean): { ranges: Array<[number, number]>; contiguousTo: number } {
    let budget = this.o.maxRequestsPerSync ?? 16;
    const chunks = (lo: number, hi: number): Array<[number, number]> => {
      const out: Array<[number, number]> = [];
      for (let end = hi; end >= lo; ) {
        const start = Math.max(lo, Math.floor(end / CHUNK_SIZE) * CHUNK_SIZE);
        out.push([start, end]);
        end = start - 1;
      }
      return out;
    };
    const fresh = chunks(Math.max(from, 0), to);
    if (fresh.length > budget) {
      if (!resumable) return { ranges: fresh.slice(0, budget), contiguousTo: to }; // no history yet: the rest is back-fill
      const older = budget > 1 ? fresh.slice(fresh.length - (budget - 1)) : [];
      return { ranges: [fresh[0]!, ...older], contiguousTo: older[0]?.[1] ?? from - 1 };
    }
    budget = Math.min(budget, fresh.length + (this.o.maxBackfillRequestsPerSync ?? budget));
    const ranges = [...fresh];
    if (oldest !== undefined && oldest > windowStart) ranges.push(...chunks(Math.max(windowStart, 0), Math.min(oldest - 1, from - 1)).slice(0, budget - fresh.length));
    return { ranges, contiguousTo: to };
  }

  /**
   * No EIP-1559: each new block (up to `fallbackBlocks` per sync) is stored with the cheapest gas price it included
   * as its fee (the node's eth_gasPrice for a block without priced transactions), so the chart, the forecast and
   * the gas price tiers (legacy-tiers.ts) all come from real recent blocks.
   */
  private async syncLegacy(head: HeadInfo, meta: HistoryMeta | undefined, reorged: boolean): Promise<SyncResult> {
    const count = this.o.fallbackBlocks ?? 20;
    const first = Math.max(0, head.number - count + 1, meta?.mode === 'legacy' && !reorged ? meta.newestBlock + 1 : 0);
    let nodePrice: number | undefined;
    let fetched = 0;
    for (let b = first; b <= head.number; b++) {
      const raw = await getBlock(this.o.request, b, true);
      const h = parseHead(raw, `block ${b}`);
      const cheapest = cheapestGasPrice(raw);
      nodePrice ??= cheapest === undefined ? Number(quantity(await this.o.request('eth_gasPrice', []), 'gas price')) : undefined;
      const fee = cheapest !== undefined ? Number(cheapest) : nodePrice!;
      await this.write({ oldestBlock: b, baseFee: [fee], gasUsedRatio: [Number(h.gasUsed) / Math.max(1, Number(h.gasLimit))], rewards: [this.percentiles.map(() => 0)] }, h);
      fetched++;
    }
    await this.o.storage.putMeta({ chainId: this.o.chainId, mode: 'legacy', percentiles: this.percentiles, newestBlock: head.number, newestHash: head.hash, newestTimestamp: head.timestamp });
    await this.prune(head.number - this.retention + 1);
    return { mode: 'legacy', head: head.number, fetchedBlocks: fetched, reorged, missingBlocks: 0 };
  }

  private async syncFromBlocks(head: HeadInfo, meta: HistoryMeta | undefined): Promise<number> {
    const count = this.o.fallbackBlocks ?? 20;
    const first = Math.max(head.number - count + 1, meta && !Number.isNaN(meta.newestBlock) ? Math.min(meta.newestBlock + 1, head.number) : 0);
    let n = 0;
    for (let b = first; b <= head.number; b++) {
      const range = await getFeeRangeFromBlock(this.o.request, b, this.percentiles);
      await this.write(range, range.head);
      n++;
    }
    return n;
  }

  private async oldestStored(): Promise<number | undefined> {
    const list = await this.o.storage.listChunks(this.o.chainId);
    if (list.length === 0) return undefined;
    return (await this.o.storage.getChunk(this.o.chainId, list[0]!))?.blocks[0];
  }

  /** Merge a validated range into its chunks; timestamps interpolated back from `end`. */
  private async write(range: FeeRange, end: HeadInfo): Promise<void> {
    const count = range.baseFee.length;
    const step = gasChain(this.o.chainId).blockTimeSeconds;
    const byChunk = new Map<number, number[]>();
    for (let i = 0; i < count; i++) {
      const block = range.oldestBlock + i;
      const idx = Math.floor(block / CHUNK_SIZE);
      byChunk.set(idx, [...(byChunk.get(idx) ?? []), i]);
    }
    for (const [index, positions] of byChunk) {
      const chunk = (await this.o.storage.getChunk(this.o.chainId, index)) ?? { chainId: this.o.chainId, index, blocks: [], timestamps: [], baseFee: [], gasUsedRatio: [], rewards: [] };
      const rows = new Map<number, [number, number, number, number[]]>();
      chunk.blocks.forEach((b, k) => rows.set(b, [chunk.timestamps[k]!, chunk.baseFee[k]!, chunk.gasUsedRatio[k]!, chunk.rewards[k] ?? []]));
      for (const i of positions) {
        const block = range.oldestBlock + i;
        const ts = Math.round(end.timestamp - (end.number - block) * step);
        rows.set(block, [ts, range.baseFee[i]!, range.gasUsedRatio[i]!, range.rewards[i] ?? []]);
      }
      const sorted = [...rows.keys()].sort((a, b) => a - b);
      await this.o.storage.putChunk({
        chainId: this.o.chainId,
        index,
        blocks: sorted,
        timestamps: sorted.map((b) => rows.get(b)![0]),
        baseFee: sorted.map((b) => rows.get(b)![1]),
        gasUsedRatio: sorted.map((b) => rows.get(b)![2]),
        rewards: sorted.map((b) => rows.get(b)![3]),
      });
    }
  }

  /** Drop every stored block above `block` (reorg). */
  private async truncateAfter(block: number): Promise<void> {
    for (const index of await this.o.storage.listChunks(this.o.chainId)) {
      if ((index + 1) * CHUNK_SIZE - 1 <= block) continue;
      const chunk = await this.o.storage.getChunk(this.o.chainId, index);
      if (!chunk) continue;
      const keep = chunk.blocks.filter((b) => b <= block).length;
      if (keep === 0) await this.o.storage.deleteChunk(this.o.chainId, index);
      else await this.o.storage.putChunk({ ...chunk, blocks: chunk.blocks.slice(0, keep), timestamps: chunk.timestamps.slice(0, keep), baseFee: chunk.baseFee.slice(0, keep), gasUsedRatio: chunk.gasUsedRatio.slice(0, keep), rewards: chunk.rewards.slice(0, keep) });
    }
  }

  private async prune(firstKept: number): Promise<void> {
    for (const index of await this.o.storage.listChunks(this.o.chainId)) {
      if ((index + 1) * CHUNK_SIZE - 1 < firstKept) await this.o.storage.deleteChunk(this.o.chainId, index);
      else if (index * CHUNK_SIZE < firstKept) {
        const c = await this.o.storage.getChunk(this.o.chainId, index);
        const drop = c ? c.blocks.filter((b) => b < firstKept).length : 0;
        if (c && drop > 0) await this.o.storage.putChunk({ ...c, blocks: c.blocks.slice(drop), timestamps: c.timestamps.slice(drop), baseFee: c.baseFee.slice(drop), gasUsedRatio: c.gasUsedRatio.slice(drop), rewards: c.rewards.slice(drop) });
      }
    }
  }

  /** All stored samples, oldest first (columnar). */
  async samples(): Promise<FeeSamples> {
    const out: FeeSamples = { blocks: [], timestamps: [], baseFee: [], gasUsedRatio: [], rewards: [] };
    for (const index of await this.o.storage.listChunks(this.o.chainId)) {
      const c = await this.o.storage.getChunk(this.o.chainId, index);
      if (!c) continue;
      out.blocks.push(...c.blocks);
      out.timestamps.push(...c.timestamps);
      out.baseFee.push(...c.baseFee);
      out.gasUsedRatio.push(...c.gasUsedRatio);
      out.rewards.push(...c.rewards);
    }
    return out;
  }
}
