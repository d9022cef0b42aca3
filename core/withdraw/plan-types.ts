/** The plan's input (spec), its injected dependencies, and the persisted plan (plain JSON: no bigint; base-unit amounts are decimal strings). */
import type { Bridge, TrustClass } from './bridges';
import type { YieldOption, KellyResult } from './kelly';
import type { RiskReport, StressResult } from './risk';
import type { RouteEvaluation } from './routes';
import type { RiskPreference } from './schedule';
import type { TaxResult } from './taxes';
import type { PriceSample } from './volatility';

export interface AssetSpec {
  symbol: string;
  /** Human units to sell. */
  amount: number;
  decimals: number;
  /** Native coin (no approval step). */
  native?: boolean;
  /** Volatility per √hour; else estimated from priceHistory; else 1 %/√h with a warning. */
  sigmaPerHour?: number;
  priceHistory?: PriceSample[];
}

export interface PlanSpec {
  /** Unix seconds (the caller's clock). */
  now: number;
  deadlineHours: number;
  risk: RiskPreference;
  /** What the assets are sold into, e.g. USDC, and its decimals. */
  quoteSymbol: string;
  quoteDecimals: number;
  /** Keep the proceeds in the wallet's chain, or send them to a deposit address on some chain. */
  destination: { kind: 'wallet' } | { kind: 'deposit'; chain: string; address: string };
  assets: AssetSpec[];
  /** Third-party bridges the user is willing to consider (canonical ones are always considered). */
  bridges?: Bridge[];
  /** Worst trust class the plan may follow (default 'native-rollup'). */
  maxTrust?: TrustClass;
  /** Re-plan when a price moves more than this share (default 0.03). */
  tolerance?: number;
  taxes?: { lotsCsv: string; fiatPerQuote: number };
  yieldOptions?: YieldOption[];
  /** Monte Carlo paths and seed for the risk of the unsold rest (default 500, 1: a check on the parametric figures; call monteCarloRisk for more). */
  riskPaths?: number;
  /** Sell in exactly this many equal slices (e.g. to keep each transaction small); the planner still picks the route and start hour. */
  fixedSlices?: number;
  seed?: number;
}

/** A place an asset can be sold: one pool route on one chain. */
export interface Market {
  chain: string;
  /** What it is, for the route's label (e.g. "Uniswap V3 0.3 % 0xa039…"). */
  label?: string;
  midPrice: number;
  quote: (amountIn: number) => number;
  /**
   * 'temporary' (default): arbitrage restores the pool between slices, each slice is quoted on the
   * pool as read now. 'permanent': a static pool (nobody restores it, e.g. a devnet): slices are
   * priced one after another with `quoteSequence` (sequenceOfRoute), so planned outputs and minimum
   * outputs are those of the swaps as they will run.
   */
  impact?: 'temporary' | 'permanent';
  /** Exact outputs of selling `amounts` one after another (required for 'permanent'). */
  quoteSequence?: (amounts: readonly number[]) => number[];
  safeSlippageBps?: (amountIn: number) => number;
  /** Gas units of one swap. */
  swapGas: number;
}

export interface PlanDeps {
  /** The chain the wallet holds the assets on (default 'ethereum'). */
  walletChain?: string;
  markets: (asset: AssetSpec) => Market[];
  /** Cost of one gas unit on `chain`, in quote units, `hour` hours from now (gas forecast × native price). */
  gasPrice: (chain: string, hour: number) => number;
}

export type StepKind = 'approve' | 'swap' | 'bridge' | 'transfer';
export type StepStatus = 'pending' | 'sent' | 'confirmed' | 'failed' | 'skipped';

export interface PlanStep {
  id: string;
  asset: string;
  kind: StepKind;
  chain: string;
  /** Unix seconds. */
  dueAt: number;
  /** Human units and base units (decimal string) of what goes in. */
  amountIn: number;
  amountInBase: string;
  /** Swaps: expected and minimum output in quote units, minimum also in base units. */
  expectedOut?: number;
  minOut?: number;
  minOutBase?: string;
  slippageBps?: number;
  /** Permanent-impact (static pool) swaps: the mid price the plan expects once this and the earlier slices are sold. */
  midAfter?: number;
  bridge?: string;
  to?: string;
  status: StepStatus;
}

export interface AssetPlan {
  symbol: string;
  amount: number;
  midPrice: number;
  sigmaPerHour: number;
  route: RouteEvaluation;
  /** Pareto-optimal routes (the chosen one among them), best net proceeds first. */
  routes: RouteEvaluation[];
  /** Index, in deps.markets(asset), of the market the plan sells on (e.g. to pick liveMarkets()[i].venue). */
  marketIndex: number;
  schedule: { slices: number; startHour: number; endHour: number; kappa: number; eta: number; objective: number };
  risk: { parametric: RiskReport; monteCarlo: RiskReport; stress: StressResult[] };
}

export interface Plan {
  version: 1;
  createdAt: number;
  deadlineAt: number;
  quoteSymbol: string;
  riskAversion: number;
  tolerance: number;
  /** Mid prices the plan was made at (re-plan when they move). */
  referencePrices: Record<string, number>;
  assets: AssetPlan[];
  steps: PlanStep[];
  totals: { valueAtMid: number; netProceeds: number; impact: number; gas: number; bridgeFees: number; mevAllowance: number; costShare: number };
  /** Sums over assets: VaR as if perfectly correlated (an upper bound). */
  risk: { valueAtRisk95: number; valueAtRisk99: number; expectedShortfall99: number };
  taxes?: TaxResult[];
  parking?: KellyResult;
  warnings: string[];
}
