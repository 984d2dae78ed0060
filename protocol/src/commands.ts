import { Commands, type CommandId } from './protocol';

/**
 * What a palette command does while the language server is not running (rust-analyzer's
 * `enabled` / `disabled` commands): `enabled` runs in the client alone (the rotation engine,
 * SecretStorage, the ledger on disk); `disabled` needs the server and says so instead of running.
 */
export type WhileServerDown = 'enabled' | 'disabled';

/** Every contributed command: what it does, and its behaviour while the server is down. The client registers from this table. */
export const COMMAND_TABLE: { readonly [K in CommandId]: { does: string; whileServerDown: WhileServerDown } } = {
  [Commands.scanWorkspace]: { does: 'scan every file of the workspace folders (the server\'s workspace scan, with progress)', whileServerDown: 'disabled' },
  [Commands.rotateNow]: { does: 'rotate a policy secret through the rotation engine in the editor (SecretStorage, password box, trust confirmation)', whileServerDown: 'enabled' },
  [Commands.resumeRotation]: { does: 'resume or roll back an interrupted rotation', whileServerDown: 'enabled' },
  [Commands.storeSecret]: { does: 'write a value as CURRENT to a secret\'s stores and record it in the ledger', whileServerDown: 'enabled' },
  [Commands.markCompromised]: { does: 'record in the ledger that a secret\'s current value is compromised, then offer to rotate it', whileServerDown: 'enabled' },
  [Commands.verifyLedger]: { does: 'check the ledger\'s hash chain and signatures (the server\'s check, as `rotation-guard ledger verify`)', whileServerDown: 'disabled' },
  [Commands.moveToStore]: { does: 'move a found value into a store through the policy (the server\'s quick fix)', whileServerDown: 'disabled' },
  [Commands.showOutput]: { does: 'show the Rotation Guard output channel', whileServerDown: 'enabled' },
  [Commands.restartServer]: { does: 'restart the language server', whileServerDown: 'enabled' },
  [Commands.refreshSecrets]: { does: 'refresh the Secrets view, the status bar and the server\'s diagnostics (the last known states while the server is down)', whileServerDown: 'enabled' },
  [Commands.openPolicy]: { does: 'open a policy file', whileServerDown: 'enabled' },
  [Commands.revealInPolicy]: { does: 'show a secret at its line in the policy', whileServerDown: 'enabled' },
  [Commands.showStatus]: { does: 'show the Rotation Status dashboard (the last known states while the server is down)', whileServerDown: 'enabled' },
  [Commands.scanGitHistory]: { does: 'scan the lines every commit added (the server\'s git-history scan, with progress)', whileServerDown: 'disabled' },
  [Commands.enforceNow]: { does: 'enforce the policy now: rotate what is due or exposed, record what needs a person (the server\'s enforce, with progress)', whileServerDown: 'disabled' },
  [Commands.createPolicy]: { does: 'write rotation-policy.yaml from the credentials the server\'s scan finds (with progress); an existing policy is opened, never overwritten', whileServerDown: 'disabled' },
  [Commands.installAssistantHooks]: { does: 'install the AI-assistant hooks that stop secrets on their way to an assistant (the server finds the assistants and runs its own CLI\'s `hooks install`)', whileServerDown: 'disabled' },
};
