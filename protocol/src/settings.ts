import { z } from 'zod';

/**
 * The settings both sides read, mirroring package.json `contributes.configuration` (which is the
 * user-facing truth; a unit test fails when the two disagree).
 */
export const SettingsSchema = z.object({
  enable: z.boolean().default(true),
  quickFix: z.object({ store: z.enum(['ask', 'envFile', 'keychain', 'pass', 'secretStorage']).default('ask') }).default({ store: 'ask' }),
  envFile: z.object({ path: z.string().default('.env.local') }).default({ path: '.env.local' }),
  exclude: z.array(z.string()).default(['**/node_modules/**', '**/.git/**', '**/dist/**']),
  maxFileSizeKB: z.number().min(16).default(2048),
  // DEFAULT_MIN_CONFIDENCE of core/detect/confidence.ts (protocol imports nothing of ours; a unit test checks the two agree).
  minConfidence: z.number().min(0).max(1).default(0.5),
  // Places outside any repository a policy may write to, besides ~/.config/rotation-guard/allowed-paths.
  // Machine-scoped in package.json: VS Code reads it from user (or remote) settings only, and the
  // client sends only the user-settings value, so a workspace cannot widen where its policy writes.
  allowedPaths: z.array(z.string()).default([]),
  terminal: z.object({ injectSecrets: z.boolean().default(false) }).default({ injectSecrets: false }),
  trace: z.object({ server: z.enum(['off', 'messages', 'verbose']).default('off') }).default({ server: 'off' }),
});

export type Settings = z.infer<typeof SettingsSchema>;

/** Parses whatever the editor sent; unknown or invalid values fall back to defaults field by field. */
export function resolveSettings(raw: unknown): Settings {
  const parsed = SettingsSchema.safeParse(raw ?? {});
  if (parsed.success) return parsed.data;
  const obj = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(SettingsSchema.shape)) {
    const field = (SettingsSchema.shape as Record<string, z.ZodTypeAny>)[key]!;
    const r = field.safeParse(obj[key]);
    out[key] = r.success ? r.data : field.parse(undefined);
  }
  return out as Settings;
}

export const defaultSettings: Settings = SettingsSchema.parse({});

/**
 * The dotted keys under `rotationGuard.` (`quickFix.store`, …), derived from the schema so a
 * client reads every setting the schema has and no other (the manifest test checks package.json).
 */
export const SETTING_KEYS: readonly string[] = dottedKeys(defaultSettings as unknown as Record<string, unknown>);

function dottedKeys(obj: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (v && typeof v === 'object' && !Array.isArray(v) ? dottedKeys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

/** Settings a workspace must not decide: the server takes them from the user's settings only. */
export const MACHINE_SETTINGS = ['allowedPaths'] as const;

/**
 * A client's answers to `workspace/configuration` with each machine setting replaced by the
 * user's own value, whatever the editor merged in from the workspace: an answer for our section
 * gets `user`'s values, any other answer is left as it is.
 */
export function withUserMachineSettings(items: ReadonlyArray<{ section?: string }>, answers: readonly unknown[], user: { [K in (typeof MACHINE_SETTINGS)[number]]: Settings[K] }, section: string): unknown[] {
  return answers.map((a, i) => (items[i]?.section === section && a && typeof a === 'object' && !Array.isArray(a) ? { ...(a as Record<string, unknown>), ...user } : a));
}

/** Builds the settings from a per-key reader (VS Code's `WorkspaceConfiguration.get`), then resolves them. */
export function settingsFromReader(get: (dottedKey: string) => unknown): Settings {
  const raw: Record<string, unknown> = {};
  for (const key of SETTING_KEYS) {
    const value = get(key);
    if (value === undefined) continue;
    const parts = key.split('.');
    let node = raw;
    for (const p of parts.slice(0, -1)) node = (node[p] ??= {}) as Record<string, unknown>;
    node[parts[parts.length - 1]!] = value;
  }
  return resolveSettings(raw);
}
