import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { git } from './git';

/**
 * A throwaway project folder for one test: files are written relative to it, the policy comes
 * from the typed builder in policy.ts (policy-text.ts where a test needs exact text), and
 * `remove()` deletes everything. Use `withTempProject` or `projectPerTest` so removal is never
 * forgotten; a project still there when the process exits (a test killed by its timeout) is removed
 * then. `dir` is a real path (no symlink in it), so paths the code under test resolves compare equal.
 */
export interface TempProject {
  readonly dir: string;
  /** The absolute path of `parts` inside the project. */
  path(...parts: string[]): string;
  /** Writes a file (folders made as needed); returns its absolute path. */
  write(rel: string, text: string, mode?: number): string;
  /** Writes `rotation-policy.yaml` (or `name`); returns its absolute path. */
  writePolicy(text: string, name?: string): string;
  remove(): void;
}

export interface ProjectInit {
  /** Text of `rotation-policy.yaml`, from a policy builder. */
  policy?: string;
  /** Files to write, by path relative to the project. */
  files?: Record<string, string>;
  /** `git init` the folder (branch `main`, no user or system git config read). */
  git?: boolean;
}

/**
 * Folders still to remove at exit. esbuild bundles this module into every test file, so the set
 * lives on a global symbol: one exit listener per process, however many test files load.
 */
const LIVE: unique symbol = Symbol.for('rotation-guard.test.temp-projects');
function liveDirs(): Set<string> {
  const g = globalThis as { [LIVE]?: Set<string> };
  if (!g[LIVE]) {
    const dirs = new Set<string>();
    g[LIVE] = dirs;
    process.on('exit', () => {
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    });
  }
  return g[LIVE];
}

export function tempProject(prefix: string, init: ProjectInit = {}): TempProject {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  liveDirs().add(dir);
  const project: TempProject = {
    dir,
    path: (...parts) => join(dir, ...parts),
    write(rel, text, mode) {
      const p = join(dir, rel);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, text, mode === undefined ? undefined : { mode });
      return p;
    },
    writePolicy: (text, name = 'rotation-policy.yaml') => project.write(name, text),
    remove() {
      rmSync(dir, { recursive: true, force: true });
      liveDirs().delete(dir);
    },
  };
  if (init.git) git(dir, ['init', '-q', '-b', 'main']);
  if (init.policy !== undefined) project.writePolicy(init.policy);
  for (const [rel, text] of Object.entries(init.files ?? {})) project.write(rel, text);
  return project;
}

/** Runs `fn` in a fresh project and removes it afterwards, whether `fn` passed or threw. */
export async function withTempProject<T>(prefix: string, init: ProjectInit, fn: (project: TempProject) => Promise<T>): Promise<T> {
  const project = tempProject(prefix, init);
  try {
    return await fn(project);
  } finally {
    project.remove();
  }
}

/**
 * Registers mocha hooks that give each test (`scope: 'each'`, the default) or the whole suite
 * (`'all'`) a fresh project, removed afterwards. Read `.project` inside tests and later hooks.
 */
export function projectPerTest(prefix: string, init: ProjectInit = {}, scope: 'each' | 'all' = 'each'): { readonly project: TempProject } {
  let current: TempProject | undefined;
  (scope === 'each' ? beforeEach : before)(() => {
    current = tempProject(prefix, init);
  });
  (scope === 'each' ? afterEach : after)(() => {
    current?.remove();
    current = undefined;
  });
  return {
    get project() {
      if (!current) throw new Error('projectPerTest: read .project inside a test or a hook registered after it');
      return current;
    },
  };
}
