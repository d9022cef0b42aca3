/**
 * The MetaMask extension id the user gave in Settings (for a build whose id Preflight does not know), and the id
 * that answered last time (tried early, so the usual case costs one probe). Each its own storage item, apart
 * from the settings object, so the popup and the background read the same values.
 */
import { storage } from '#imports';

export const metaMaskIdItem = storage.defineItem<string | null>('local:metamaskExtensionId', { fallback: null });
export const lastFoundMetaMaskItem = storage.defineItem<string | null>('local:metamaskLastFound', { fallback: null });
