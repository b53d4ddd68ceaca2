import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Role } from './principal';

/** Recognisable prefix, like `slk_` for API tokens. */
export const SESSION_TOKEN_PREFIX = 'sls_';

const ClaimsSchema = z.object({
  v: z.literal(1),
  uid: z.uuid(),
  tid: z.uuid(),
  role: z.enum(['owner', 'instructor', 'learner']),
  /** Issued at / expires at, seconds since the epoch. */
  iat: z.int(),
  exp: z.int(),
});
export type SessionClaims = z.infer<typeof ClaimsSchema>;

/**
 * Stateless session tokens: `sls_<base64url(claims JSON)>.<base64url(HMAC-SHA256)>`.
 * Nothing is stored; a token is valid while its signature checks out and `exp` is in the
 * future. The role inside is informational: the guard re-reads the membership, so
 * removing a member ends their sessions at once.
 */
export class SessionTokens {
  constructor(
    private readonly secret: string,
    private readonly ttlSeconds: number,
  ) {}

  issue(
    subject: { userId: string; tenantId: string; role: Role },
    now: Date = new Date(),
  ): { token: string; expiresAt: Date } {
    const iat = Math.floor(now.getTime() / 1000);
    const claims: SessionClaims = {
      v: 1,
      uid: subject.userId,
      tid: subject.tenantId,
      role: subject.role,
      iat,
      exp: iat + this.ttlSeconds,
    };
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return {
      token: `${SESSION_TOKEN_PREFIX}${payload}.${this.sign(payload)}`,
      expiresAt: new Date(claims.exp * 1000),
    };
  }

  /** The claims of a genuine, unexpired token; null for anything else. */
  verify(token: string, now: Date = new Date()): SessionClaims | null {
    if (!token.startsWith(SESSION_TOKEN_PREFIX)) return null;
    const [payload, signature, extra] = token.slice(SESSION_TOKEN_PREFIX.length).split('.');
    if (!payload || !signature || extra !== undefined) return null;
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    let decoded: unknown;
    try {
      decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return null;
    }
    const claims = ClaimsSchema.safeParse(decoded);
    if (!claims.success || claims.data.exp <= Math.floor(now.getTime() / 1000)) return null;
    return claims.data;
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.secret).update(payload).digest('base64url');
  }
}
