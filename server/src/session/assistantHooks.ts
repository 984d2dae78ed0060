import { execFile } from 'node:child_process';
import { homedir } from 'node:os';
import { join, relative } from 'node:path';
import { isInside } from '../../../core/files';
import { ASSISTANTS, detectAssistants, type AssistantName } from '../../../core/filter';
import type { InstallAssistantHooksArgs, InstallAssistantHooksResult } from '../../../protocol/src/protocol';
import { uriToPath } from '../paths';

/**
 * Install AI Assistant Hooks with this server's own CLI bundle (dist/cli.js beside dist/server.js:
 * the hook command names this extension's dist/) run by the `node` on PATH: the Node the assistants
 * start the hook with, the only one the V8 startup snapshot the install builds (cli/src/hook/) starts
 * on. The editor's runtime that may run this server (Electron, code-server's Node) would not do.
 */
export async function installAssistantHooks(args: InstallAssistantHooksArgs, env: NodeJS.ProcessEnv, log: (m: string) => void, cli = join(__dirname, 'cli.js')): Promise<InstallAssistantHooksResult> {
  const folder = args.folderUri ? uriToPath(args.folderUri) : undefined;
  const home = env.HOME || homedir();
  const found = detectAssistants(folder, home);
  const installed: InstallAssistantHooksResult['installed'] = [];
  for (const name of (args.assistants ?? []).filter((a): a is AssistantName => (ASSISTANTS as readonly string[]).includes(a))) {
    const r = await runInstall(cli, name, args.scope ?? (folder ? 'project' : 'global'), folder ?? home, env);
    r.log.forEach((line) => log(`hooks install ${name}: ${line}`));
    installed.push({ assistant: name, ok: r.ok, summary: r.summary });
  }
  return { assistants: ASSISTANTS.map((name) => ({ name, found: found.includes(name) })), installed };
}

/** One `node dist/cli.js hooks install` (argv, no shell); its lines say where it wrote and whether the snapshot was built. */
function runInstall(cli: string, assistant: AssistantName, scope: 'project' | 'global', cwd: string, env: NodeJS.ProcessEnv): Promise<{ ok: boolean; summary: string; log: string[] }> {
  return new Promise((resolve) => {
    execFile('node', [cli, 'hooks', 'install', '--assistant', assistant, scope === 'project' ? '--project' : '--global'], { cwd, env, timeout: 180_000, encoding: 'utf8' }, (err, stdout, stderr) => {
      const log = `${stdout}\n${stderr}`.split('\n').map((l) => l.trim()).filter(Boolean);
      const line = log.find((l) => l.startsWith(`${assistant}: `));
      if (err && (err as NodeJS.ErrnoException).code === 'ENOENT') return resolve({ ok: false, summary: 'not installed — Node.js is not on PATH, and the assistants start the hook with it', log });
      if (err || !line) return resolve({ ok: false, summary: `not installed — ${log.filter((l) => !l.startsWith('hook snapshot')).pop() ?? (err as Error | null)?.message ?? 'no answer'}`, log });
      const path = line.replace(/^[^:]+: (installed in|unchanged) /, '');
      const where = isInside(path, cwd) ? relative(cwd, path) : path;
      resolve({ ok: true, summary: `${/: installed in /.test(line) ? 'installed' : 'already installed'} (${where})`, log });
    });
  });
}
