/** The shipped hour-of-week prior (learned by `npm run preflight -- gas learn-prior`). */
import data from './prior.json';
import type { SeasonalPrior } from './seasonality';

export const SHIPPED_PRIOR: SeasonalPrior = data as SeasonalPrior;
