import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { randomChars, seededPick } from '../../helpers/fake-keys';
import { shownValues } from './shown';

// Names joined by `.`, `/` or `:` (`rotationGuard.storeSecret`, `org.freedesktop.secrets`) are names
// when each is written in a naming style; letters drawn at random mix cases inside a name. Found by a
// held-out test's random draw: base64 of 24 drawn bytes with no digit and a `/` (about once in 400
// draws) was taken for two names and dropped.
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const path = 'charts/app/values.yaml';

describe('dotted names against letters drawn at random', () => {
  it('names in a naming style are not reported; the same place with drawn letters is', () => {
    for (const v of ['rotationGuard.storeSecret', 'org.freedesktop.secrets', 'selfservice.methods.password.config.password_profile', 'Auth/Token', 'API_KEYS:PROD', 'DBConfig.MySQLConfig.Password', 'netbox.authentication.LDAPBackend', 'accessKeyID/credScope']) {
      assert.deepEqual(shownValues(`api_key: ${v}\n`, path), [], v);
    }
  });

  it('base64 of drawn bytes without a digit, one `/` inside, is found (fast-check, seeded draws)', () => {
    const pick = seededPick('dotted-names');
    fc.assert(
      fc.property(fc.integer({ min: 8, max: 24 }), (at) => {
        const v = `${randomChars(at, LETTERS, pick)}/${randomChars(31 - at, LETTERS, pick)}`;
        assert.deepEqual(shownValues(`api_key: ${v}\n`, path), [v]);
      }),
      { numRuns: 300 },
    );
  });
});
