import * as vscode from 'vscode';
import { Commands } from '../../protocol/src/protocol';
import type { Ctx } from './ctx';

// Rotation commands run the core engine in the extension host (it needs SecretStorage, which only
// the client can reach). Wired to the engine's API in core/rotation.
export function rotationCommands(ctx: Ctx, _refresh: () => void): Record<string, (...args: never[]) => unknown> {
  const unavailable = (what: string) => () => {
    ctx.log.warn(`${what}: the rotation engine is not part of this build yet`);
    void vscode.window.showWarningMessage(`Rotation Guard: ${what} is not available in this build yet.`);
  };
  return {
    [Commands.rotateNow]: unavailable('Rotate Secret Now'),
    [Commands.resumeRotation]: unavailable('Resume Interrupted Rotation'),
    [Commands.storeSecret]: unavailable('Store a Secret'),
    [Commands.markCompromised]: unavailable('Mark Secret as Compromised'),
  };
}
