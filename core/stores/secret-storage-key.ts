import type { Stage } from './types';

/** The default key template of a `secret-storage` store (what the VS Code client has always used). */
export const DEFAULT_ENTRY_TEMPLATE = 'rotationGuard/{id}';

/** The SecretStorage key of one stage of a secret: the template with `{id}` filled in, then `/<stage>`. */
export function secretStorageKey(template: string | undefined, secretId: string, stage: Stage): string {
  return `${(template ?? DEFAULT_ENTRY_TEMPLATE).replaceAll('{id}', secretId)}/${stage}`;
}
