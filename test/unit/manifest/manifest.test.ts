import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { Commands, CONFIG_SECTION } from '../../../protocol/src/protocol';
import { defaultSettings, resolveSettings, SETTING_KEYS, settingsFromReader, SettingsSchema } from '../../../protocol/src/settings';
import { isPolicyFileName, POLICY_FILE_EXTENSIONS, POLICY_FILE_GLOB } from '../../../core/policy/model/policy-file-names';
import picomatch from 'picomatch';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const props: Record<string, { default: unknown; enum?: string[] }> = pkg.contributes.configuration.properties;

function flatten(obj: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (v && typeof v === 'object' && !Array.isArray(v)) Object.assign(out, flatten(v as Record<string, unknown>, `${prefix}${k}.`));
    else out[`${prefix}${k}`] = v;
  }
  return out;
}

describe('package.json manifest agrees with the code', () => {
  it('contributes exactly the commands protocol.ts defines', () => {
    const contributed = (pkg.contributes.commands as Array<{ command: string }>).map((c) => c.command).sort();
    assert.deepEqual(contributed, Object.values(Commands).sort());
  });

  it('every contributed setting exists in the zod settings schema with the same default', () => {
    const flat = flatten(defaultSettings as unknown as Record<string, unknown>);
    const contributedKeys = Object.keys(props).map((k) => k.slice(CONFIG_SECTION.length + 1)).sort();
    assert.deepEqual(contributedKeys, Object.keys(flat).sort());
    for (const [key, spec] of Object.entries(props)) {
      assert.deepEqual(flat[key.slice(CONFIG_SECTION.length + 1)], spec.default, `default of ${key}`);
    }
  });

  it('enum settings offer the same values in both places', () => {
    const store = SettingsSchema.shape.quickFix.unwrap().shape.store.unwrap();
    assert.deepEqual([...props['rotationGuard.quickFix.store']!.enum!].sort(), [...store.options].sort());
  });

  it('invalid values fall back to defaults field by field, keeping the valid ones', () => {
    const s = resolveSettings({ enable: 'yes', maxFileSizeKB: 64, quickFix: { store: 'nowhere' } });
    assert.equal(s.enable, true);
    assert.equal(s.maxFileSizeKB, 64);
    assert.equal(s.quickFix.store, 'ask');
  });

  it('policy files are validated by the generated schema in YAML and JSON tooling', () => {
    const yamlMatch = pkg.contributes.yamlValidation[0];
    assert.equal(yamlMatch.url, './schemas/rotation-policy.schema.json');
    assert.ok(yamlMatch.fileMatch.includes('rotation-policy.yaml'));
    assert.ok(pkg.contributes.jsonValidation[0].fileMatch.includes('*.rotation.json'));
    assert.ok(pkg.activationEvents.includes('workspaceContains:**/rotation-policy.{yaml,yml,json}'));
  });

  it('the client reads every contributed setting and no other (keys derived from the schema)', () => {
    const contributedKeys = Object.keys(props).map((k) => k.slice(CONFIG_SECTION.length + 1)).sort();
    assert.deepEqual([...SETTING_KEYS].sort(), contributedKeys);
    const asked: string[] = [];
    const s = settingsFromReader((k) => (asked.push(k), k === 'quickFix.store' ? 'envFile' : k === 'maxFileSizeKB' ? 99 : undefined));
    assert.deepEqual(asked.sort(), contributedKeys);
    assert.equal(s.quickFix.store, 'envFile');
    assert.equal(s.maxFileSizeKB, 99);
    assert.equal(s.envFile.path, '.env.local');
  });

  it('the policy-file table agrees with the manifest and with itself', () => {
    const names = ['rotation-policy.yaml', 'rotation-policy.yml', 'rotation-policy.json', 'prod.rotation.yaml', 'a.rotation.json'];
    const glob = picomatch(POLICY_FILE_GLOB, { dot: true });
    for (const n of names) {
      assert.ok(isPolicyFileName(n), n);
      assert.ok(glob(`deep/dir/${n}`), `glob matches deep/dir/${n}`);
    }
    for (const n of ['rotation-policy.txt', 'policy.yaml', 'rotation.yaml']) assert.ok(!isPolicyFileName(n), n);
    const exts = `{${POLICY_FILE_EXTENSIONS.join(',')}}`;
    assert.ok(pkg.activationEvents.includes(`workspaceContains:**/rotation-policy.${exts}`));
    assert.ok(pkg.activationEvents.includes(`workspaceContains:**/*.rotation.${exts}`));
    const yamlNames = POLICY_FILE_EXTENSIONS.filter((e) => e !== 'json').flatMap((e) => [`rotation-policy.${e}`, `*.rotation.${e}`]).sort();
    assert.deepEqual([...pkg.contributes.yamlValidation[0].fileMatch].sort(), yamlNames);
    assert.deepEqual([...pkg.contributes.jsonValidation[0].fileMatch].sort(), ['*.rotation.json', 'rotation-policy.json']);
  });

  it('bundles are where the contract says', () => {
    assert.equal(pkg.main, './dist/client.js');
    assert.equal(pkg.bin['rotation-guard'], './dist/cli.js');
  });
});
