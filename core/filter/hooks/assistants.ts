/**
 * One adapter per assistant: how its hook payload names the event and the content, and the
 * decision shape it documents. Block where the assistant can only block; rewrite only where it
 * honours a rewrite (Claude Code's PreToolUse `updatedInput` and PostToolUse
 * `updatedMCPToolOutput`). Sources, checked 2026-12-06:
 * - Claude Code: https://code.claude.com/docs/en/hooks
 * - Cursor: https://cursor.com/docs/agent/hooks (fields as in https://cupcake.eqtylab.io/reference/harnesses/cursor)
 * - GitHub Copilot CLI: https://docs.github.com/en/copilot/reference/copilot-cli-reference/cli-hooks-reference
 * - Gemini CLI: https://geminicli.com/docs/hooks/reference
 * - Codex CLI: https://developers.openai.com/codex/hooks (Claude Code's shapes; `.codex/hooks.json`)
 * - Windsurf: https://docs.windsurf.com/windsurf/cascade/hooks
 * - Cline: https://docs.cline.bot/features/hooks/hook-reference
 */
export const ASSISTANTS = ['claude-code', 'cursor', 'copilot', 'gemini-cli', 'codex', 'windsurf', 'cline'] as const;
export type AssistantName = (typeof ASSISTANTS)[number];

/** What the action is, whatever the assistant calls it. */
export type EventKind = 'prompt' | 'pre-tool' | 'post-tool' | 'read' | 'other';

export interface HookAnswer {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface Verdict {
  event: string;
  kind: EventKind;
  /** Where credentials were found (labels and rule ids only). */
  found: Array<{ where: string; ruleId: string }>;
  /** The tool input with every credential replaced, when the adapter can hand it back. */
  rewrite?: { toolInput?: Record<string, unknown>; mcpOutput?: unknown };
  reason: string;
}

export interface Adapter {
  /** The event's name: from the payload, or from `--event` (written by `hooks install`). */
  event(payload: Record<string, unknown>, flag: string | undefined): string;
  kind(event: string, payload: Record<string, unknown>): EventKind;
  /** A file the action reads (its content is scanned when the payload does not carry it). */
  readPath(payload: Record<string, unknown>): string | undefined;
  /** Tool arguments the adapter can return rewritten (undefined: it cannot). */
  rewritable(kind: EventKind, payload: Record<string, unknown>): Record<string, unknown> | undefined;
  answer(v: Verdict): HookAnswer;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const obj = (v: unknown): Record<string, unknown> | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
const json = (o: unknown): string => `${JSON.stringify(o)}\n`;
const allow = (stdout = ''): HookAnswer => ({ stdout, stderr: '', exitCode: 0 });
const READ_TOOLS = /^(read|read_file|view|open|cat|readfile|notebookread)$/i;
const pathOf = (input: Record<string, unknown> | undefined): string | undefined => str(input?.file_path) ?? str(input?.absolute_path) ?? str(input?.path) ?? str(input?.filePath) ?? str(input?.notebook_path);

/** Claude Code and Codex CLI share one protocol. */
function claudeLike(canRewrite: boolean): Adapter {
  return {
    event: (p, flag) => str(p.hook_event_name) ?? flag ?? 'unknown',
    kind: (e, p) => (e === 'UserPromptSubmit' ? 'prompt' : e === 'PreToolUse' ? (READ_TOOLS.test(str(p.tool_name) ?? '') ? 'read' : 'pre-tool') : e === 'PostToolUse' ? 'post-tool' : 'other'),
    readPath: (p) => (READ_TOOLS.test(str(p.tool_name) ?? '') ? pathOf(obj(p.tool_input)) : undefined),
    rewritable: (k, p) => (canRewrite && k === 'pre-tool' ? obj(p.tool_input) : undefined),
    answer: (v) => {
      if (!v.found.length) return allow();
      if (v.kind === 'prompt') return allow(json({ decision: 'block', reason: v.reason }));
      if ((v.kind === 'pre-tool' || v.kind === 'read') && v.rewrite?.toolInput) {
        return allow(json({ hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'allow', permissionDecisionReason: v.reason, updatedInput: v.rewrite.toolInput } }));
      }
      if (v.kind === 'pre-tool' || v.kind === 'read') return allow(json({ hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: v.reason } }));
      if (v.kind === 'post-tool' && v.rewrite?.mcpOutput !== undefined) {
        return allow(json({ decision: 'block', reason: v.reason, hookSpecificOutput: { hookEventName: 'PostToolUse', updatedMCPToolOutput: v.rewrite.mcpOutput } }));
      }
      return allow(json({ decision: 'block', reason: v.reason }));
    },
  };
}

const cursor: Adapter = {
  event: (p, flag) => str(p.hook_event_name) ?? flag ?? 'unknown',
  kind: (e) => (e === 'beforeSubmitPrompt' ? 'prompt' : e === 'beforeReadFile' ? 'read' : e === 'beforeShellExecution' || e === 'beforeMCPExecution' ? 'pre-tool' : e.startsWith('after') ? 'post-tool' : 'other'),
  readPath: (p) => (str(p.content) === undefined ? str(p.file_path) : undefined),
  rewritable: () => undefined,
  answer: (v) => {
    if (v.kind === 'prompt') return allow(json(v.found.length ? { continue: false, user_message: v.reason } : { continue: true }));
    if (v.kind === 'read') return allow(json({ permission: v.found.length ? 'deny' : 'allow' }));
    if (v.kind === 'pre-tool') return allow(json(v.found.length ? { permission: 'deny', user_message: v.reason, agent_message: v.reason } : { permission: 'allow' }));
    return allow(json({}));
  },
};

