import { ProviderError, type CreatedValue, type RotationProvider } from '../types';

export interface ManualOptions {
  url?: string;
  instructions?: string;
}

/**
 * A person makes the new key on the provider's page and pastes it. The core only asks the injected
 * `prompt` (the VS Code client shows an input box; the CLI reads `--value-stdin`); the rest of the
 * loop — staging, verification, ledger — is the same as for any provider.
 */
export function manualProvider(opts: ManualOptions): RotationProvider {
  return {
    type: 'manual',
    needsTrust: false,
    async create(ctx): Promise<CreatedValue> {
      if (!ctx.prompt) throw new ProviderError('provider/needs-input', `secret "${ctx.secretId}" is rotated by hand: create a new key${opts.url ? ` at ${opts.url}` : ''} and pass it in (CLI: --value-stdin)`);
      const value = (await ctx.prompt({ secretId: ctx.secretId, url: opts.url, instructions: opts.instructions })).trim();
      if (!value) throw new ProviderError('provider/empty', 'no value was entered');
      if (value === ctx.currentValue) throw new ProviderError('provider/unchanged', 'the value entered is the current one; create a new key first');
      return { value };
    },
  };
}
