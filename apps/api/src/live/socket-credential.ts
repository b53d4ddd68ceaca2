/**
 * The bearer credential a socket.io client presents in its handshake: `auth.token`
 * (browsers: `io(url, { auth: { token } })`), or an `Authorization: Bearer` header
 * (Node clients, `extraHeaders`). Never a query parameter: URLs end up in logs.
 */
export interface HandshakeLike {
  auth?: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
}

export function credentialOf(handshake: HandshakeLike): string | null {
  const fromAuth = handshake.auth?.['token'];
  if (typeof fromAuth === 'string' && fromAuth.trim() !== '') return fromAuth.trim();
  const header = handshake.headers['authorization'];
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header.trim()) : null;
  return match ? match[1] : null;
}
