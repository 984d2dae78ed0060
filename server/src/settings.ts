import type { Connection } from 'vscode-languageserver/node';
import { CONFIG_SECTION } from '../../protocol/src/protocol';
import { defaultSettings, resolveSettings, type Settings } from '../../protocol/src/settings';

/**
 * Settings are resolved per resource and cached as a promise per URI, so concurrent validations
 * of one document ask the client once. Cleared when configuration changes.
 *
 * A client that cannot answer `workspace/configuration` (Neovim 0.7, older clients) pushes its
 * settings instead: once in `initializationOptions` and again with each
 * `workspace/didChangeConfiguration`. Those apply to every resource.
 */
export class SettingsCache {
  private cache = new Map<string, Promise<Settings>>();
  private supportsConfiguration = false;
  private pushed: Settings = defaultSettings;

  constructor(private readonly connection: Connection) {}

  setClientSupportsConfiguration(v: boolean): void {
    this.supportsConfiguration = v;
  }

  /**
   * Reads our section from `initializationOptions`: `{ settings: { rotationGuard } }` (the shape of
   * didChangeConfiguration's params) or `{ rotationGuard }` (what Helix sends from `config`).
   */
  fromInitializationOptions(options: unknown): void {
    const o = asRecord(options);
    if (!o) return;
    const section = sectionOf(o['settings']) ?? sectionOf(o);
    if (section !== undefined) this.pushed = resolveSettings(section);
  }

  /**
   * Takes `workspace/didChangeConfiguration` params. Clients that answer `workspace/configuration`
   * are asked again per resource (what they push here is one value for all files, so it is not
   * used); for the others the pushed `settings.rotationGuard` becomes the settings, and a settings
   * object without our section means none of ours is set (a notification without settings changes
   * nothing).
   */
  changed(params: { settings?: unknown } | undefined): void {
    this.cache.clear();
    if (this.supportsConfiguration) return;
    const all = asRecord(params?.settings);
    if (all) this.pushed = resolveSettings(sectionOf(all) ?? {});
  }

  get(uri: string): Promise<Settings> {
    if (!this.supportsConfiguration) return Promise.resolve(this.pushed);
    let p = this.cache.get(uri);
    if (!p) {
      p = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: CONFIG_SECTION })
        .then(resolveSettings, () => defaultSettings);
      this.cache.set(uri, p);
    }
    return p;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }
}

function asRecord(v: unknown): Record<string, unknown> | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** Our section of a settings object (`{ rotationGuard: {…} }`, the nested form clients send). */
function sectionOf(v: unknown): unknown {
  return asRecord(v)?.[CONFIG_SECTION];
}
