// Password and token hashes: scrypt from node:crypto (run on libuv's pool, off the event
// loop), in the string `npm run hash-password` prints and the config file holds:
//   scrypt$<N>$<r>$<p>$<salt, base64>$<hash, base64>
// Checked in constant time. A login for a name nobody has is checked against a dummy hash
// of the same cost, so the time taken does not tell which names exist.
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const scrypt = (password: string, salt: Buffer, keylen: number, opts: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => scryptCb(password, salt, keylen, opts, (e, key) => (e ? reject(e) : resolve(key))));

/** OWASP's scrypt minimum (N=2^17, r=8, p=1): 128 MiB and, on a 2-core machine, 0.6–0.8 s per check. */
export const DEFAULT_COST = { N: 1 << 17, r: 8, p: 1 };
const KEY_BYTES = 32;
const MAX_N = 1 << 20;

export interface ParsedHash {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  hash: Buffer;
}

export function parseHash(s: string): ParsedHash {
  const parts = s.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') throw new Error('not a hash from `npm run hash-password` (scrypt$N$r$p$salt$hash)');
  const [N, r, p] = parts.slice(1, 4).map(Number);
  if (!Number.isInteger(N) || N < 2 || N > MAX_N || (N & (N - 1)) !== 0) throw new Error('scrypt N must be a power of two up to 2^20');
  if (!Number.isInteger(r) || r < 1 || r > 32 || !Number.isInteger(p) || p < 1 || p > 16) throw new Error('scrypt r must be 1–32 and p 1–16');
  const salt = Buffer.from(parts[4], 'base64');
  const hash = Buffer.from(parts[5], 'base64');
  if (salt.length < 16 || hash.length < 16) throw new Error('the salt and the hash must be at least 16 bytes');
  return { N, r, p, salt, hash };
}

const maxmem = (N: number, r: number) => 128 * N * r * 2;

export async function hashPassword(password: string, cost = DEFAULT_COST): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(password, salt, KEY_BYTES, { N: cost.N, r: cost.r, p: cost.p, maxmem: maxmem(cost.N, cost.r) });
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/** Whether `password` matches `stored` (a hash string); false for a malformed one. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  let h: ParsedHash;
  try {
    h = parseHash(stored);
  } catch {
    return false;
  }
  const got = await scrypt(password, h.salt, h.hash.length, { N: h.N, r: h.r, p: h.p, maxmem: maxmem(h.N, h.r) });
  return timingSafeEqual(got, h.hash);
}

const dummies = new Map<string, Promise<string>>();
/** Spends what checking a real password costs (at the cost of `like`, a configured hash), for a name nobody has. */
export async function verifyNobody(password: string, like?: string): Promise<false> {
  let cost = DEFAULT_COST;
  try {
    if (like) cost = parseHash(like);
  } catch {
    // the default cost
  }
  const key = `${cost.N}/${cost.r}/${cost.p}`;
  let dummy = dummies.get(key);
  if (!dummy) dummies.set(key, (dummy = hashPassword('offsetscope-nobody', { N: cost.N, r: cost.r, p: cost.p })));
  await verifyPassword(password, await dummy);
  return false;
}
