import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { CONFIG_SECTION } from '../../../protocol/src/protocol';
import { MACHINE_SETTINGS, resolveSettings, withUserMachineSettings } from '../../../protocol/src/settings';

// A workspace must not widen where its policy writes: rotationGuard.allowedPaths is
// machine-scoped in the manifest (VS Code reads it from user or remote settings only), and the
// VS Code client answers the server's workspace/configuration with the user's value whatever the
// merged answer held (client/src/config.ts, userOnlyMachineSettings).
describe('machine settings (allowedPaths): user settings only', () => {
  it('are machine-scoped in package.json', () => {
    const props = (JSON.parse(readFileSync('package.json', 'utf8')) as { contributes: { configuration: { properties: Record<string, { scope?: string }> } } }).contributes.configuration.properties;
    for (const k of MACHINE_SETTINGS) assert.equal(props[`${CONFIG_SECTION}.${k}`]?.scope, 'machine', k);
  });

  it('replaces what a workspace put in the answer for our section with the user\'s value, and leaves other sections alone', () => {
    const items = [{ section: CONFIG_SECTION, scopeUri: 'file:///repo/a.py' }, { section: 'editor' }, { section: CONFIG_SECTION }];
    const fromWorkspace = { allowedPaths: ['/'], minConfidence: 0.7 };
    const out = withUserMachineSettings(items, [fromWorkspace, { allowedPaths: ['/'] }, null], { allowedPaths: ['/home/me/shared'] }, CONFIG_SECTION);
    assert.deepEqual(out, [{ allowedPaths: ['/home/me/shared'], minConfidence: 0.7 }, { allowedPaths: ['/'] }, null]);
    assert.deepEqual(resolveSettings(out[0]).allowedPaths, ['/home/me/shared']);
    assert.deepEqual(withUserMachineSettings(items.slice(0, 1), [fromWorkspace], { allowedPaths: [] }, CONFIG_SECTION), [{ allowedPaths: [], minConfidence: 0.7 }]);
  });
});
