export { createProgress, type Progress, type ProgressOptions } from './progress.js';
