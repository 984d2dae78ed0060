/** The rotation ledger: append-only, hash-chained, signed JSON lines, never values. */
export { ROTATION_LOOP_STEPS, type LedgerEntry, type RotationStep, type Outcome } from './types';
export { readLedger, parseLedger, ledgerPathFor, type LedgerRead } from './read';
export { appendLedgerEntry, currentUser, type LedgerEntryInput } from './append';
export { verifyLedger, verifyLedgerText, type LedgerVerification, type SignatureSummary } from './verify';
export { canonicalJson, entryHash, GENESIS } from './canonical';
export { anchorPathFor, readAnchor, writeAnchor, checkAnchor, checkLedgerAnchor, describeAnchorCheck, anchorOk, ledgerIdentity, type LedgerAnchor, type AnchorCheck } from './anchor';
export { knownValuesFromLedger, type KnownValueFingerprints } from './known-values';
export { loadSigningKey, existingSigningKey, signingKeyPath, signHash, verifyHashSignature, shortKey, PUBLIC_KEY_PATTERN, type SigningKey } from './sign-keys';
export { classifySignatures, trustedLedgerEntries, describeRejected, describeSignature, type LedgerWriter, type SignatureStatus, type RejectedEntry } from './sign-verify';
export { compromiseEntry, storeEntry } from './entries';
export { addLedgerWriter } from './sign-writers';
export { LEDGER_MAX_BYTES } from './read';
export { trustedPolicyLedger, ledgerWritersIn, type TrustedLedger, type TrustedLedgerOptions } from './trusted';
