import { storage } from '#imports';

/** When the user closed the popup's welcome (ms); absent on first run. Its own item: settings stay what the user sets. */
export const welcomeItem = storage.defineItem<{ seenAt?: number }>('local:welcome', { fallback: {} });
