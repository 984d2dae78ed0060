import { strict as assert } from 'node:assert';
import { scanText } from '../../../core/detect';
import { randomChars } from '../../helpers/fake-keys';

// Values next to credential names that are not credentials: lists, ids, patterns, labels,
// computed strings. Each case is paired with a real value in the same position, still found.
describe('generic detector: values that are code, not credentials', () => {
  const codes = (text: string, path: string) => scanText(text, { path }).map((f) => f.ruleId);

  it('a list of quoted words is not `name, value`; a first call argument still is', () => {
    assert.deepEqual(codes('/** The store kind (`keychain`, `env-file`, `pass`, `secret-storage`). */\n', 'types.ts'), []);
    assert.deepEqual(codes("complete(text).sort(), ['api-key', 'connection-string', 'password', 'private-key', 'token']);\n", 'a.ts'), []);
    assert.deepEqual(codes("runToEnd('gdbus', ['call', '--dest', 'org.freedesktop.secrets', '--object-path', '/org']);\n", 'a.ts'), []);
    // (A digit first in the draw: a value of letters alone reads as a name about once in 600 draws of 16,
    // and a draw that starts like a provider's prefix, `AP` and a digit, is that provider's about once in 20,000.)
    assert.deepEqual(codes(`store.set("password", "7${randomChars(15)}");\n`, 'a.ts'), ['secret/hardcoded-password']);
  });

  it('command ids, diagnostic codes and regular expressions are names and patterns', () => {
    assert.deepEqual(codes("  storeSecret: 'rotationGuard.storeSecret',\n", 'protocol.ts'), []);
    assert.deepEqual(codes("  unknownSecret: 'policy/unknown-secret',\n", 'codes.ts'), []);
    assert.deepEqual(codes("[/mistral/, { envVar: 'MISTRAL_API_KEY', shape: /^[A-Za-z0-9]{32}$/ }],\n", 'names.ts'), []);
    assert.deepEqual(codes("kw('x', 'X key', undefined, ['secret_key'], 'sk_(?!live_|test_)[\\\\S]{29}', 3),\n", 'rules.ts'), []);
    assert.deepEqual(codes(`  storeSecret: '7${randomChars(23)}',\n`, 'protocol.ts'), ['secret/generic-api-key']);
  });

  it('a sentence or a label is not a value: the credential alphabet has no words of a language, but for a passphrase (issue #21)', () => {
    assert.deepEqual(codes(`'secret-storage': () => new Unreachable('secret-storage', "VS Code's SecretStorage can only be reached from inside VS Code"),\n`, 'a.ts'), []);
    // rotation-guard:allow detector input: a passphrase-shaped password this test expects to be found
    assert.deepEqual(codes('password = "value with quotes and spaces"\n', 'app.conf'), ['secret/hardcoded-password']);
    assert.deepEqual(codes('    password = "value with quotes and spaces",\n', 'app.ts'), [], 'in program source a phrase is a string');
    assert.deepEqual(codes("    confirmPassword: 'Mot de passe',\n    apiKey: 'CHIAVE API',\n    password: 'Passwort',\n", 'locales/fr.ts'), []);
    assert.deepEqual(codes("    secretKey: 'المفتاح السري',\n    password: 'Contraseña',\n", 'locales/ar.ts'), []);
  });

  it('a credential word inside a string does not take a value from outside it', () => {
    assert.deepEqual(codes("command: { title: 'Move secret to store', command: Commands.moveToStore, arguments: [args] },\n", 'a.ts'), []);
    // In prose a value must look generated: three character classes, or two with digits. (A plain
    // randomChars(28) lacks a digit 0.7% of the time, which made this line fail now and then.)
    const token = `${randomChars(10, 'abcdefghijkmnpqrstuvwxyz')}${randomChars(8, '23456789')}${randomChars(10, 'ABCDEFGHJKLMNPQRSTUVWXYZ')}`;
    assert.deepEqual(codes(`Use this credential for the tool: ${token}\n`, 'prompt.txt').length, 1);
  });

  it('template literals and structures are computed, not hardcoded', () => {
    assert.deepEqual(codes("readonly adminToken = `adm_${randomBytes(16).toString('hex')}`;\n", 'a.ts'), []);
    assert.deepEqual(codes('`{"policy","secrets":[{"id","state","lastRotated"}]}`\n', 'policy.md'), []);
    assert.deepEqual(codes(`readonly adminToken = \`adm_${randomChars(24)}\`;\n`, 'a.ts'), ['secret/generic-api-key']);
  });

  it('an escaped line break ends an unquoted value (a .env file inside a string)', () => {
    const v = randomChars(24);
    const text = `writeFileSync(p, 'OTHER_TOKEN=${v}\\nNEXT=1\\n');\n`;
    const found = scanText(text, { path: 'a.ts' });
    assert.equal(found.length, 1);
    assert.equal(text.slice(found[0]!.start, found[0]!.end), v);
  });

  it('settings about passwords are not passwords', () => {
    assert.deepEqual(codes("'-c', 'password_encryption=scram-sha-256',\n", 'postgres.ts'), []);
  });

  it('a value that runs past the closing quote of the string its name starts is other code', () => {
    assert.deepEqual(codes(`  'api_key: " repeated': () => 'api_key: "'.repeat(MiB / 10),\n`, 'bench.ts'), []);
    assert.deepEqual(codes(`  'password= repeated': () => 'password='.repeat(MiB / 9),\n`, 'bench.ts'), []);
    // Inside the literal it is still a value, and outside code the quote is just a character.
    assert.deepEqual(codes(`const cfg = 'api_key: "${randomChars(24)}"';\n`, 'a.ts'), ['secret/generic-api-key']);
    assert.deepEqual(codes(`note: 'api_key: "${randomChars(24)}" is the old value'\n`, 'notes.md'), ['secret/generic-api-key']);
  });

  it('a PostgreSQL SCRAM verifier is a hash of a password, not a password', () => {
    const verifier = `SCRAM-SHA-256$4096:${randomChars(24)}==$${randomChars(43)}=:${randomChars(43)}=`;
    assert.deepEqual(codes(`ALTER ROLE app PASSWORD '${verifier}';\n`, 'dump.sql'), []);
    assert.deepEqual(codes(`ALTER ROLE app PASSWORD '${randomChars(20)}';\n`, 'dump.sql'), ['secret/hardcoded-password']);
  });
});
