import { describe, expect, it } from 'vitest';
import { User } from 'oidc-client-ts';
import { sessionFromUser } from './auth';

const encode = (value: object) => btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
const accessToken = (claims: object) => `${encode({ alg: 'none' })}.${encode(claims)}.`;

const user = (roles: string[], profile: Record<string, string> = {}) =>
  new User({
    access_token: accessToken({ realm_access: { roles }, preferred_username: 'ada' }),
    token_type: 'Bearer',
    profile: { sub: 'u1', iss: 'http://kc', aud: 'shop-web', exp: 0, iat: 0, preferred_username: 'ada', ...profile },
  });

describe('sessionFromUser', () => {
  it('reads the realm roles from the access token', () => {
    expect(sessionFromUser(user(['admin', 'customer'], { given_name: 'Ada', family_name: 'Admin' }))).toEqual({
      displayName: 'Ada Admin',
      username: 'ada',
      roles: ['admin', 'customer'],
      isAdmin: true,
    });
  });

  it('a customer is no admin, and the name falls back to the username', () => {
    const session = sessionFromUser(user(['customer']));
    expect(session.isAdmin).toBe(false);
    expect(session.displayName).toBe('ada');
  });
});
