// `npm run hash-password`: reads a password (or an API token) on standard input and prints
// the hash string to paste into the OFFSETSCOPE_CONFIG file's `auth` (passwordHash or
// tokenHash). The input is never echoed or logged; one trailing newline is dropped.
//   printf '%s' 'the password' | npm run -s hash-password
//   openssl rand -base64 32 | tee token.txt | npm run -s hash-password   # a token for a script
import { hashPassword } from '../server/auth/password';

async function main(): Promise<void> {
  if (process.stdin.isTTY) process.stderr.write('Type the password (or token), then Enter and Ctrl-D:\n');
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  const secret = Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
  if (secret.length === 0) {
    process.stderr.write('offsetscope: nothing was given on standard input\n');
    process.exit(1);
  }
  if (secret.length < 8) process.stderr.write('offsetscope: warning: fewer than 8 characters are easy to guess\n');
  process.stdout.write((await hashPassword(secret)) + '\n');
}

void main();
