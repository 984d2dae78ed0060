/**
 * The one table of what a policy file is called. The CLI's upward search, the language server's
 * workspace search, the VS Code client's file watcher and pickers, and package.json's
 * activation events and schema associations all derive from it (a unit test checks the manifest).
 */

/** Exact names, in the order the upward search prefers them when one folder holds several. */
export const POLICY_FILE_PREFERRED = ['rotation-policy.yaml', 'rotation-policy.yml', 'rotation-policy.json'] as const;

export const POLICY_FILE_EXTENSIONS = ['yaml', 'yml', 'json'] as const;

/** Any depth, for fast-glob and VS Code's `findFiles` / file watchers (brace syntax both accept). */
export const POLICY_FILE_GLOB = '**/{rotation-policy,*.rotation}.{yaml,yml,json}';

/** Where a policy search never looks. */
export const POLICY_SEARCH_EXCLUDE = '**/node_modules/**';

const POLICY_NAME = /^(?:rotation-policy|.+\.rotation)\.(?:ya?ml|json)$/i;

/** Whether a file's base name makes it a policy file (case-insensitive, any separator). */
export function isPolicyFileName(path: string): boolean {
  const base = path.split(/[\\/]/).pop() ?? '';
  return POLICY_NAME.test(base);
}
