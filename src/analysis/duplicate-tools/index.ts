export { detectDuplicateTools } from './duplicate-tools.js';
export type { DuplicateToolsContext, DuplicateToolsResult } from './duplicate-tools.js';
export { createToolMatcher } from './matcher.js';
export type { CatalogTool, ItemScan, ToolMatcher, ToolMention } from './matcher.js';
export { involvement } from './intent.js';
export type { Involvement } from './intent.js';
