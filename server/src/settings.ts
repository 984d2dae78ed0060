import type { Connection } from 'vscode-languageserver/node';
import { CONFIG_SECTION } from '../../protocol/src/protocol';
import { defaultSettings, resolveSettings, type Settings } from '../../protocol/src/settings';

/**
 * Settings are resolved per resource and cached as a promise per URI, so concurrent validations
 * of one document ask the client once. Cleared when configuration changes.
 */
export class SettingsCache {
  private cache = new Map<string, Promise<Settings>>();
  private supportsConfiguration = false;

  constructor(private readonly connection: Connection) {}

  setClientSupportsConfiguration(v: boolean): void {
    this.supportsConfiguration = v;
  }

  get(uri: string): Promise<Settings> {
    if (!this.supportsConfiguration) return Promise.resolve(defaultSettings);
    let p = this.cache.get(uri);
    if (!p) {
      p = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: CONFIG_SECTION })
        .then(resolveSettings, () => defaultSettings);
      this.cache.set(uri, p);
    }
    return p;
  }

  clear(): void {
    this.cache.clear();
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }
}
