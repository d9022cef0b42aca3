/** Typed errors of the gas engine. Each has a stable `name` and a message a user can act on. */

/** A value handed to the engine is impossible (negative gas, zero gas limit, absurd fee ...). */
export class GasInputError extends Error {
  override name = 'GasInputError' as const;
}

/** A block/fee data file could not be read; the message names the line and the problem. */
export class BlocksFileError extends Error {
  override name = 'BlocksFileError' as const;
}

/** An RPC answer was malformed or inconsistent; nothing from it was stored. */
export class FeeHistoryResponseError extends Error {
  override name = 'FeeHistoryResponseError' as const;
}

/** The fee history is too short or too broken to forecast from. */
export class InsufficientHistoryError extends Error {
  override name = 'InsufficientHistoryError' as const;
}

/** A price feed answer is older than allowed or not positive. */
export class StalePriceError extends Error {
  override name = 'StalePriceError' as const;
}

/** The node does not support what we need for this chain (e.g. an L2 oracle call reverted). */
export class UnsupportedChainError extends Error {
  override name = 'UnsupportedChainError' as const;
}
