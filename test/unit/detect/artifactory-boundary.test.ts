import { strict as assert } from 'node:assert';
import { scanText } from '../../../core/detect';
import { rand, seededPick } from '../../helpers/fake-keys';

// `AP` and a hex digit start an Artifactory API key (detect-secrets' rule) and, by chance, one
// base64url value in about 16,000: our own ledger's fingerprints (`hk1:…`), signer keys
// (`ed25519:…`) and signatures tripped it in about one 50-entry ledger in 130 (3,000 random
// ledgers measured). The key starts a token; a label's colon or a dash inside base64url does not.
const ids = (text: string, path: string) => scanText(text, { path }).map((f) => f.ruleId);

describe('secret/artifactory-token (AP…): starts a token, not a label or base64url', () => {
  const pick = seededPick('artifactory-boundary');
  // a draw that the rule's own validation accepts (a digit after the prefix and a lower-case letter)
  const body = (n: number) => {
    let v: string;
    do v = rand(n, undefined, pick);
    while (!/\d/.test(v) || !/[a-z]/.test(v));
    return v;
  };

  it('inside ledger entries (labels ending in a digit, base64url after a dash) it is chance', () => {
    for (let i = 0; i < 20; i++) {
      const line = JSON.stringify({ newFingerprint: `hk1:AP3${body(24)}`, signer: `ed25519:AP7${body(40)}`, sig: `${body(6)}-AP9${body(30)}-${body(40)}` });
      assert.deepEqual(ids(`${line}\n`, '.rotation/ledger.jsonl'), [], line.slice(0, 40));
    }
  });

  // (after `curl -u` the curl rule reports it: the value is what matters)
  it('where a key is written it is found: after a user name\'s colon, `=`, a quote or a blank', () => {
    for (let i = 0; i < 20; i++) {
      const key = `AP6${body(30)}`;
      for (const [text, path] of [[`curl -u deployer:${key} https://repo.example.test/api\n`, 'deploy.sh'], [`ARTIFACTORY_API_KEY=${key}\n`, '.env'], [`{"apiKey":"${key}"}\n`, 'settings.json'], [`artifactory:\n  api_key: ${key}\n`, 'config.yaml']] as const)
        assert.ok(scanText(text, { path }).some((f) => text.slice(f.start, f.end) === key), `${path}: ${text.slice(0, 20)}`);
    }
  });
});
