/**
 * Per plan id: the step MetaMask is showing, or how the last MetaMask request for it ended. In the worker's memory
 * only: if the worker stops while MetaMask waits, the sent step is found on chain instead (withdraw-steps.ts).
 */
import type { WalletWait } from '@/core/messages';

const waits = new Map<string, WalletWait>();

export const walletWaitOf = (planId: string): WalletWait | undefined => waits.get(planId);
export const setWalletWait = (planId: string, wait: WalletWait): void => void waits.set(planId, wait);
export const clearWalletWait = (planId: string): void => void waits.delete(planId);
