import type { ApiToken } from '@socklab/db';

/** An API token as listings show it: never the secret, only its first characters. */
export interface ApiTokenView {
  id: string;
  name: string;
  /** The token's first characters, to recognise it ("slk_AbC123"). */
  prefix: string;
  scopes: string[];
  userId: string;
  status: 'active' | 'expired' | 'revoked';
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  createdAt: Date;
}

/** A token just created: the only time its secret is shown. */
export interface CreatedApiToken extends ApiTokenView {
  token: string;
}

export function toApiTokenView(record: ApiToken, now: Date = new Date()): ApiTokenView {
  const status = record.revokedAt
    ? 'revoked'
    : record.expiresAt && record.expiresAt <= now
      ? 'expired'
      : 'active';
  return {
    id: record.id,
    name: record.name,
    prefix: record.prefix,
    scopes: record.scopes,
    userId: record.userId,
    status,
    expiresAt: record.expiresAt,
    revokedAt: record.revokedAt,
    lastUsedAt: record.lastUsedAt,
    createdAt: record.createdAt,
  };
}
