import { create } from 'zustand';
import type { GasReportResponse } from '@/core/messages';
import { ask } from '@/components/runtime';

interface GasState {
  chainId: number;
  response?: GasReportResponse;
  /** "Name: message" of the background's error (see components/popup/gas-format.ts gasErrorKind). */
  error?: string;
  loading: boolean;
  /** When the shown report arrived (ms). */
  updatedAt?: number;
  setChain(chainId: number): void;
  refresh(): Promise<void>;
}

/** The Gas tab's state: the chosen chain and its latest live report from the background. */
export const useGas = create<GasState>((set, get) => ({
  chainId: 1,
  loading: false,
  setChain(chainId) {
    set({ chainId, response: undefined, error: undefined, updatedAt: undefined });
    void get().refresh();
  },
  async refresh() {
    const chainId = get().chainId;
    set({ loading: true, error: undefined });
    try {
      const response = await ask<GasReportResponse>({ t: 'gas:report', chainId, withinHours: 24 });
      if (get().chainId === chainId) set({ response, loading: false, updatedAt: Date.now() });
    } catch (e) {
      if (get().chainId === chainId) set({ error: e instanceof Error ? e.message : String(e), loading: false });
    }
  },
}));
