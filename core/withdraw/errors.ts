/** Typed errors of the withdrawal planner. Each has a stable `name` and a message a user can act on. */

/** A value handed to the planner is impossible (negative amount, empty horizon, NaN price ...). */
export class WithdrawInputError extends Error {
  override name = 'WithdrawInputError' as const;
}

/** The pool cannot absorb the sale (the quote function returned nothing or failed). */
export class WithdrawLiquidityError extends Error {
  override name = 'WithdrawLiquidityError' as const;
}

/** Too few usable price samples to estimate volatility. */
export class InsufficientPriceHistoryError extends Error {
  override name = 'InsufficientPriceHistoryError' as const;
}

/** One line of a lots CSV. */
export interface CsvLineProblem {
  line: number;
  message: string;
}

/** The lots CSV has bad lines; `problems` names every one of them (line numbers start at 1). */
export class LotsCsvError extends Error {
  override name = 'LotsCsvError' as const;
  readonly problems: readonly CsvLineProblem[];
  constructor(problems: readonly CsvLineProblem[]) {
    super(`lots CSV: ${problems.map((p) => `line ${p.line}: ${p.message}`).join('; ')}`);
    this.problems = problems;
  }
}

/** A sale needs more of an asset than the imported lots hold. */
export class InsufficientLotsError extends Error {
  override name = 'InsufficientLotsError' as const;
}

/** A proof-of-reserves file is not in a format Preflight can read. */
export class ProofFormatError extends Error {
  override name = 'ProofFormatError' as const;
}

/** No route reaches the destination before the deadline. */
export class NoRouteError extends Error {
  override name = 'NoRouteError' as const;
}

/** A plan step Preflight cannot turn into a transaction itself (a bridge is used in the bridge's own app). */
export class StepNotExecutableError extends Error {
  override name = 'StepNotExecutableError' as const;
}

/** The execution context does not fit the step (missing deposit address, route not from the asset to the quote token …). */
export class ExecutionContextError extends Error {
  override name = 'ExecutionContextError' as const;
}
