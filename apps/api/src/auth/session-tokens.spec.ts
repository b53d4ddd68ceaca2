import { SessionTokens } from './session-tokens';

const subject = {
  userId: '7d2c0b8e-5a4f-4c1e-9f0a-1b2c3d4e5f60',
  tenantId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  role: 'learner' as const,
};

describe('SessionTokens', () => {
  const tokens = new SessionTokens('k'.repeat(32), 3600);
  const now = new Date('2026-01-01T00:00:00Z');

  it('round-trips the subject until the token expires', () => {
    const { token, expiresAt } = tokens.issue(subject, now);
    expect(expiresAt).toEqual(new Date('2026-01-01T01:00:00Z'));
    expect(tokens.verify(token, now)).toMatchObject({
      uid: subject.userId,
      tid: subject.tenantId,
      role: 'learner',
    });
    expect(tokens.verify(token, new Date('2026-01-01T00:59:59Z'))).not.toBeNull();
    expect(tokens.verify(token, expiresAt)).toBeNull();
  });

  it('refuses a token signed with another secret or with a changed payload', () => {
    const { token } = tokens.issue(subject, now);
    expect(new SessionTokens('j'.repeat(32), 3600).verify(token, now)).toBeNull();
    const [payload, signature] = token.slice(4).split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, exp: claims.exp + 10_000 })).toString('base64url');
    expect(tokens.verify(`sls_${forged}.${signature}`, now)).toBeNull();
    expect(tokens.verify(`slk_${payload}.${signature}`, now)).toBeNull();
  });
});
