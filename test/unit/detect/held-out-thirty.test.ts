import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { seededDraws, shownValues } from './shown';

// Value classes read on a thirtieth held-out set (self-hosted messaging and monitoring servers:
// Matrix and XMPP servers, uptime, observability and notification servers in Python, Go, Erlang,
// Rust, Java, C and TypeScript; 2026-12-07: docs/detection.md "Held-out set thirty"), each judged by
// the principle that rejects it, with synthetic lines of the same shape and, beside each, a value
// in the same place that must still be found.
const shown = shownValues;
const { key } = seededDraws('held-out-thirty');
/** A content digest of a text, cut to `n` hex characters, as a translation tool's state file keeps. */
const digest = (text: string, n = 16) => createHash('sha256').update(text).digest('hex').slice(0, n);
/** 32 lowercase hex characters drawn from a seeded key, as many providers' API keys are. */
const hex32 = () => createHash('md5').update(key()).digest('hex');

describe('held-out set thirty', () => {
  it('a column of same-length hex digests keyed by message names is content hashes; a token in it and a .env of hex keys are found', () => {
    const path = 'scripts/i18n/.state.json';
    const names = ['about_title', 'build_label', 'license_key', 'company', 'contact_email', 'contact_name', 'commit_label', 'website', 'yourPlan', 'trial_days',
      'subtitle', 'search', 'header', 'oldPassword', 'stream_name', 'stream_type', 'permissions'];
    const section = (ns: string[]) => ns.map((n, i) => `    "${n}": "${digest(n)}"${i < ns.length - 1 ? ',' : ''}`).join('\n');
    const map = `{\n  "about": {\n${section(names.slice(0, 10))}\n  },\n  "settings": {\n${section(names.slice(10))}\n  }\n}\n`;
    assert.deepEqual(shown(map, path), []);
    const k = key();
    const withToken = map.replace('"permissions": ', `"apiToken": "${k}",\n    "permissions": `);
    assert.deepEqual(shown(withToken, path), [k]);
    // Where every line is under a credential name (a .env of keys), each hex value stays found.
    const env = ['MAIL_API_KEY', 'SEARCH_API_KEY', 'MAPS_API_KEY', 'SMS_AUTH_TOKEN', 'PUSH_AUTH_TOKEN', 'CDN_SECRET_KEY', 'DB_PASSWORD', 'CACHE_PASSWORD']
      .map((n) => `${n}=${hex32()}`);
    assert.deepEqual(shown(env.join('\n') + '\n', 'deploy/.env'), env.map((l) => l.split('=')[1]));
  });

  it("Erlang's record field read and record or map update in code hold no value; a literal password is found", () => {
    const path = 'src/auth_ldap.erl';
    const code = [
      'init(Cfg) ->',
      '    Password = Cfg#ldap_config.password,',
      '    Token = R#access_token.token,',
      '    handler(State#state{auth = Auth#{ip => IP}}).',
      '',
    ].join('\n');
    assert.deepEqual(shown(code, path), []);
    const k = key();
    assert.deepEqual(shown(code.replace('Cfg#ldap_config.password', `"${k}"`), path), [k]);
  });

  it('an optional chain bound in a template (`:token="setup?.token"`) reads a property; a literal token attribute is found', () => {
    const path = 'web/src/views/Setup.vue';
    const tpl = `<template>\n  <AgentSetup :token="setupData?.token" />\n  <PatternCard :token="hoveredToken?.token ?? ''" />\n</template>\n`;
    assert.deepEqual(shown(tpl, path), []);
    const k = key();
    assert.deepEqual(shown(tpl.replace('</template>', `  <AgentSetup token="${k}" />\n</template>`), path), [k]);
  });
});
