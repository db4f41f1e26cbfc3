import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * CSRF protection for every page form: the "signed double-submit cookie" pattern (OWASP CSRF Prevention Cheat
 * Sheet). The token is HMAC-SHA256(secret, binding), where the binding is the session id when someone is signed in,
 * or else a random value in the `kotak_csrf` cookie (so the sign-in form itself is protected against login CSRF).
 * A cross-site page can make the browser send the cookie but cannot read it, so it cannot compute the token, and a
 * token stolen from one session is useless in another.
 */
export const CSRF_COOKIE = 'kotak_csrf';
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

const DOMAIN_SEPARATOR = 'kotak-csrf-v1\0';

/** A fresh random value for the anonymous binding cookie. */
export function newCsrfBinding(): string {
  return randomBytes(18).toString('base64url');
}

/** @example csrfToken(secret, session.id) // 'dGhp…' (43 chars of base64url) */
export function csrfToken(secret: Uint8Array, binding: string): string {
  return createHmac('sha256', secret).update(DOMAIN_SEPARATOR + binding).digest('base64url');
}

/** Constant-time check of a submitted token against the binding. */
export function verifyCsrfToken(secret: Uint8Array, binding: string | undefined, token: unknown): boolean {
  if (!binding || typeof token !== 'string' || token.length === 0 || token.length > 128) return false;
  const expected = Buffer.from(csrfToken(secret, binding));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
