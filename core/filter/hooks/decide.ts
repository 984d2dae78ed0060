import { relative, resolve } from 'node:path';
import { findSecrets, ledgerFingerprint, type SecretSpan } from '../engine';
import type { KnownNear } from '../known';
import { applySpans, RedactionSession } from '../session';
import { ADAPTERS, failClosed, type AssistantName, type HookAnswer, type Verdict } from './assistants';
import { atMentions, payloadTexts, projectRoots, readInside } from './payload';

export interface HookContext {
  cwd: string;
  /** The policy's known values (current and retired, by keyed fingerprint), when there is a policy. */
  known?: KnownNear;
  /** `--event NAME` from the installed command line, for assistants whose payload does not say. */
  eventFlag?: string;
}

export interface Exposure {
  secretId: string;
  /** Keyed fingerprint (the ledger's), never the value. */
  fingerprint: string;
}

export interface HookDecision extends HookAnswer {
  verdict?: Verdict;
  /** Current values of policy secrets the action would have shown the assistant. */
  exposures: Exposure[];
}

/** Payloads larger than this are refused (blocked) rather than parsed. */
export const MAX_PAYLOAD = 16 * 1024 * 1024;

/**
 * The whole decision for one hook call, in memory: parse the assistant's payload, read what it
 * names (bounded, inside the project), look for credentials, answer in the assistant's shape.
 * Anything unexpected answers the assistant's block (fail closed) with the reason.
 */
export function decideHook(name: AssistantName, raw: string, ctx: HookContext): HookDecision {
  try {
    return decide(name, raw, ctx);
  } catch (err) {
    return { ...failClosed(name, (err as Error).message ?? String(err)), exposures: [] };
  }
}

function decide(name: AssistantName, raw: string, ctx: HookContext): HookDecision {
  if (raw.length > MAX_PAYLOAD) return { ...failClosed(name, `the payload is larger than ${MAX_PAYLOAD} bytes`), exposures: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { ...failClosed(name, 'the hook payload on standard input is not JSON'), exposures: [] };
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return { ...failClosed(name, 'the hook payload is not a JSON object'), exposures: [] };
  const payload = parsed as Record<string, unknown>;
  const adapter = ADAPTERS[name];
  const event = adapter.event(payload, ctx.eventFlag);
  const kind = adapter.kind(event, payload);
  const roots = projectRoots(payload, ctx.cwd);
  const texts = payloadTexts(payload);
  // The file readInside read (a relative path is the first root's), whatever this process's own folder is.
  const label = (p: string) => relative(roots[0] ?? ctx.cwd, resolve(roots[0] ?? ctx.cwd, p)) || p;
  const read = adapter.readPath(payload);
  if (read !== undefined) {
    const content = readInside(read, roots);
    if (content !== undefined) texts.push([`file ${label(read)}`, content]);
  }
  if (kind === 'prompt') {
    for (const [, t] of texts.filter(([w]) => /prompt/i.test(w))) {
      for (const m of atMentions(t)) {
        const content = readInside(m, roots);
        if (content !== undefined) texts.push([`@${m}`, content]);
      }
    }
  }
  const session = new RedactionSession(ctx.known ? { knownSecrets: ctx.known.known } : {});
  // Each string is scanned once: a rewrite reuses what the decision found.
  const memo = new Map<string, SecretSpan[]>();
  const find = (t: string): SecretSpan[] => {
    let r = memo.get(t);
    if (!r) memo.set(t, (r = findSecrets(t, session.options)));
    return r;
  };
  const found: Verdict['found'] = [];
  const exposures: Exposure[] = [];
  const seen = new Set<string>();
  for (const [where, text] of texts) {
    for (const s of find(text)) {
      found.push({ where, ruleId: s.ruleId });
      const exposure = exposureOf(s, ctx.known);
      if (exposure && !seen.has(exposure.fingerprint)) {
        seen.add(exposure.fingerprint);
        exposures.push(exposure);
      }
    }
  }
  const verdict: Verdict = { event, kind, found, reason: reasonFor(found) };
  if (found.length) {
    // Rewrite only when every finding is inside what the assistant takes back.
    const input = adapter.rewritable(kind, payload);
    if (input && found.every((f) => f.where.startsWith('tool_input'))) verdict.rewrite = { toolInput: redactDeep(input, session, find) as Record<string, unknown> };
    const toolName = typeof payload.tool_name === 'string' ? payload.tool_name : '';
    if ((name === 'claude-code') && kind === 'post-tool' && toolName.startsWith('mcp__') && found.every((f) => f.where.startsWith('tool_response'))) {
      verdict.rewrite = { mcpOutput: redactDeep(payload.tool_response, session, find) };
    }
  }
  return { ...adapter.answer(verdict), verdict, exposures };
}

function exposureOf(s: SecretSpan, known: KnownNear | undefined): Exposure | undefined {
  if (!known || !s.secretId || s.ruleId !== 'exposed/known-secret') return undefined;
  return { secretId: s.secretId, fingerprint: ledgerFingerprint(s, known.known) };
}

function reasonFor(found: Verdict['found']): string {
  if (!found.length) return '';
  const parts = [...new Set(found.map((f) => `${f.ruleId.replace(/^[a-z]+\//, '')} in ${f.where}`))].slice(0, 6);
  return `rotation-guard: ${found.length} credential(s) found (${parts.join(', ')}${found.length > parts.length ? ', …' : ''}). Nothing was sent: remove the value or refer to the secret by its name (an environment variable or a store reference).`;
}

/** A copy of a JSON value with every string redacted (placeholders stable within the session). */
export function redactDeep(v: unknown, session: RedactionSession, find: (t: string) => SecretSpan[] = (t) => findSecrets(t, session.options), depth = 0): unknown {
  if (typeof v === 'string') return applySpans(v, find(v), session);
  if (depth > 64 || !v || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x) => redactDeep(x, session, find, depth + 1));
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, redactDeep(x, session, find, depth + 1)]));
}
