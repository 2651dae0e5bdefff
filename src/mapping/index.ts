export { createGoalMapper, type GoalMapper, type MappingIndex, type ResolvedMapping } from './mapper.js';
