import { randomUUID } from 'node:crypto';

/**
 * Secrets Manager's JSON 1.1 operations the store uses, with the staging-label rules AWS documents:
 * a label is on at most one version; moving AWSCURRENT moves AWSPREVIOUS to the version it left;
 * the first version of a secret gets AWSCURRENT whatever else it is given; a ClientRequestToken
 * that names an existing version with the same value does nothing, with another value it fails.
 * https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html
 * https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetSecretValue.html
 * https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_PutSecretValue.html
 * https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_UpdateSecretVersionStage.html
 * https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_DescribeSecret.html
 * https://docs.aws.amazon.com/secretsmanager/latest/apireference/CommonErrors.html
 */
interface Version {
  id: string;
  value: string;
  stages: Set<string>;
  created: number;
}

interface Secret {
  name: string;
  arn: string;
  versions: Map<string, Version>;
  tags: Array<{ Key: string; Value: string }>;
}

type Result = { status: number; body: unknown };
const err = (type: string, message: string, status = 400): Result => ({ status, body: { __type: type, message } });

export class SecretsManagerStandIn {
  readonly secrets = new Map<string, Secret>();

  /** The value under a label (for test assertions). */
  valueAt(name: string, label: string): string | undefined {
    return [...(this.secrets.get(name)?.versions.values() ?? [])].find((v) => v.stages.has(label))?.value;
  }

  labels(name: string): Record<string, string[]> {
    return Object.fromEntries([...(this.secrets.get(name)?.versions.values() ?? [])].map((v) => [v.id, [...v.stages].sort()]));
  }

  private find(id: unknown): Secret | undefined {
    if (typeof id !== 'string') return undefined;
    return this.secrets.get(id) ?? [...this.secrets.values()].find((s) => s.arn === id);
  }

  private holder(s: Secret, label: string): Version | undefined {
    return [...s.versions.values()].find((v) => v.stages.has(label));
  }

  /** Attaches `label` to `to`, taking it from whoever had it; AWSCURRENT drags AWSPREVIOUS along. */
  private attach(s: Secret, label: string, to: Version): void {
    const from = this.holder(s, label);
    if (from === to) return;
    from?.stages.delete(label);
    to.stages.add(label);
    if (label === 'AWSCURRENT' && from) {
      this.holder(s, 'AWSPREVIOUS')?.stages.delete('AWSPREVIOUS');
      from.stages.add('AWSPREVIOUS');
    }
  }

  handle(op: string, input: Record<string, unknown>): Result {
    switch (op) {
      case 'CreateSecret': {
        const name = String(input.Name ?? '');
        if (!/^[A-Za-z0-9/_+=.@-]{1,512}$/.test(name)) return err('InvalidParameterException', 'Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!');
        if (this.secrets.has(name)) return err('ResourceExistsException', `The operation failed because the secret ${name} already exists.`);
        const tags = Array.isArray(input.Tags) ? (input.Tags as Array<{ Key: string; Value: string }>).map((t) => ({ Key: String(t.Key), Value: String(t.Value) })) : [];
        const s: Secret = { name, arn: `arn:aws:secretsmanager:us-east-1:123456789012:secret:${name}-${randomUUID().slice(0, 6)}`, versions: new Map(), tags };
        this.secrets.set(name, s);
        if (typeof input.SecretString === 'string') {
          const id = typeof input.ClientRequestToken === 'string' ? input.ClientRequestToken : randomUUID();
          s.versions.set(id, { id, value: input.SecretString, stages: new Set(['AWSCURRENT']), created: Date.now() / 1000 });
          return { status: 200, body: { ARN: s.arn, Name: name, VersionId: id } };
        }
        return { status: 200, body: { ARN: s.arn, Name: name } };
      }
      case 'DescribeSecret': {
        const s = this.find(input.SecretId);
        if (!s) return err('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
        return { status: 200, body: { ARN: s.arn, Name: s.name, ...(s.tags.length ? { Tags: s.tags } : {}), VersionIdsToStages: Object.fromEntries([...s.versions.values()].filter((v) => v.stages.size).map((v) => [v.id, [...v.stages]])) } };
      }
      case 'GetSecretValue': {
        const s = this.find(input.SecretId);
        if (!s) return err('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
        const stage = typeof input.VersionStage === 'string' ? input.VersionStage : typeof input.VersionId === 'string' ? undefined : 'AWSCURRENT';
        const v = stage ? this.holder(s, stage) : s.versions.get(String(input.VersionId));
        if (!v) return err('ResourceNotFoundException', "Secrets Manager can't find the specified secret value for staging label: " + (stage ?? 'the version id'));
        return { status: 200, body: { ARN: s.arn, Name: s.name, VersionId: v.id, SecretString: v.value, VersionStages: [...v.stages], CreatedDate: v.created } };
      }
      case 'PutSecretValue': {
        const s = this.find(input.SecretId);
        if (!s) return err('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
        if (typeof input.SecretString !== 'string') return err('InvalidParameterException', 'You must provide either SecretString or SecretBinary.');
        const token = typeof input.ClientRequestToken === 'string' ? input.ClientRequestToken : randomUUID();
        if (token.length < 32 || token.length > 64) return err('InvalidParameterException', 'ClientRequestToken must be 32 to 64 characters.');
        const existing = s.versions.get(token);
        if (existing) {
          if (existing.value !== input.SecretString) return err('ResourceExistsException', 'You can’t modify an existing version, you can only create new versions.');
          return { status: 200, body: { ARN: s.arn, Name: s.name, VersionId: token, VersionStages: [...existing.stages] } };
        }
        const first = s.versions.size === 0;
        const v: Version = { id: token, value: input.SecretString, stages: new Set(), created: Date.now() / 1000 };
        s.versions.set(token, v);
        const labels = Array.isArray(input.VersionStages) ? input.VersionStages.map(String) : ['AWSCURRENT'];
        for (const l of labels) this.attach(s, l, v);
        if (first) v.stages.add('AWSCURRENT');
        return { status: 200, body: { ARN: s.arn, Name: s.name, VersionId: token, VersionStages: [...v.stages] } };
      }
      case 'UpdateSecretVersionStage': {
        const s = this.find(input.SecretId);
        if (!s) return err('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
        const label = String(input.VersionStage ?? '');
        const holder = this.holder(s, label);
        const remove = typeof input.RemoveFromVersionId === 'string' ? input.RemoveFromVersionId : undefined;
        const move = typeof input.MoveToVersionId === 'string' ? input.MoveToVersionId : undefined;
        // "If the staging label is already attached to a different version, you must include RemoveFromVersionId."
        if (holder && move && holder.id !== move && remove !== holder.id) return err('InvalidParameterException', `The staging label ${label} is currently attached to version ${holder.id}, but you have not specified it in RemoveFromVersionId.`);
        if (remove && (!holder || holder.id !== remove)) return err('InvalidParameterException', `The staging label ${label} is not attached to version ${remove}.`);
        if (!move) {
          // Not spelled out in the reference; modelled conservatively (a secret always has a current
          // version), and the store never asks for it.
          if (label === 'AWSCURRENT') return err('InvalidParameterException', 'The staging label AWSCURRENT can only be moved to another version.');
          holder?.stages.delete(label);
          return { status: 200, body: { ARN: s.arn, Name: s.name } };
        }
        const to = s.versions.get(move);
        if (!to) return err('ResourceNotFoundException', `Secrets Manager can't find the version ${move}.`);
        this.attach(s, label, to);
        return { status: 200, body: { ARN: s.arn, Name: s.name } };
      }
      default:
        return err('UnknownOperationException', `Unknown operation ${op}`);
    }
  }
}