const copilot: Adapter = {
  event: (p, flag) => flag ?? str(p.hook_event_name) ?? str(p.hookEventName) ?? (p.toolResult !== undefined ? 'postToolUse' : p.toolName !== undefined ? 'preToolUse' : p.prompt !== undefined ? 'userPromptSubmitted' : 'unknown'),
  kind: (e, p) => (e === 'userPromptSubmitted' ? 'prompt' : e === 'preToolUse' ? (READ_TOOLS.test(str(p.toolName) ?? '') ? 'read' : 'pre-tool') : e === 'postToolUse' ? 'post-tool' : 'other'),
  readPath: (p) => (READ_TOOLS.test(str(p.toolName) ?? '') ? pathOf(toolArgs(p.toolArgs)) : undefined),
  rewritable: () => undefined,
  answer: (v) => {
    if (!v.found.length) return allow();
    if (v.kind === 'pre-tool' || v.kind === 'read') return allow(json({ permissionDecision: 'deny', permissionDecisionReason: v.reason }));
    // A prompt: Copilot CLI honours `decision: block` (and exit 2) there; an older one ignores output, so exit 2 too.
    return { stdout: json({ decision: 'block', reason: v.reason }), stderr: `${v.reason}\n`, exitCode: 2 };
  },
};

/** Copilot CLI passes `toolArgs` as a JSON string; the SDK as an object. */
function toolArgs(v: unknown): Record<string, unknown> | undefined {
  if (typeof v === 'string') {
    try {
      return obj(JSON.parse(v));
    } catch {
      return undefined;
    }
  }
  return obj(v);
}

const gemini: Adapter = {
  event: (p, flag) => str(p.hook_event_name) ?? flag ?? 'unknown',
  kind: (e, p) => (e === 'BeforeAgent' ? 'prompt' : e === 'BeforeTool' ? (/read_file|read_many_files/.test(str(p.tool_name) ?? '') ? 'read' : 'pre-tool') : e === 'AfterTool' || e === 'AfterModel' ? 'post-tool' : e === 'BeforeModel' ? 'prompt' : 'other'),
  readPath: (p) => (/read_file/.test(str(p.tool_name) ?? '') ? pathOf(obj(p.tool_input)) : undefined),
  rewritable: () => undefined,
  answer: (v) => (v.found.length ? allow(json({ decision: 'deny', reason: v.reason })) : allow(json({}))),
};

const windsurf: Adapter = {
  event: (p, flag) => str(p.agent_action_name) ?? flag ?? 'unknown',
  kind: (e) => (e === 'pre_user_prompt' ? 'prompt' : e === 'pre_read_code' ? 'read' : e.startsWith('pre_') ? 'pre-tool' : e.startsWith('post_') ? 'post-tool' : 'other'),
  readPath: (p) => str(obj(p.tool_info)?.file_path),
  rewritable: () => undefined,
  // Pre-hooks block with exit code 2; stderr is what Cascade shows.
  answer: (v) => (v.found.length && v.kind !== 'post-tool' ? { stdout: '', stderr: `${v.reason}\n`, exitCode: 2 } : allow()),
};

const cline: Adapter = {
  event: (p, flag) => str(p.hookName) ?? flag ?? 'unknown',
  kind: (e, p) => (e === 'UserPromptSubmit' ? 'prompt' : e === 'PreToolUse' ? (/read_file/.test(str(obj(p.preToolUse)?.toolName) ?? '') ? 'read' : 'pre-tool') : e === 'PostToolUse' ? 'post-tool' : 'other'),
  readPath: (p) => (/read_file/.test(str(obj(p.preToolUse)?.toolName) ?? '') ? pathOf(obj(obj(p.preToolUse)?.parameters)) : undefined),
  rewritable: () => undefined,
  answer: (v) => allow(json(v.found.length ? { cancel: true, errorMessage: v.reason, contextModification: '' } : { cancel: false })),
};

export const ADAPTERS: Record<AssistantName, Adapter> = {
  'claude-code': claudeLike(true),
  codex: claudeLike(false),
  cursor,
  copilot,
  'gemini-cli': gemini,
  windsurf,
  cline,
};

/** Fail closed: the block each assistant honours whatever the event, with the reason. */
export function failClosed(name: AssistantName, message: string): HookAnswer {
  const reason = `rotation-guard could not check this action, so it is blocked: ${message}`;
  switch (name) {
    case 'cursor':
      return { stdout: json({ continue: false, permission: 'deny', user_message: reason, agent_message: reason }), stderr: `${reason}\n`, exitCode: 2 };
    case 'cline':
      return { stdout: json({ cancel: true, errorMessage: reason }), stderr: `${reason}\n`, exitCode: 2 };
    case 'gemini-cli':
      return { stdout: json({ decision: 'deny', reason }), stderr: `${reason}\n`, exitCode: 2 };
    case 'copilot':
      return { stdout: json({ permissionDecision: 'deny', permissionDecisionReason: reason, decision: 'block', reason }), stderr: `${reason}\n`, exitCode: 2 };
    default:
      // Claude Code, Codex, Windsurf: exit 2 blocks every blockable event, stderr is the reason.
      return { stdout: '', stderr: `${reason}\n`, exitCode: 2 };
  }
}

export function isAssistant(s: string): s is AssistantName {
  return (ASSISTANTS as readonly string[]).includes(s);
}
