import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { ScryptOptions } from 'node:crypto';

/** scrypt's cost parameters, as stored beside each hash. */
interface ScryptParameters {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/**
 * What new hashes are made with: 32 MiB and tens of milliseconds each, affordable per login on
 * a small replica. Raising these makes {@link needsRehash} upgrade stored hashes at login.
 */
const CURRENT: ScryptParameters = { N: 2 ** 15, r: 8, p: 1 };
const SALT_BYTES = 16;
const HASH_BYTES = 32;
// Bounds for stored parameters, so a damaged or planted row cannot make one login take
// gigabytes of memory or minutes of CPU.
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;

interface StoredHash extends ScryptParameters {
  readonly salt: Buffer;
  readonly hash: Buffer;
}

/**
 * Hashes a password with scrypt and a random 16-byte salt, as
 * `scrypt$<N>$<r>$<p>$<salt>$<hash>` (salt and hash base64url): the parameters travel with the
 * hash, so they can be raised later without breaking existing passwords.
 */
export async function hashPassword(plain: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(plain, salt, HASH_BYTES, CURRENT);
  return format({ ...CURRENT, salt, hash });
}

/**
 * Whether `plain` is the password `stored` was made from, compared in constant time. Throws
 * when `stored` is not a hash made by {@link hashPassword}: a damaged row is a fault to
 * report, not a wrong password.
 */
export async function verifyPassword(plain: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (parsed === undefined) throw new TypeError('the stored password hash is not in scrypt format');
  const candidate = await derive(plain, parsed.salt, parsed.hash.length, parsed);
  return timingSafeEqual(candidate, parsed.hash);
}

/**
 * Whether `stored` was made with other parameters than new hashes are: after a successful
 * login, hash the password again and store the result.
 */
export function needsRehash(stored: string): boolean {
  const parsed = parse(stored);
  return (
    parsed === undefined ||
    parsed.N !== CURRENT.N ||
    parsed.r !== CURRENT.r ||
    parsed.p !== CURRENT.p ||
    parsed.salt.length !== SALT_BYTES ||
    parsed.hash.length !== HASH_BYTES
  );
}

function derive(
  plain: string,
  salt: Buffer,
  length: number,
  { N, r, p }: ScryptParameters,
): Promise<Buffer> {
  // scrypt needs 128·N·r bytes; Node's default cap (32 MiB) is exactly that for N=2^15, r=8,
  // and the cap must exceed it, so allow twice as much.
  const options: ScryptOptions = { N, r, p, maxmem: 2 * 128 * N * r };
  return new Promise((resolve, reject) => {
    // NFKC: the same password typed on another keyboard or OS must give the same bytes.
    scrypt(plain.normalize('NFKC'), salt, length, options, (error, key) => {
      if (error === null) resolve(key);
      else reject(error);
    });
  });
}

function format({ N, r, p, salt, hash }: StoredHash): string {
  return ['scrypt', N, r, p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

function parse(stored: string): StoredHash | undefined {
  const [scheme, n, r, p, salt, hash, extra] = stored.split('$');
  if (scheme !== 'scrypt' || salt === undefined || hash === undefined || extra !== undefined) {
    return undefined;
  }
  const N = integer(n);
  const R = integer(r);
  const P = integer(p);
  const validCost =
    N !== undefined &&
    N > 1 &&
    N <= MAX_N &&
    (N & (N - 1)) === 0 &&
    R !== undefined &&
    R >= 1 &&
    R <= MAX_R &&
    P !== undefined &&
    P >= 1 &&
    P <= MAX_P;
  const saltBytes = Buffer.from(salt, 'base64url');
  const hashBytes = Buffer.from(hash, 'base64url');
  if (!validCost || saltBytes.length < SALT_BYTES || hashBytes.length < 16) return undefined;
  return { N, r: R, p: P, salt: saltBytes, hash: hashBytes };
}

function integer(text: string | undefined): number | undefined {
  return text !== undefined && /^[1-9]\d{0,9}$/.test(text) ? Number(text) : undefined;
}
