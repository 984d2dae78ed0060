import { closeSync, fstatSync, openSync, readSync, realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * What an assistant hands a hook, reduced to what the filter reads: the texts about to reach the
 * model or a tool (prompt, tool arguments, tool result, a file's content), and the files the
 * action names (a read, an `@file` in a prompt), which are read here — bounded, and only inside
 * the project.
 */
export interface HookTexts {
  /** [label, text]: `prompt`, `tool_input.command`, `file src/a.ts`… (labels never hold values). */
  texts: Array<[string, string]>;
  /** Tool arguments as an object, when the assistant can take them back rewritten. */
  toolInput?: Record<string, unknown>;
}

/** Keys that describe the session, not content the model sees. */
const METADATA = new Set(['session_id', 'sessionId', 'transcript_path', 'cwd', 'hook_event_name', 'hookEventName', 'hookName', 'conversation_id', 'generation_id', 'workspace_roots', 'workspaceRoots', 'permission_mode', 'timestamp', 'clineVersion', 'taskId', 'userId', 'user_email', 'cursor_version', 'model', 'trajectory_id', 'execution_id', 'agent_action_name', 'tool_use_id', 'prompt_id']);
export const MAX_FILE_BYTES = 1024 * 1024;
export const MAX_AT_FILES = 20;
const MAX_STRINGS = 20000;

/** Every string in the payload but the session metadata, labelled by its path. */
export function payloadTexts(payload: unknown): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const walk = (v: unknown, path: string, depth: number) => {
    if (out.length >= MAX_STRINGS || depth > 32) return;
    if (typeof v === 'string') {
      if (v) out.push([path || 'payload', v]);
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`, depth + 1));
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) if (!(depth === 0 && METADATA.has(k))) walk(x, path ? `${path}.${k}` : k, depth + 1);
    }
  };
  walk(payload, '', 0);
  return out;
}

/** The project roots the payload names (cwd, workspace roots), falling back to the hook's cwd. */
export function projectRoots(payload: Record<string, unknown>, cwd: string): string[] {
  const roots = new Set<string>();
  for (const k of ['workspace_roots', 'workspaceRoots']) {
    const v = payload[k];
    if (Array.isArray(v)) for (const r of v) if (typeof r === 'string' && isAbsolute(r)) roots.add(r);
  }
  for (const k of ['cwd', 'CLAUDE_PROJECT_DIR']) if (typeof payload[k] === 'string' && isAbsolute(payload[k] as string)) roots.add(payload[k] as string);
  roots.add(cwd);
  return [...roots];
}

/**
 * A file's text when it lies inside one of `roots` (after resolving symbolic links), is a regular
 * file, and is read no further than `MAX_FILE_BYTES`; otherwise undefined (outside the project is
 * not ours to read).
 */
export function readInside(path: string, roots: readonly string[]): string | undefined {
  let real: string;
  try {
    real = realpathSync(isAbsolute(path) ? path : resolve(roots[0] ?? '.', path));
  } catch {
    return undefined;
  }
  const inside = roots.some((r) => {
    let root: string;
    try {
      root = realpathSync(r);
    } catch {
      return false;
    }
    const rel = relative(root, real);
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel) && !rel.startsWith(`..${sep}`));
  });
  if (!inside) return undefined;
  let fd: number | undefined;
  try {
    fd = openSync(real, 'r');
    const st = fstatSync(fd);
    if (!st.isFile()) return undefined;
    const len = Math.min(st.size, MAX_FILE_BYTES);
    const buf = Buffer.alloc(len);
    readSync(fd, buf, 0, len, 0);
    return buf.toString('utf8');
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** `@path` mentions in a prompt (Claude Code, Cursor, Copilot, Gemini CLI and Cline all use them). */
export function atMentions(prompt: string): string[] {
  const out = new Set<string>();
  for (const m of prompt.matchAll(/(?:^|[\s(])@((?:[A-Za-z0-9_.~\-]+\/)*[A-Za-z0-9_.\-]+)/g)) {
    if (out.size >= MAX_AT_FILES) break;
    out.add(m[1]!);
  }
  return [...out];
}
