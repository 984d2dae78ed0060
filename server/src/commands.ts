// `workspace/executeCommand` for the server's own actions, so they work in any LSP client:
// edits go back through `workspace/applyEdit`, choices through `window/showMessageRequest`.
// The logic itself is in core/actions and core/rotation; this file only talks LSP.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, sep } from 'node:path';
import { ResponseError, ErrorCodes, type Connection, type MessageActionItem, type TextDocuments, type WorkDoneProgressReporter } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DESTINATION_TITLES, MoveError, addToBaseline, moveToStore, type MoveDestination } from '../../core/actions';
import { loadPolicy, policyOrError } from '../../core/policy';
import { createPolicyStoreRegistry, markCompromised, rotate, trustFor, type NextAction } from '../../core/rotation';
import { mask } from '../../core/values';
import { defaultLiveCacheFile, LiveVerifier } from '../../core/verify-live';
import { SERVER_STORE_CHOICES, ServerCommands, type MoveToStoreArgs, type MoveToStoreResult, type AddToBaselineArgs, type RotateNowResult, type CheckKeyLiveResult, type SecretRef, type ServerCommandArgs, type ServerCommandId } from '../../protocol/src/protocol';
import { pathToUri, uriToPath } from './paths';
import { installAssistantHooks } from './session/assistantHooks';
import type { workspaceCommands } from './session/workspaceCommands';
import type { SettingsCache } from './settings';

export interface CommandDeps {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  settings: SettingsCache;
  folders: () => string[];
  /** Caches dropped, known secrets reloaded, open documents revalidated. */
  refresh: () => Promise<void>;
  scanWorkspace: () => Promise<unknown>;
  log: (msg: string) => void;
  env: NodeJS.ProcessEnv;
  /** From the client's initializationOptions.workspaceTrusted; untrusted by default (command/http/postgres refused). */
  workspaceTrusted: () => boolean;
  /** `$/progress` for a long action (a no-op reporter when the client has no progress support). */
  progress?: () => Promise<WorkDoneProgressReporter>;
  /** Keeps what "Is this key live?" found, so the key's diagnostics say so (and rank first). */
  rememberLive?: (fingerprint: string, status: 'live' | 'refused' | 'unknown') => void;
  /** The move recorded this value's exposure in its file itself (the exposure judge must not record it again). */
  exposureRecorded?: (secretId: string, fingerprint: string, uri: string) => void;
  /** Enforce and the git-history scan (session/workspaceCommands.ts). */
  workspace: ReturnType<typeof workspaceCommands>;
}

/** The rotation service's next action in words any LSP client's user can act on (its Rotate now command, or the CLI). */
const NEXT_IN_LSP: Record<string, string> = {
  resume: ' (run Rotate now again to continue it)',
  rollback: ' (then roll it back: `rotation-guard rotate ID --rollback`)',
  wait: ' (rotate again after that time)',
  'provide-value': ' (Rotate now asks for it in VS Code and with the Neovim handler in the README; or `rotation-guard rotate ID --value-stdin`)',
  confirm: ' (Rotate now in VS Code shows what it confirms; elsewhere run `rotation-guard rotate ID --trust`)',
  'trust-workspace': ' (trust the workspace in your editor, or confirm the policy with `rotation-guard rotate ID --trust`)',
};

/** Destinations the server itself can reach (SecretStorage lives in VS Code only). */
const SERVER_DESTINATIONS: MoveDestination[] = SERVER_STORE_CHOICES.map((c) => c.id);

const fail = (message: string) => new ResponseError(ErrorCodes.InvalidParams, message);

function folderOf(path: string, folders: string[]): string {
  return folders.filter((f) => path === f || path.startsWith(f.endsWith(sep) ? f : f + sep)).sort((a, b) => b.length - a.length)[0] ?? dirname(path);
}

async function choose<T extends string>(connection: Connection, message: string, options: Array<{ id: T; title: string }>): Promise<T | undefined> {
  const picked = (await connection.window.showInformationMessage(message, ...options.map((o) => ({ title: o.title, id: o.id })))) as (MessageActionItem & { id?: T }) | undefined;
  // Some clients answer with only the title they were given.
  return picked ? (picked.id ?? options.find((o) => o.title === picked.title)?.id) : undefined;
}

