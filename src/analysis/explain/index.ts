export { explainItem } from './explain.js';
