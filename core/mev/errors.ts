/** Errors thrown by core/mev. Each has a stable `name` and a message a user can act on. */

export class MevError extends Error {
  override name = 'MevError';
}

/** The transaction is not a swap Preflight can decode. */
export class NotASwapError extends MevError {
  override name = 'NotASwapError';
}

/** The swap moves the price past the ticks Preflight read; the quote would be a guess. */
export class PoolDataExhaustedError extends MevError {
  override name = 'PoolDataExhaustedError';
}

/** The pool cannot fill the requested amount (not enough liquidity or reserves). */
export class InsufficientLiquidityError extends MevError {
  override name = 'InsufficientLiquidityError';
}

/** The router or pool could not be found or does not answer like a Uniswap router/pool. */
export class PoolNotFoundError extends MevError {
  override name = 'PoolNotFoundError';
}

/** A math precondition of the V3 libraries failed (the contract would revert). */
export class V3MathError extends MevError {
  override name = 'V3MathError';
}
