import { Injectable } from '@nestjs/common';
import { AuthService } from '../auth/auth.service';
import type { Principal } from '../auth/principal';
import { assertScopes, type ApiScope } from '../auth/scopes';
import { AppError } from '../errors/app-error';
import { credentialOf, type HandshakeLike } from './socket-credential';

/** What watching runs takes: the same scope as reading them over REST. */
const LIVE_SCOPES: readonly ApiScope[] = ['runs:read'];

/**
 * Authenticates live connections with the REST API's credentials and rules: at the
 * handshake, and again on every subscribe (so a revoked token, an expired session or a
 * removed member stops at the next subscribe, and role changes apply at once).
 */
@Injectable()
export class LiveAuthenticator {
  constructor(private readonly auth: AuthService) {}

  /** @returns the handshake's credential, once it proved valid with the needed scope. */
  async admit(handshake: HandshakeLike): Promise<string> {
    const credential = credentialOf(handshake);
    if (!credential) {
      throw AppError.unauthenticated(
        'auth/unauthenticated',
        'Connect with { auth: { token } } (a session or an API token) or an "Authorization: Bearer" header.',
      );
    }
    await this.recheck(credential);
    return credential;
  }

  async recheck(credential: string): Promise<Principal> {
    const principal = await this.auth.authenticate(credential);
    if (!principal) {
      throw AppError.unauthenticated(
        'auth/invalid-token',
        'The token is unknown, expired or revoked; log in again or use another token.',
      );
    }
    assertScopes(principal.scopes, LIVE_SCOPES);
    return principal;
  }
}
