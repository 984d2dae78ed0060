import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { makeTempDir, removeDir, runToEnd } from '../../helpers/system/processes';
import { snapshotFile } from '../../helpers/system/snapshot';

/** The bundled CLI, as users run it (built by scripts/build.mjs before the tests; a private copy). */
export const CLI = snapshotFile(resolve(__dirname, '../../../../dist/cli.js'));

/** A throwaway project folder with a policy, its own config dir (fingerprint key, trust file). */
export interface TestProject {
  dir: string;
  policyPath: string;
  env: NodeJS.ProcessEnv;
  cleanup(): void;
}

export function makeProject(policyYaml: string, baseEnv: NodeJS.ProcessEnv = process.env): TestProject {
  const dir = makeTempDir('project');
  const config = join(dir, '.config-home');
  mkdirSync(config);
  const policyPath = join(dir, 'rotation-policy.yaml');
  writeFileSync(policyPath, policyYaml);
  const env: NodeJS.ProcessEnv = { ...baseEnv, XDG_CONFIG_HOME: config, NODE_PATH: process.env.NODE_PATH };
  delete env.ROTATION_GUARD_TEST_PAUSE_AT;
  return { dir, policyPath, env, cleanup: () => removeDir(dir) };
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

export function cli(project: TestProject, args: string[], opts: { input?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}) {
  return runToEnd(process.execPath, [CLI, ...args], { cwd: project.dir, env: opts.env ?? project.env, input: opts.input, timeoutMs: opts.timeoutMs ?? 60000 });
}

/** Starts the CLI without waiting (for fault injection). */
export function cliProcess(project: TestProject, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [CLI, ...args], { cwd: project.dir, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
}

/** A verification command that accepts any value of the generate provider's shape. */
export const FORMAT_CHECK = ['-e', "const v=require('fs').readFileSync(0,'utf8').trim(); process.exit(/^rg_[A-Za-z0-9]{40}$/.test(v)?0:1)"];
