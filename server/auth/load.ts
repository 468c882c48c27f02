// Whether login is configured, and how: the `auth` value of the OFFSETSCOPE_CONFIG file.
import path from 'node:path';
import { readConfigFile } from '../kafka/cluster-config';
import { authSettings, type AuthSettings } from './config';

/** The login settings, or null when the dashboard serves without a login. Throws with a clear message on a bad file. */
export function authFromEnv(env: NodeJS.ProcessEnv = process.env): AuthSettings | null {
  const file = env.OFFSETSCOPE_CONFIG?.trim();
  if (!file) return null;
  const raw = readConfigFile(file) as { auth?: unknown };
  if (raw === null || typeof raw !== 'object' || raw.auth === undefined) return null;
  return authSettings(raw.auth, path.dirname(path.resolve(file)));
}
