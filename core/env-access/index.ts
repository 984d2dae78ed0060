/**
 * Env-var access in a file's own syntax (`process.env.NAME`, `${env:NAME}`, `os.environ["NAME"]`, …):
 * the expression the quick fix writes in place of a hardcoded value (plan.ts, one column of the
 * file-format table) and the places a file already reads a variable by name (sites.ts: hover,
 * stale diagnostics, find-references).
 */
export { isEnvFile, envAccessFor, replacementRange, type EnvAccessPlan } from './plan';
export { envAccessSites, envAccessSiteAt, type EnvAccessSite } from './sites';
