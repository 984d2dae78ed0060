// Types of scripts/system-packages.mjs for the TypeScript that imports it (its unit test).
export type Need = 'required' | 'system' | 'wanted';
export type Target = 'start' | 'unit' | 'lsp' | 'integration' | 'e2e';
export interface SystemPackage {
  pkg: string;
  by: Partial<Record<Target, Need>>;
  why: string;
}
export type Plan =
  | { action: 'none' }
  | { action: 'install'; packages: string[]; commands: string[][]; say: string }
  | { action: 'stop'; packages: string[]; message: string }
  | { action: 'note'; packages: string[]; message: string };
export interface Facts {
  label: string;
  installed: (pkgs: string[]) => Set<string>;
  isRoot: boolean;
  canSudo: () => boolean;
  skipSystem?: boolean;
}
export const SYSTEM_PACKAGES: readonly SystemPackage[];
export const TARGETS: readonly Target[];
export function packagesFor(targets: readonly Target[], opts?: { skipSystem?: boolean }): { required: string[]; wanted: string[] };
export function planSystemPackages(targets: readonly Target[], facts: Facts): Plan;
export function dpkgInstalled(pkgs: string[]): Set<string>;
export function ensureSystemPackages(targets: readonly Target[], opts: { label: string; log?: (line: string) => void; env?: NodeJS.ProcessEnv }): boolean;
