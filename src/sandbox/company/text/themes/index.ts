import type { GoalKey, RunLabel } from '../../org.js';
import type { Vocabulary } from '../template.js';
import { customer360 } from './customer-360.js';
import { dataCentreExit } from './data-centre-exit.js';
import { digitalRevenue } from './digital-revenue.js';
import { noise } from './noise.js';
import { ops } from './ops.js';
import { compliance, patching, security } from './run.js';
import { storeModernisation } from './store-modernisation.js';
import { supplyChain } from './supply-chain.js';

/** What a ticket is written about: a goal's work, a kind of run work, operations, or noise. */
export type ThemeId = GoalKey | RunLabel | 'ops' | 'noise';

export const THEMES: Readonly<Record<ThemeId, Vocabulary>> = {
  'digital-revenue': digitalRevenue,
  'store-modernisation': storeModernisation,
  'supply-chain': supplyChain,
  'customer-360': customer360,
  'data-centre-exit': dataCentreExit,
  security,
  patching,
  compliance,
  ops,
  noise,
};
