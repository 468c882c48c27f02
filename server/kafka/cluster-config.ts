// The clusters the dashboard serves, from the file OFFSETSCOPE_CONFIG names (JSON):
//   {"clusters": [{"id": "prod", "name": "Production", "bootstrap": "b1:9093,b2:9093",
//     "default": true, "readOnly": true,
//     "sasl": {"mechanism": "scram-sha-512", "username": "dash", "passwordEnv": "PROD_KAFKA_PASSWORD"},
//     "tls": {"caFile": "/etc/kafka/ca.pem", "verify": true}}]}
// Secrets may be written inline, or come from an environment variable (`…Env`) or a file
// (`…File`). They are resolved here once and never leave the server: nothing in this
// module's output reaches a response, a page or a log line except the cluster's id, name,
// bootstrap list and the user name.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { SaslOptions, TlsOptions } from './connection/wire-connection';

const Sasl = z
  .object({
    mechanism: z.enum(['plain', 'scram-sha-256', 'scram-sha-512']),
    username: z.string().min(1),
    password: z.string().optional(),
    passwordEnv: z.string().optional(),
    passwordFile: z.string().optional(),
  })
  .strict();

const Tls = z
  .object({
    ca: z.string().optional(),
    caFile: z.string().optional(),
    cert: z.string().optional(),
    certFile: z.string().optional(),
    key: z.string().optional(),
    keyFile: z.string().optional(),
    keyEnv: z.string().optional(),
    verify: z.boolean().default(true),
  })
  .strict();

const ClusterEntry = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'ids are lowercase letters, digits, - and _ (they go in URLs)'),
    name: z.string().min(1).max(100).optional(),
    bootstrap: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
    default: z.boolean().optional(),
    readOnly: z.boolean().optional(),
    sasl: Sasl.optional(),
    /** true = TLS with the system's CAs. */
    tls: z.union([z.literal(true), Tls]).optional(),
  })
  .strict();

/** `auth` is read by server/auth/config.ts; without `clusters` the cluster is KAFKA_BROKERS or the embedded broker. */
const ConfigFile = z
  .object({ clusters: z.array(ClusterEntry).min(1).optional(), auth: z.unknown().optional() })
  .strict()
  .refine((c) => c.clusters !== undefined || c.auth !== undefined, { message: 'give clusters, auth or both' });

/** The config file as JSON; errors name the file, never its contents. */
export function readConfigFile(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`config ${file}: ${e instanceof SyntaxError ? `not valid JSON (${e.message})` : `cannot read it (${(e as NodeJS.ErrnoException).code ?? 'error'})`}`);
  }
}

export interface ClusterSettings {
  id: string;
  name: string;
  bootstrap: string[];
  isDefault: boolean;
  readOnly: boolean;
  tls?: TlsOptions;
  sasl?: SaslOptions;
}

export function brokerList(list: string | string[]): string[] {
  return (Array.isArray(list) ? list : list.split(','))
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => (/:\d+$/.test(s) ? s : `${s}:9092`));
}

function readSecret(what: string, inline: string | undefined, env: string | undefined, file: string | undefined, base: string): string | undefined {
  const given = [inline, env, file].filter((x) => x !== undefined).length;
  if (given === 0) return undefined;
  if (given > 1) throw new Error(`${what}: give one of the value, an environment variable or a file, not several`);
  if (env !== undefined) {
    const v = process.env[env];
    if (v === undefined) throw new Error(`${what}: the environment variable ${env} is not set`);
    return v;
  }
  if (file !== undefined) {
    try {
      return fs.readFileSync(path.resolve(base, file), 'utf8').replace(/\r?\n$/, '');
    } catch (e) {
      throw new Error(`${what}: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  return inline;
}

/**
 * Parses and resolves a config file's clusters; errors name the cluster and the field,
 * never a secret. Empty when the file has none (only `auth`).
 */
export function loadClusterConfig(file: string): ClusterSettings[] {
  const raw = readConfigFile(file);
  const parsed = ConfigFile.safeParse(raw);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new Error(`cluster config ${file}: ${i.path.join('.') || '(top)'}: ${i.message}`);
  }
  const base = path.dirname(path.resolve(file));
  const seen = new Set<string>();
  if (!parsed.data.clusters) return [];
  const clusters = parsed.data.clusters.map((c): ClusterSettings => {
    if (seen.has(c.id)) throw new Error(`cluster config ${file}: the id '${c.id}' is used twice`);
    seen.add(c.id);
    const where = `cluster '${c.id}'`;
    let sasl: SaslOptions | undefined;
    if (c.sasl) {
      const password = readSecret(`${where} sasl password`, c.sasl.password, c.sasl.passwordEnv, c.sasl.passwordFile, base);
      if (password === undefined) throw new Error(`${where}: sasl needs password, passwordEnv or passwordFile`);
      sasl = { mechanism: c.sasl.mechanism, username: c.sasl.username, password };
    }
    let tls: TlsOptions | undefined;
    if (c.tls === true) tls = { verify: true };
    else if (c.tls) {
      tls = {
        ca: readSecret(`${where} tls ca`, c.tls.ca, undefined, c.tls.caFile, base),
        cert: readSecret(`${where} tls cert`, c.tls.cert, undefined, c.tls.certFile, base),
        key: readSecret(`${where} tls key`, c.tls.key, c.tls.keyEnv, c.tls.keyFile, base),
        verify: c.tls.verify,
      };
    }
    return { id: c.id, name: c.name ?? c.id, bootstrap: brokerList(c.bootstrap), isDefault: c.default === true, readOnly: c.readOnly === true, tls, sasl };
  });
  const defaults = clusters.filter((c) => c.isDefault);
  if (defaults.length > 1) throw new Error(`cluster config ${file}: only one cluster may be the default (${defaults.map((c) => c.id).join(', ')} are)`);
  if (defaults.length === 0) clusters[0].isDefault = true;
  return clusters;
}
