/**
 * Checks that names resolve: secret ids are unique, stores / providers / threat models / secrets
 * named in the policy exist, providers get the parameters they need, reference globs match
 * workspace files, and exported rules fit each platform's limits.
 */
import picomatch from 'picomatch';
import { PolicyCode, shown, type PolicyProblem } from './codes';
import type { CheckContext } from './checks-standards';
import { exportLimitViolations } from '../state/export';
import { keepsOldValueThroughGrace, mergedProvider, requiredProviderParams } from '../state/resolve';
import { providerDefinition } from '../../rotation/providers/definitions';
import { providerSpec, type PolicySecret } from '../model/schema';
import type { PathSegment } from '../parse/source';

type Emit = (p: PolicyProblem) => void;

export function checkNames(ctx: CheckContext, emit: Emit): void {
  const { policy, source } = ctx;
  const seen = new Map<string, number>();
  const ids = new Set(policy.secrets.map((s) => s.id));
  const reported = new Set<string>();
  policy.secrets.forEach((s, i) => {
    const at: PathSegment[] = ['secrets', i];
    const first = seen.get(s.id);
    if (first !== undefined) {
      emit({ code: PolicyCode.duplicateId, severity: 'error', range: source.valueRange([...at, 'id']), message: `Duplicate secret id '${shown(s.id)}' (first used by secret #${first + 1}): the ledger and the stores could not tell them apart.`, data: { secretId: s.id } });
    } else seen.set(s.id, i);

    if (s.threatModel && !policy.threatModels?.[s.threatModel]) {
      emit(unknown(ctx, PolicyCode.unknownThreatModel, [...at, 'threatModel'], `Unknown threat model '${shown(s.threatModel)}'`, Object.keys(policy.threatModels ?? {})));
    }
    s.stores.forEach((name, j) => {
      if (!policy.stores[name]) emit(unknown(ctx, PolicyCode.unknownStore, [...at, 'stores', j], `Unknown store '${shown(name)}'`, Object.keys(policy.stores)));
    });
    checkProvider(ctx, s, at, ids, emit);
    checkReferencedFiles(ctx, s, at, emit);
    checkEnvFileIgnored(ctx, s, reported, emit);
    (s.exportTo ?? []).forEach((platform, k) => {
      for (const why of exportLimitViolations(s, platform)) {
        emit({ code: PolicyCode.exportLimit, severity: 'error', range: source.valueRange([...at, 'exportTo', k]), message: `Cannot export to ${platform}: ${why}.`, data: { secretId: s.id, platform } });
      }
    });
  });
}

function unknown(ctx: CheckContext, code: PolicyProblem['code'], path: PathSegment[], what: string, known: string[]): PolicyProblem {
  const hint = known.length ? `; defined: ${known.slice(0, 10).map(shown).join(', ')}` : '';
  return { code, severity: 'error', range: ctx.source.valueRange(path), message: `${what}${hint}.`, data: { known } };
}

/** The fix for a grace period a single-user provider cannot honour: its second account, when it has one. */
function graceFix(type: string): string {
  const field = providerDefinition(type)?.traits.alternateField;
  return field ? `Use \`strategy: alternating-users\` with a second ${field === 'alternateRole' ? 'role' : 'user'} ('${field}'), or remove gracePeriod.` : 'Remove gracePeriod.';
}

