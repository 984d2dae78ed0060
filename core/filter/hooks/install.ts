import { existsSync, readFileSync, unlinkSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../../files';
import type { AssistantName } from './assistants';

/**
 * Where each assistant reads its hooks, and what we add there. Writing is idempotent (a second
 * install changes nothing), keeps every hook that is not ours, and `uninstall` removes only
 * entries carrying MARK. Config formats: see the sources in assistants.ts.
 */
export const MARK = '--managed-by=rotation-guard';

export type Scope = 'project' | 'global';

interface Target {
  /** Config file (or, for Cline, the hooks folder) for a scope. */
  path(scope: Scope, root: string, home: string): string;
  events: readonly string[];
  kind: 'nested' | 'cursor' | 'copilot' | 'windsurf' | 'cline-scripts';
}

/**
 * Gemini CLI also has BeforeModel and AfterModel (https://geminicli.com/docs/hooks/reference); the
 * adapter answers them, but they are not installed by default. AfterModel fires for every streamed
 * chunk: a process per chunk (~140 ms of CPU each, bench/filters.bench.mjs) would stall the stream,
 * and a stateless per-chunk hook cannot see a key split across chunks (the proxy's holdback window
 * can). BeforeModel resends the whole conversation on every model call, whose parts BeforeAgent,
 * BeforeTool and AfterTool already checked as they came in; what only it would see is context the
 * CLI adds itself (GEMINI.md memory files), which are workspace files the editor and `scan` check.
 */
const TARGETS: Record<AssistantName, Target> = {
  'claude-code': { path: (s, r, h) => (s === 'project' ? join(r, '.claude', 'settings.json') : join(h, '.claude', 'settings.json')), events: ['UserPromptSubmit', 'PreToolUse', 'PostToolUse'], kind: 'nested' },
  codex: { path: (s, r, h) => (s === 'project' ? join(r, '.codex', 'hooks.json') : join(h, '.codex', 'hooks.json')), events: ['UserPromptSubmit', 'PreToolUse', 'PostToolUse'], kind: 'nested' },
  'gemini-cli': { path: (s, r, h) => (s === 'project' ? join(r, '.gemini', 'settings.json') : join(h, '.gemini', 'settings.json')), events: ['BeforeAgent', 'BeforeTool', 'AfterTool'], kind: 'nested' },
  cursor: { path: (s, r, h) => (s === 'project' ? join(r, '.cursor', 'hooks.json') : join(h, '.cursor', 'hooks.json')), events: ['beforeSubmitPrompt', 'beforeReadFile', 'beforeShellExecution', 'beforeMCPExecution'], kind: 'cursor' },
  copilot: { path: (s, r, h) => (s === 'project' ? join(r, '.github', 'hooks', 'rotation-guard.json') : join(h, '.copilot', 'hooks', 'rotation-guard.json')), events: ['userPromptSubmitted', 'preToolUse', 'postToolUse'], kind: 'copilot' },
  windsurf: { path: (s, r, h) => (s === 'project' ? join(r, '.windsurf', 'hooks.json') : join(h, '.codeium', 'windsurf', 'hooks.json')), events: ['pre_user_prompt', 'pre_read_code', 'pre_run_command', 'pre_mcp_tool_use'], kind: 'windsurf' },
  cline: { path: (s, r, h) => (s === 'project' ? join(r, '.clinerules', 'hooks') : join(h, 'Documents', 'Cline', 'Hooks')), events: ['UserPromptSubmit', 'PreToolUse', 'PostToolUse'], kind: 'cline-scripts' },
};

/** Config folders that show an assistant is used here (workspace) or by this user (home). */
export const PRESENCE: Record<AssistantName, { project: string[]; home: string[] }> = {
  'claude-code': { project: ['.claude', 'CLAUDE.md'], home: ['.claude'] },
  codex: { project: ['.codex', 'AGENTS.md'], home: ['.codex'] },
  'gemini-cli': { project: ['.gemini', 'GEMINI.md'], home: ['.gemini'] },
  cursor: { project: ['.cursor', '.cursorrules'], home: ['.cursor'] },
  copilot: { project: ['.github/copilot-instructions.md', '.github/hooks'], home: ['.copilot'] },
  windsurf: { project: ['.windsurf', '.windsurfrules'], home: ['.codeium/windsurf'] },
  cline: { project: ['.clinerules'], home: ['Documents/Cline'] },
};

export function detectAssistants(root: string | undefined, home: string = homedir()): AssistantName[] {
  return (Object.keys(PRESENCE) as AssistantName[]).filter((a) => (root !== undefined && PRESENCE[a].project.some((p) => existsSync(join(root, p)))) || PRESENCE[a].home.some((p) => existsSync(join(home, p))));
}

export interface InstallResult {
  path: string;
  changed: boolean;
}

/** `command` is how to start the CLI (`"/usr/bin/node" "/x/dist/cli.js"`); the hook adds its arguments. */
export function installHooks(name: AssistantName, scope: Scope, root: string, command: string, home: string = homedir()): InstallResult {
  const t = TARGETS[name];
  const path = t.path(scope, root, home);
  const cmd = (event: string) => `${command} hook ${name} --event ${event} ${MARK}`;
  if (t.kind === 'cline-scripts') return installScripts(path, t.events, cmd);
  const before = readJson(path);
  const cfg = structuredClone(before);
  const hooks = ensureObj(cfg, 'hooks') as Record<string, unknown[]>;
  if (t.kind === 'cursor' || t.kind === 'copilot') cfg.version ??= 1;
  for (const event of t.events) {
    const list = (Array.isArray(hooks[event]) ? hooks[event] : []).filter((e) => !isOurs(e));
    if (t.kind === 'nested') list.push({ ...(/Tool/.test(event) ? { matcher: name === 'gemini-cli' ? '.*' : '*' } : {}), hooks: [{ type: 'command', command: cmd(event), timeout: 10, ...(name === 'gemini-cli' ? { name: 'rotation-guard' } : {}) }] });
    else if (t.kind === 'cursor') list.push({ command: cmd(event) });
    else if (t.kind === 'copilot') list.push({ type: 'command', bash: cmd(event), timeoutSec: 10 });
    else list.push({ command: cmd(event), show_output: true });
    hooks[event] = list;
  }
  const changed = JSON.stringify(cfg) !== JSON.stringify(before);
  if (changed) writeJson(path, cfg);
  return { path, changed };
}

export function uninstallHooks(name: AssistantName, scope: Scope, root: string, home: string = homedir()): InstallResult {
  const t = TARGETS[name];
  const path = t.path(scope, root, home);
  if (t.kind === 'cline-scripts') {
    let changed = false;
    for (const e of t.events) {
      const f = join(path, e);
      if (existsSync(f) && readFileSync(f, 'utf8').includes(MARK)) {
        unlinkSync(f);
        changed = true;
      }
    }
    return { path, changed };
  }
  if (!existsSync(path)) return { path, changed: false };
  const before = readJson(path);
  const cfg = structuredClone(before);
  const hooks = cfg.hooks as Record<string, unknown[]> | undefined;
  if (hooks && typeof hooks === 'object') {
    for (const [event, list] of Object.entries(hooks)) {
      if (!Array.isArray(list)) continue;
      const kept = list.filter((e) => !isOurs(e));
      if (kept.length) hooks[event] = kept;
      else delete hooks[event];
    }
    if (!Object.keys(hooks).length) delete cfg.hooks;
  }
  const changed = JSON.stringify(cfg) !== JSON.stringify(before);
  if (!changed) return { path, changed };
  // Our own file (Copilot's rotation-guard.json) goes when nothing else is left in it.
  if (t.kind === 'copilot' && !cfg.hooks) unlinkSync(path);
  else writeJson(path, cfg);
  return { path, changed };
}

/** An entry is ours when its command (or a nested hook's command) carries MARK. */
function isOurs(entry: unknown): boolean {
  return JSON.stringify(entry ?? null).includes(MARK);
}

function ensureObj(o: Record<string, unknown>, k: string): Record<string, unknown> {
  const v = o[k];
  if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  const fresh: Record<string, unknown> = {};
  o[k] = fresh;
  return fresh;
}

function readJson(path: string): Record<string, unknown> {
  if (!existsSync(path)) return {};
  const text = readFileSync(path, 'utf8');
  if (!text.trim()) return {};
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (err) {
    // Never overwrite a config we cannot read: the user's other settings live there.
    throw new Error(`${path} is not valid JSON (${(err as Error).message}); fix it, then install again`);
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error(`${path} does not hold a JSON object; fix it, then install again`);
  return v as Record<string, unknown>;
}

function writeJson(path: string, cfg: Record<string, unknown>): void {
  writeFileAtomic(path, `${JSON.stringify(cfg, null, 2)}\n`, { mkdir: 0o777, mode: 0o644 });
}

function installScripts(dir: string, events: readonly string[], cmd: (e: string) => string): InstallResult {
  let changed = false;
  for (const e of events) {
    const f = join(dir, e);
    const body = `#!/bin/sh\n# Installed by rotation-guard (hooks uninstall removes it). ${MARK}\nexec ${cmd(e)}\n`;
    if (existsSync(f)) {
      const cur = readFileSync(f, 'utf8');
      if (cur === body) continue;
      if (!cur.includes(MARK)) throw new Error(`${f} exists and is not ours; rename it (Cline runs one script per event), then install again`);
    }
    writeFileAtomic(f, body, { mkdir: 0o777, mode: 0o755 });
    changed = true;
  }
  return { path: dir, changed };
}
