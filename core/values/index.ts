/**
 * How a secret value is shown or identified without revealing it: the masked preview
 * (`sk-p…Xy`, the only way a value is ever shown), the keyed fingerprint (HMAC under a per-user
 * key kept outside the repository) and the public fingerprint for high-entropy values.
 */
export { mask } from './mask';
export { keyedFingerprint, publicFingerprint } from './fingerprint';
export { fingerprintKeyPath, loadFingerprintKey } from './fingerprint-key';
