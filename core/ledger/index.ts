/** The rotation ledger: append-only, hash-chained JSON lines, never values. */
export { ROTATION_LOOP_STEPS, type LedgerEntry, type RotationStep, type Outcome } from './types';
export { readLedger, parseLedger, ledgerPathFor, type LedgerRead } from './read';
export { appendLedgerEntry, currentUser, type LedgerEntryInput } from './append';
export { verifyLedger, verifyLedgerText, type LedgerVerification } from './verify';
export { canonicalJson, entryHash, GENESIS } from './canonical';
export { withFileLock, LockTimeoutError } from './lock';
export { anchorPathFor, readAnchor, writeAnchor, checkAnchor, describeAnchorCheck, anchorOk, type LedgerAnchor, type AnchorCheck } from './anchor';
export { knownValuesFromLedger, type KnownValueFingerprints } from './known-values';
