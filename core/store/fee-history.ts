import type { IDBPDatabase } from 'idb';
import type { FeeChunk, FeeHistoryStorage, HistoryMeta } from '../gas/history';
import type { PreflightSchema } from './db';
import { isQuotaExceeded, StorageQuotaError } from './quota';

/**
 * The gas engine's fee-history storage on Preflight's IndexedDB: survives worker and browser restarts.
 * When the browser's storage is full, the oldest chunks of the chain are pruned and the write retried;
 * a chunk older than everything stored is the data pruning would remove first, so it is dropped instead.
 */
export class IdbFeeHistoryStorage implements FeeHistoryStorage {
  /** Chunks deleted or not written because the storage was full (since this object was made). */
  prunedForQuota = 0;

  constructor(private readonly db: () => Promise<IDBPDatabase<PreflightSchema>>) {}

  async getMeta(chainId: number): Promise<HistoryMeta | undefined> {
    return (await this.db()).get('feeMeta', chainId);
  }
  async putMeta(meta: HistoryMeta): Promise<void> {
    await this.withRoom(meta.chainId, Number.POSITIVE_INFINITY, async () => void (await (await this.db()).put('feeMeta', meta)));
  }
  async getChunk(chainId: number, index: number): Promise<FeeChunk | undefined> {
    return (await this.db()).get('feeChunks', [chainId, index]);
  }
  async putChunk(chunk: FeeChunk): Promise<void> {
    await this.withRoom(chunk.chainId, chunk.index, async () => void (await (await this.db()).put('feeChunks', chunk)));
  }
  async deleteChunk(chainId: number, index: number): Promise<void> {
    await (await this.db()).delete('feeChunks', [chainId, index]);
  }
  async listChunks(chainId: number): Promise<number[]> {
    const chunks = await (await this.db()).getAllKeysFromIndex('feeChunks', 'chainId', chainId);
    return chunks.map((k) => k[1]).sort((a, b) => a - b);
  }

  /** Runs the write; on a quota error prunes the oldest chunk older than `index` and retries. */
  private async withRoom(chainId: number, index: number, write: () => Promise<void>): Promise<void> {
    for (;;) {
      try {
        return await write();
      } catch (error) {
        if (!isQuotaExceeded(error)) throw error;
        const stored = await this.listChunks(chainId);
        const oldest = stored[0];
        if (oldest === undefined || oldest >= index) {
          // Nothing older to make room with: an old back-fill chunk is dropped, newer data is a real failure.
          if (Number.isFinite(index) && stored.some((i) => i > index)) {
            this.prunedForQuota++;
            return;
          }
          throw new StorageQuotaError('Fee history', { cause: error });
        }
        await this.deleteChunk(chainId, oldest);
        this.prunedForQuota++;
      }
    }
  }
}
