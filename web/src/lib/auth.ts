/**
 * Sign-in with Keycloak through oidc-client-ts: authorization code + PKCE
 * (the library's default for response_type=code), tokens renewed with the
 * refresh token before they expire, and sign-out through Keycloak's
 * end-session endpoint (oidc-client-ts sends id_token_hint from the stored user).
 */
import { useMemo } from 'react';
import { useAuth } from 'react-oidc-context';
import { UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';
import { jwtDecode } from 'jwt-decode';
import { config } from './config';
import type { TokenSource } from './api-client';

export function createUserManager(): UserManager {
  const origin = window.location.origin;
  return new UserManager({
    authority: config.oidcAuthority,
    client_id: config.oidcClientId,
    redirect_uri: `${origin}/`,
    post_logout_redirect_uri: `${origin}/`,
    response_type: 'code',
    scope: 'openid profile email',
    automaticSilentRenew: true,
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
  });
}

export function tokenSourceFor(userManager: UserManager): TokenSource {
  const renew = async () => (await userManager.signinSilent())?.access_token;
  return {
    async getAccessToken() {
      const user = await userManager.getUser();
      if (!user) return undefined;
      if (user.expired) return renew().catch(() => undefined);
      return user.access_token;
    },
    renewAccessToken: renew,
  };
}

/** Where to go after the sign-in redirect comes back (kept in the OIDC state). */
export type SignInState = { returnTo?: string };

export type Session = {
  displayName: string;
  username: string;
  roles: string[];
  isAdmin: boolean;
  /** The user's Keycloak `locale` (the account's language), when the realm sends one. */
  locale?: string;
};

type AccessTokenClaims = { realm_access?: { roles?: string[] }; preferred_username?: string };

export function sessionFromUser(user: User): Session {
  let claims: AccessTokenClaims = {};
  try {
    claims = jwtDecode<AccessTokenClaims>(user.access_token);
  } catch {
    // An opaque or malformed access token carries no roles; the services decide anyway.
  }
  const roles = claims.realm_access?.roles ?? [];
  const profile = user.profile;
  const username = profile.preferred_username ?? claims.preferred_username ?? profile.sub;
  const displayName =
    profile.name ?? ([profile.given_name, profile.family_name].filter(Boolean).join(' ') || username);
  const locale = typeof profile.locale === 'string' ? profile.locale : undefined;
  return { displayName, username, roles, isAdmin: roles.includes('admin'), locale };
}

/** The signed-in user, or null. Roles come from the access token's `realm_access.roles`. */
export function useSession(): Session | null {
  const { user } = useAuth();
  return useMemo(() => (user ? sessionFromUser(user) : null), [user]);
}
