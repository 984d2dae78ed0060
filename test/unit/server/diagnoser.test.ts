import { strict as assert } from 'node:assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { diagnoseDocument, problemKeys, type DiagnoseContext } from '../../../server/src/diagnoser';
import { defaultSettings } from '../../../protocol/src/settings';
import type { SecretDiagnosticData } from '../../../protocol/src/protocol';
import { fakeOpenAiKey } from '../../helpers/fake-keys';

// The one diagnosis (server/src/diagnoser.ts) without a connection, a scheduler or a server: what
// live validation, the workspace scan, the workspace pull and the scan worker share.
const context = (over: Partial<DiagnoseContext> = {}): DiagnoseContext => ({ knownSecrets: undefined, policyDiagnostics: () => undefined, referenceDiagnostics: () => [], log: () => undefined, ...over });
const doc = (text: string, name = 'system.prompt') => TextDocument.create(`file:///ws/${name}`, 'plaintext', 1, text);

describe('the pure diagnoser (server/src/diagnoser)', () => {
  it('finds a key in text, with the data the quick fix needs and never the value in the message', () => {
    const key = fakeOpenAiKey();
    const out = diagnoseDocument(doc(`OPENAI_API_KEY=${key}\n`, '.env'), defaultSettings, context(), () => false)!;
    assert.equal(out.length, 1);
    assert.equal(out[0]!.code, 'secret/openai-api-key');
    assert.ok(!out[0]!.message.includes(key));
    const data = out[0]!.data as SecretDiagnosticData;
    assert.equal(data.kind, 'secret');
    // The key is the value's incident key, so the same value under another rule counts once.
    assert.ok(data.incident && data.incident !== data.fingerprint);
    assert.deepEqual(problemKeys('file:///ws/.env', out), [`secret ${data.incident}`]);
  });

  it('answers nothing when disabled or excluded, and undefined when cancelled', () => {
    const text = `OPENAI_API_KEY=${fakeOpenAiKey()}\n`;
    assert.deepEqual(diagnoseDocument(doc(text, '.env'), { ...defaultSettings, enable: false }, context(), () => false), []);
    assert.deepEqual(diagnoseDocument(doc(text, 'gen/.env'), { ...defaultSettings, exclude: ['gen/**'] }, context(), () => false), []);
    assert.equal(diagnoseDocument(doc(text, '.env'), defaultSettings, context(), () => true), undefined);
  });

  it('a live verdict ranks the key first as an error; policy and reference checks are added after', () => {
    const text = `OPENAI_API_KEY=${fakeOpenAiKey()}\n`;
    const extra = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: 'from the reference check' };
    const out = diagnoseDocument(doc(text, '.env'), defaultSettings, context({ liveVerdict: () => 'live', referenceDiagnostics: () => [extra] }), () => false)!;
    assert.equal(out.length, 2);
    assert.match(out[0]!.message, /^LIVE: /);
    assert.equal(out[0]!.severity, 1);
    assert.equal(out[1]!.message, 'from the reference check');
  });

  it('a binary document gets one note and no scan; problemKeys leaves notes out', () => {
    const out = diagnoseDocument(doc('\u0000\u0001binary'), defaultSettings, context(), () => false)!;
    assert.equal(out.length, 1);
    assert.equal(out[0]!.code, 'file/binary');
    assert.deepEqual(problemKeys('file:///ws/system.prompt', out), []);
  });
});