function checkProvider(ctx: CheckContext, s: PolicySecret, at: PathSegment[], ids: Set<string>, emit: Emit): void {
  const { policy, source } = ctx;
  const name = s.rotation?.provider;
  if (!name) return;
  const providerPath = [...at, 'rotation', 'provider'];
  if (!policy.providers?.[name]) {
    emit(unknown(ctx, PolicyCode.unknownProvider, providerPath, `Unknown provider '${shown(name)}'`, Object.keys(policy.providers ?? {})));
    return;
  }
  const merged = mergedProvider(policy, s)!;
  const strategy = s.rotation?.strategy ?? 'single-user';
  const missing = requiredProviderParams(String(merged.type), strategy).filter((k) => merged[k] === undefined || merged[k] === '');
  if (missing.length) {
    emit({
      code: PolicyCode.providerParamMissing,
      severity: 'error',
      range: source.valueRange(providerPath),
      message: `Provider '${shown(name)}' (${String(merged.type)}${strategy === 'alternating-users' ? ', alternating-users' : ''}) needs ${missing.map((m) => `'${m}'`).join(', ')} for secret '${shown(s.id)}': set ${missing.length > 1 ? 'them' : 'it'} on the provider or in rotation.params.`,
      data: { secretId: s.id, provider: name, missing },
    });
  }
  if (s.gracePeriod && !keepsOldValueThroughGrace(String(merged.type), strategy)) {
    emit({
      code: PolicyCode.graceWithoutOverlap,
      severity: 'error',
      range: source.valueRange([...at, 'gracePeriod']),
      message: `gracePeriod ${s.gracePeriod} of '${shown(s.id)}' cannot be honoured: the ${String(merged.type)} provider (single-user) replaces the password in place, so the old one is refused as soon as the new one is applied. ${graceFix(String(merged.type))}`,
      data: { secretId: s.id, provider: name, fix: 'alternating-users' },
    });
  }
  // Per-secret params must still make a valid provider of that type.
  const parsed = providerSpec.safeParse(merged);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.code === 'unrecognized_keys' ? issue.keys[0] : issue.path[0];
      const inParams = typeof key === 'string' && s.rotation?.params && key in s.rotation.params;
      emit({
        code: PolicyCode.schema,
        severity: 'error',
        range: inParams ? source.keyRange([...at, 'rotation', 'params', key]) : source.valueRange(providerPath),
        message: `rotation.params for '${shown(s.id)}': ${issue.code === 'unrecognized_keys' ? `'${shown(String(key))}' is not a parameter of ${String(merged.type)} providers` : `'${shown(String(key))}': ${issue.message}`}.`,
        data: { secretId: s.id },
      });
    }
  }
  const definition = providerDefinition(String(merged.type));
  const paramPath = (field: string): PathSegment[] => (s.rotation?.params?.[field] !== undefined ? [...at, 'rotation', 'params', field] : ['providers', name, field]);
  for (const field of definition?.adminSecretFields ?? []) {
    const admin = merged[field];
    if (typeof admin === 'string' && !ids.has(admin)) {
      emit({ code: PolicyCode.unknownSecret, severity: 'error', range: source.valueRange(paramPath(field)), message: `${field} names secret '${shown(admin)}', which is not in this policy.`, data: { secretId: s.id } });
    }
  }
  for (const problem of definition?.check?.(merged, strategy) ?? []) {
    emit({ code: PolicyCode.providerParamMissing, severity: 'error', range: source.valueRange(problem.param && merged[problem.param] !== undefined ? paramPath(problem.param) : providerPath), message: problem.message, data: { secretId: s.id, provider: name, missing: problem.param ? [problem.param] : [] } });
  }
  // Create and revoke headers both take {{secret:ID}} references.
  const revoke = merged.revoke as { headers?: unknown } | undefined;
  for (const [headers, path] of [
    [merged.headers, ['providers', name, 'headers']],
    [revoke?.headers, ['providers', name, 'revoke', 'headers']],
  ] as const) {
    if (!headers || typeof headers !== 'object') continue;
    for (const v of Object.values(headers as Record<string, unknown>)) {
      for (const m of String(v).matchAll(/\{\{secret:([^}]+)\}\}/g)) {
        if (!ids.has(m[1] ?? '')) emit({ code: PolicyCode.unknownSecret, severity: 'error', range: source.valueRange([...path]), message: `Header references secret '${shown(m[1] ?? '')}', which is not in this policy.`, data: { secretId: s.id } });
      }
    }
  }
}

function checkReferencedFiles(ctx: CheckContext, s: PolicySecret, at: PathSegment[], emit: Emit): void {
  if (!ctx.listFiles || !s.references?.files?.length) return;
  const files = ctx.listFiles();
  s.references.files.forEach((glob, j) => {
    const match = picomatch(glob, { dot: true });
    if (files.some((f) => match(f))) return;
    emit({
      code: PolicyCode.referenceMatchesNothing,
      severity: 'warning',
      range: ctx.source.valueRange([...at, 'references', 'files', j]),
      message: `'${glob}' matches no file next to the policy: the reference is stale or mistyped.`,
      data: { secretId: s.id, glob },
    });
  });
}

/** An env-file store git does not ignore would commit every rotated value (PCI DSS 4.0 8.6.2). */
function checkEnvFileIgnored(ctx: CheckContext, s: PolicySecret, reported: Set<string>, emit: Emit): void {
  if (!ctx.isGitIgnored) return;
  for (const name of s.stores) {
    const ref = ctx.policy.stores[name];
    if (ref?.type !== 'env-file') continue;
    const file = ref.path.replaceAll('{id}', s.id);
    if (reported.has(file) || ctx.isGitIgnored(file) !== false) continue;
    reported.add(file);
    emit({
      code: PolicyCode.envFileNotIgnored,
      severity: 'error',
      range: ctx.source.valueRange(['stores', name, 'path']),
      message: `Env-file store '${shown(name)}' writes '${file}', which git does not ignore: every rotated value would be committed (PCI DSS 4.0 8.6.2: no credentials in files). Add it to .gitignore.`,
      data: { store: name, file },
    });
  }
}
