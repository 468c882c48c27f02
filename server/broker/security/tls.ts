// The TLS certificate of SSL and SASL_SSL listeners: the files given (--ssl-cert-file,
// --ssl-key-file), or else a CA and a server certificate made at first start under
// <data dir>/tls/ and kept for later starts. The server certificate names localhost,
// 127.0.0.1 and the listener hosts, because librdkafka checks the host name by default.
// @peculiar/x509 resolves its parts through tsyringe, which needs the Reflect metadata API.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import * as x509 from '@peculiar/x509';

export interface TlsMaterial {
  cert: string;
  key: string;
  /** The CA that signed `cert`, for clients (ssl.ca.location); null when files were given. */
  caFile: string | null;
}

const crypto = webcrypto as unknown as Crypto;
const ALG = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 };

async function keyPem(key: CryptoKey): Promise<string> {
  const der = Buffer.from(await crypto.subtle.exportKey('pkcs8', key));
  return `-----BEGIN PRIVATE KEY-----\n${der.toString('base64').replace(/(.{64})/g, '$1\n').trimEnd()}\n-----END PRIVATE KEY-----\n`;
}

async function generate(dir: string, hosts: string[]): Promise<void> {
  x509.cryptoProvider.set(crypto);
  const now = new Date(Date.now() - 60_000);
  const years = (n: number) => new Date(now.getTime() + n * 365 * 86_400_000);
  const caKeys = (await crypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    name: 'CN=offsetscope embedded broker CA',
    notBefore: now,
    notAfter: years(10),
    keys: caKeys,
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });
  const keys = (await crypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
  const names = [...new Set(['localhost', '127.0.0.1', ...hosts])].filter((h) => h !== '0.0.0.0' && h !== '::');
  const cert = await x509.X509CertificateGenerator.create({
    subject: 'CN=localhost',
    issuer: ca.subject,
    notBefore: now,
    notAfter: years(5),
    publicKey: keys.publicKey,
    signingKey: caKeys.privateKey,
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(names.map((h) => ({ type: net.isIP(h) ? ('ip' as const) : ('dns' as const), value: h }))),
      await x509.AuthorityKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.writeFileSync(path.join(dir, 'ca.pem'), ca.toString('pem') + '\n');
  fs.writeFileSync(path.join(dir, 'server.pem'), cert.toString('pem') + '\n');
  fs.writeFileSync(path.join(dir, 'server-key.pem'), await keyPem(keys.privateKey), { mode: 0o600 });
  // The CA key is not kept: nothing else is ever signed with it.
}

export async function tlsMaterial(opts: { certFile: string; keyFile: string; dataDir: string; hosts: string[] }, log: (m: string) => void): Promise<TlsMaterial> {
  if (opts.certFile || opts.keyFile) {
    if (!opts.certFile || !opts.keyFile) throw new Error('--ssl-cert-file and --ssl-key-file go together');
    return { cert: fs.readFileSync(opts.certFile, 'utf8'), key: fs.readFileSync(opts.keyFile, 'utf8'), caFile: null };
  }
  const dir = path.join(path.resolve(opts.dataDir), 'tls');
  const files = ['ca.pem', 'server.pem', 'server-key.pem'].map((f) => path.join(dir, f));
  if (!files.every((f) => fs.existsSync(f))) {
    await generate(dir, opts.hosts);
    log(`made a CA and a TLS certificate for ${['localhost', '127.0.0.1', ...opts.hosts].join(', ')} in ${dir}`);
  }
  log(`TLS: clients verify the broker with the CA in ${files[0]} (kcat -X ssl.ca.location=${files[0]})`);
  return { cert: fs.readFileSync(files[1], 'utf8'), key: fs.readFileSync(files[2], 'utf8'), caFile: files[0] };
}
