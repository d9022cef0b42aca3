/**
 * readable-stream 3 ships no types. This declares only what components/metamask/connection.ts uses, with the
 * signature of the package's `pipeline` (the same as Node's stream.pipeline): streams, then the callback.
 */
declare module 'readable-stream' {
  export function pipeline(...streamsAndCallback: [...streams: unknown[], callback: (error?: Error | null) => void]): unknown;
}
