/**
 * Process-level settings our own processes (the CLI, the language server and its scan worker)
 * apply at start. Kept apart from detection so the CLI's small dispatcher can call it without
 * loading the scanner.
 */
export { tuneV8ForScanning, tuneV8ForLowMemory, tuneV8ForOneShotScan, allowYoungGenerationGrowth, v8FlagsSet, YOUNG_SEMI_SPACE_MB } from './v8-tuning';