export function serverCommandHandlers(d: CommandDeps): { [K in ServerCommandId]: (args: ServerCommandArgs[K]) => Promise<unknown> } {
  const info = (m: string) => d.connection.window.showInformationMessage(`Rotation Guard: ${m}`);
  // One verifier per server: a key is asked once (fingerprint cache), each host spaced out.
  let verifier: LiveVerifier | undefined;
  /** A message with an "Open key page" action that opens the page in the browser (window/showDocument, external). */
  const offerKeyPage = async (message: string, url: string | undefined) => {
    const open = await choose(d.connection, `Rotation Guard: ${message}`, url ? [{ id: 'open' as const, title: 'Open key page' }] : []);
    if (open && url) await d.connection.window.showDocument({ uri: url, external: true });
  };
  /** The places outside the repository the user allowed (the machine-scoped `allowedPaths` setting): the writes below honour them. */
  const allowedFor = async (uri: string) => (await d.settings.get(uri)).allowedPaths;
  const policyOf = (ref: SecretRef, allowedPaths: readonly string[] = []) => {
    const path = uriToPath(ref.policyUri);
    if (!path) throw fail(`not a policy file: ${ref.policyUri}`);
    const loaded = loadPolicy(path, { env: d.env, allowedPaths });
    const usable = policyOrError(loaded);
    if ('error' in usable) throw fail(usable.error);
    if (!usable.policy.secrets.some((s) => s.id === ref.id)) throw fail(`no secret "${ref.id}" in ${path}`);
    return { path, loaded: { ...loaded, text: usable.text }, policy: usable.policy };
  };

  async function move(args: MoveToStoreArgs): Promise<MoveToStoreResult> {
    const announce = args.announce !== false;
    const doc = d.documents.get(args.uri);
    if (!doc) throw fail(`${args.uri} is not open; open it and run the quick fix again`);
    if (doc.version !== args.version) {
      void d.connection.window.showWarningMessage('Rotation Guard: the file changed since this problem was reported; run the quick fix again.');
      return { moved: false, reason: 'stale' };
    }
    const path = uriToPath(args.uri);
    if (!path) throw fail('only files on disk can be moved from (save the buffer first)');
    const settings = await d.settings.get(args.uri);
    const configured = args.store ?? settings.quickFix.store;
    let destination = SERVER_DESTINATIONS.find((x) => x === configured);
    if (!destination) {
      destination = await choose(d.connection, `Move the ${args.data.envVar} value to…`, SERVER_STORE_CHOICES.map((c) => ({ id: c.id, title: c.title(settings.envFile.path) })));
      if (!destination) return { moved: false, reason: 'cancelled' };
    }
    const value = doc.getText(args.range);
    const folder = folderOf(path, d.folders());
    try {
      const result = await moveToStore({
        folder,
        file: path,
        line: args.range.start.line,
        value,
        envVar: args.data.envVar,
        ruleId: args.data.ruleId,
        destination,
        envFilePath: settings.envFile.path,
        env: d.env,
        allowedPaths: settings.allowedPaths,
        readPolicy: (p) => d.documents.get(pathToUri(p))?.getText() ?? (existsSync(p) ? readFileSync(p, 'utf8') : undefined),
        writePolicy: async (p, text) => {
          const open = d.documents.get(pathToUri(p));
          if (!open) return writeFileSync(p, text);
          const r = await d.connection.workspace.applyEdit({ label: 'Add the secret to the policy', edit: { changes: { [open.uri]: [{ range: { start: { line: 0, character: 0 }, end: open.positionAt(open.getText().length) }, newText: text }] } } });
          if (!r.applied) throw new MoveError(`the editor refused the edit of ${p}${r.failureReason ? `: ${r.failureReason}` : ''}; the value was stored but the policy is unchanged`);
        },
      });
      d.exposureRecorded?.(result.secretId, result.fingerprint, args.uri);
      const edit = await d.connection.workspace.applyEdit({
        label: `Move ${args.data.envVar} to ${DESTINATION_TITLES[destination]}`,
        edit: { changes: { [args.uri]: [{ range: { start: args.data.replaceStart, end: args.data.replaceEnd }, newText: args.data.replacement }] } },
      });
      d.log(`moved ${args.data.ruleId} value ${mask(value)} to ${result.storeDescription} as secret ${result.secretId} of ${result.policyPath}`);
      await d.refresh();
      if (!edit.applied) {
        const message = `stored ${args.data.envVar} in ${result.storeDescription}, but the editor refused to replace it in the file; replace it with ${args.data.replacement} by hand.`;
        if (announce) void d.connection.window.showWarningMessage(`Rotation Guard: ${message}`);
        return { moved: true, edited: false, secretId: result.secretId, policyUri: pathToUri(result.policyPath), message } satisfies MoveToStoreResult;
      }
      const rel = relative(folder, result.policyPath);
      const message = `stored ${args.data.envVar} in ${result.storeDescription} as secret '${result.secretId}' (${result.createdPolicy ? 'new policy ' : ''}${rel}) and replaced it with ${args.data.replacement}. It was in a file: rotate it.`;
      if (announce) void info(message);
      return { moved: true, edited: true, secretId: result.secretId, policyUri: pathToUri(result.policyPath), message } satisfies MoveToStoreResult;
    } catch (err) {
      // Store and policy errors say what to do and never hold the value.
      const message = (err as Error).message;
      d.log(`move to store failed: ${message}`);
      if (announce) void d.connection.window.showErrorMessage(`Rotation Guard: ${message}`);
      return { moved: false, reason: message } satisfies MoveToStoreResult;
    }
  }

  return {
    [ServerCommands.moveToStore]: move,
    [ServerCommands.rotateNow]: async (args): Promise<RotateNowResult> => {
      const { newValue, announce: announceArg, ...ref } = args;
      const announce = announceArg !== false;
      const allowedPaths = await allowedFor(ref.policyUri);
      const { path, loaded, policy } = policyOf(ref, allowedPaths);
      // Each recorded step shows in the editor's progress (LLM-key rotations call remote APIs).
      const progress = await d.progress?.();
      progress?.begin(`Rotating ${ref.id}`, undefined, 'starting', false);
      const out = await rotate(
        { policy, policyPath: path, policyText: loaded.text, secretId: ref.id, mode: 'rotate', stores: createPolicyStoreRegistry(policy, path, d.env, {}, allowedPaths), trust: trustFor(path, d.workspaceTrusted(), d.env), env: d.env, allowedPaths },
        {
          // LSP has no input request: a by-hand rotation answers needs-value, and the client calls again with it.
          valueLater: true,
          prompt: newValue ? async () => newValue : undefined,
          event: (e) => {
            if (e.kind === 'log') d.log(`rotate ${ref.id}: ${e.message}`);
            else if (e.kind === 'step-started' || e.kind === 'step-finished') progress?.report(Math.round((e.index / e.total) * 100), `${e.step} ${e.outcome}${e.detail ? ` — ${e.detail}` : ''}`);
          },
        },
      )
        .catch((err: Error & { next?: NextAction }) => ({ code: 'failed' as const, message: err.message, next: err.next, url: undefined, instructions: undefined }))
        .finally(() => progress?.done());
      const message = `${out.message}${(NEXT_IN_LSP[out.next ?? ''] ?? '').replace('ID', ref.id)}`;
      if (out.code === 'needs-value') {
        if (announce) void offerKeyPage(message, out.url);
        return { status: out.code, message, url: out.url, instructions: out.instructions };
      }
      const ok = out.code === 'rotated' || out.code === 'awaiting-revoke';
      if (announce && ok) void d.connection.window.showInformationMessage(`Rotation Guard: ${ref.id}: ${message}`);
      else if (announce) void d.connection.window.showErrorMessage(`Rotation Guard: ${ref.id}: ${message}`);
      await d.refresh();
      // A busy lock or a running grace period was a thrown refusal before the service: still `failed` to clients.
      return { status: out.code === 'busy' || out.code === 'grace-running' ? 'failed' : out.code, message };
    },
    [ServerCommands.checkKeyLive]: async (args): Promise<CheckKeyLiveResult> => {
      const doc = d.documents.get(args.uri);
      if (!doc) throw fail('the document is not open');
      const raw = doc.getText(args.range).trim();
      // In JSON-escaped text (notebooks, JSON strings) the range covers the escaped form.
      let value = raw;
      if (raw.includes('\\')) {
        try {
          value = JSON.parse(`"${raw}"`) as string;
        } catch {
          value = raw;
        }
      }
      if (!value || !LiveVerifier.canCheck(args.data.ruleId)) return { status: 'unknown', detail: 'no live check for this kind of key' };
      verifier ??= new LiveVerifier({ env: d.env, cacheFile: defaultLiveCacheFile(d.env) });
      const v = await verifier.verify(args.data.ruleId, value, args.data.fingerprint);
      verifier.save();
      d.rememberLive?.(args.data.fingerprint, v.status);
      await d.refresh();
      const what = `${args.data.preview}: ${v.detail}`;
      if (v.status === 'live') void d.connection.window.showWarningMessage(`Rotation Guard: LIVE — ${v.host} accepted this key just now; rotate it at once (${what})`);
      else if (v.status === 'refused') void info(`${v.host} refuses this key: it is already revoked (${what})`);
      else void info(`could not tell whether this key is live (${what})`);
      return { status: v.status, detail: v.detail, host: v.host };
    },
    [ServerCommands.markCompromised]: async (ref) => {
      const allowedPaths = await allowedFor(ref.policyUri);
      const { path, policy } = policyOf(ref, allowedPaths);
      let reason = ref.reason;
      if (!reason) {
        const ok = await choose(d.connection, `Mark '${ref.id}' compromised? It shows as compromised until it is rotated.`, [{ id: 'yes' as const, title: 'Mark compromised' }]);
        if (!ok) return { marked: false };
        reason = 'marked compromised from the editor';
      }
      await markCompromised({ policy, policyPath: path, secretId: ref.id, reason, stores: createPolicyStoreRegistry(policy, path, d.env, {}, allowedPaths) });
      await d.refresh();
      void info(`'${ref.id}' is marked compromised; rotate it.`);
      return { marked: true };
    },
    [ServerCommands.addToBaseline]: async (args: AddToBaselineArgs) => {
      const path = uriToPath(args.uri);
      if (!path) throw fail('only files on disk have a baseline');
      const folder = folderOf(path, d.folders());
      const file = relative(folder, path).split(sep).join('/');
      const written = addToBaseline(folder, { fingerprint: args.data.fingerprint, ruleId: args.data.ruleId, file, reason: 'accepted in the editor' });
      await d.refresh();
      void info(`accepted this ${args.data.ruleId} finding in ${relative(folder, written)}; fill in the reason there.`);
      return { baseline: pathToUri(written) };
    },
    [ServerCommands.openPolicy]: async (ref) => {
      const { loaded } = policyOf(ref);
      const line = loaded.analysis.secrets.find((s) => s.id === ref.id)?.range.start.line ?? 0;
      return d.connection.window.showDocument({ uri: ref.policyUri, takeFocus: true, selection: { start: { line, character: 0 }, end: { line, character: 0 } } });
    },
    [ServerCommands.scanWorkspace]: async () => d.scanWorkspace(),
    [ServerCommands.enforce]: (args) => d.workspace.enforce(args),
    [ServerCommands.scanGitHistory]: (args) => d.workspace.scanGitHistory(args),
    [ServerCommands.createPolicy]: (args) => d.workspace.createPolicy(args),
    [ServerCommands.verifyLedger]: async (args) => d.workspace.verifyLedger(args),
    [ServerCommands.installAssistantHooks]: (args) => installAssistantHooks(args, d.env, d.log),
  };
}
