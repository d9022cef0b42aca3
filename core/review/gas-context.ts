import type { LiveReport } from '../gas/live-report';

/** What the gas analyzer needs from the background: the live report for a chain and a gas limit. */
export type GasService = (chainId: number, gasLimit: bigint) => Promise<LiveReport>;

export function gasServiceOf(services: Record<string, unknown> | undefined): GasService | undefined {
  const gas = services?.gas;
  return typeof gas === 'function' ? (gas as GasService) : undefined;
}
