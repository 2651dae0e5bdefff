export { createScoringContext, scoreItem, type ScoringContext } from './score.js';
