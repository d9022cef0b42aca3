/** 24 random bytes as hex: a request's key, or a preloaded panel frame's secret (neither is ever shown to the page). */
export const randomKey = (): string => Array.from(crypto.getRandomValues(new Uint8Array(24)), (b) => b.toString(16).padStart(2, '0')).join('');
