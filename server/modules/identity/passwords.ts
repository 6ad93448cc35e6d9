import crypto from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { passwordProblem } from './policy.js';

/**
 * Password hashing with argon2id (the library's default algorithm) at the
 * OWASP minimum cost: 19 MiB, 2 passes, 1 lane.
 */
const ARGON2_OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    // A malformed stored hash must not become a 500 or a success.
    return false;
  }
}

let dummyHash: Promise<string> | null = null;

/**
 * Spends the same time as a real check, so an unknown account cannot be told
 * apart from a wrong password by how long the answer takes.
 */
export async function verifyAgainstNothing(password: string): Promise<void> {
  dummyHash ??= hashPassword(crypto.randomBytes(16).toString('base64url'));
  await verifyPassword(await dummyHash, password);
}

const LOWER = 'abcdefghijkmnpqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
const SYMBOLS = '@#%+=?!';

/** A random password that passes the strength rules (for `admin create` without --password). */
export function generatePassword(length = 16): string {
  const all = LOWER + UPPER + DIGITS + SYMBOLS;
  const pick = (set: string) => set[crypto.randomInt(set.length)]!;
  for (;;) {
    const chars = [pick(LOWER), pick(UPPER), pick(DIGITS), pick(SYMBOLS)];
    while (chars.length < length) chars.push(pick(all));
    // Fisher–Yates, so the guaranteed classes are not always first.
    for (let i = chars.length - 1; i > 0; i--) {
      const j = crypto.randomInt(i + 1);
      [chars[i], chars[j]] = [chars[j]!, chars[i]!];
    }
    const password = chars.join('');
    if (passwordProblem(password, {}) === null) return password;
  }
}
