/** Public API of the withdrawal planner (pure; inject markets, gas prices, clocks and seeds). */
export * from './errors';
export { planSchedule, exhaustiveSchedule, priceCandidate, acHoldings, kappaPerSlice, defaultStartHours, riskAversionOf, RISK_AVERSION, type ScheduleInput, type Schedule, type Slice, type RiskPreference } from './schedule';
export { realisedVolatility, pricesFromTickCumulatives, observeSchedule, type PriceSample, type Volatility } from './volatility';
export { parametricRisk, monteCarloRisk, stressScenarios, exposuresOf, DEFAULT_LEVELS, type Exposure, type RiskLevel, type RiskReport, type MonteCarloOptions, type StressResult } from './risk';
export { CANONICAL_BRIDGES, TRUST_RANK, canonicalBridge, bridgeFee, worstTrust, type Bridge, type TrustClass } from './bridges';
export { evaluateRoute, paretoFront, dominates, chooseRoute, amountAfterBridges, type RouteInput, type RouteEvaluation, type CostBreakdown } from './routes';
export { parseLotsCsv, csvNumber, type Lot } from './lots-csv';
export { realisedGains, allMethods, gainsToCsv, COST_METHODS, type CostMethod, type Sale, type SaleGain, type TaxResult } from './taxes';
export { verifyReservesProof, type ReservesProofInput, type ReservesProofResult } from './proof-of-reserves';
export { buildOkxV1Proofs, buildBitmexFile } from './por-builder';
export { kellyAllocation, KELLY_LIMITS, type YieldOption, type KellyOptions, type KellyResult, type Allocation } from './kelly';
export { quoteOfRoute, midPriceOfRoute, safeSlippageOfRoute, feeFactorOfRoute, expectedMoveBps, toBaseUnits, fromBaseUnits, type RouteMarket } from './market';
export { buildPlan, oneShotBaseline } from './plan';
export { stepTransaction, quoteReceived, TRANSFER_TOPIC, type VenueKind, type ExecutionVenue, type ExecutionContext, type StepTransaction } from './execute';
export { replanNeeded, planToJson, planFromJson, type ReplanCheck } from './replan';
export type { PlanSpec, PlanDeps, Plan, PlanStep, StepKind, StepStatus, AssetPlan, AssetSpec, Market } from './plan-types';
export { normalQuantile, normalCdf, normalPdf } from './normal';
export { seededNormal, seededUniform } from './prng';
