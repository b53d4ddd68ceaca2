import { MemoryStorage } from '../testing/memory-storage';
import { clearSession, readSession, writeSession } from './stored-session';

const login = {
  token: 'tok',
  tokenType: 'Bearer' as const,
  expiresAt: '2030-01-01T00:00:00.000Z',
  user: { id: 'u', email: 'a@b.c', displayName: 'A' },
  tenant: { id: 't', slug: 'uni', name: 'Uni' },
  role: 'learner' as const,
};

describe('stored session', () => {
  it('reads back what was written, without the token type', () => {
    const storage = new MemoryStorage();
    writeSession(storage, login);
    expect(readSession(storage, new Date('2029-01-01'))).toEqual({
      token: 'tok',
      expiresAt: login.expiresAt,
      user: login.user,
      tenant: login.tenant,
      role: 'learner',
    });
  });

  it('drops an expired, malformed or cleared session', () => {
    const storage = new MemoryStorage();
    writeSession(storage, login);
    expect(readSession(storage, new Date('2031-01-01'))).toBeNull();
    expect(storage.length).toBe(0);
    storage.setItem('socklab.session', '{"token":1}');
    expect(readSession(storage)).toBeNull();
    storage.setItem('socklab.session', 'not json');
    expect(readSession(storage)).toBeNull();
    writeSession(storage, login);
    clearSession(storage);
    expect(readSession(storage, new Date('2029-01-01'))).toBeNull();
  });
});
