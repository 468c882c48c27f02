// Every applied offset reset, kept under the data dir: when, which group, who asked from
// where, the plan and each partition's offset before. One JSON line per reset in one file
// per group, so the group page can list them and undo the last one after a restart. The
// file is named by a hash of the group id (group ids may be any length and hold any
// character; a name must stay under 255 bytes); each line keeps the id itself.
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ResetAudit } from '../../../lib/contract/reset';
import type { Cluster } from '../cluster';

const KEEP = 200; // per group, newest kept

/** 128 bits of SHA-256: a fixed 38-byte name whatever the id. */
function fileOf(cluster: Cluster, groupId: string): string {
  return path.join(cluster.dataDir('resets'), `${createHash('sha256').update(groupId).digest('hex').slice(0, 32)}.jsonl`);
}

/** Where records written before the hashed names live (the id in hex): still read. */
function legacyFileOf(cluster: Cluster, groupId: string): string | null {
  const hex = Buffer.from(groupId).toString('hex');
  return hex.length <= 240 ? path.join(cluster.dataDir('resets'), `${hex}.jsonl`) : null;
}

export function recordReset(cluster: Cluster, entry: Omit<ResetAudit, 'id' | 'at'>): ResetAudit {
  const full: ResetAudit = { id: `${Date.now().toString(36)}-${randomUUID().slice(0, 8)}`, at: Date.now(), ...entry };
  const file = fileOf(cluster, entry.groupId);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.appendFileSync(file, JSON.stringify(full) + '\n');
  return full;
}

function readLines(file: string | null): string[] {
  if (!file) return [];
  try {
    return fs.readFileSync(file, 'utf8').split('\n');
  } catch {
    return [];
  }
}

/** Newest first; lines that do not parse (a torn write) are skipped. */
export function listResets(cluster: Cluster, groupId: string): ResetAudit[] {
  const out: ResetAudit[] = [];
  // the old file's records are older than any in the new one
  for (const line of [...readLines(legacyFileOf(cluster, groupId)), ...readLines(fileOf(cluster, groupId))]) {
    if (!line.trim()) continue;
    try {
      const r = ResetAudit.safeParse(JSON.parse(line));
      if (r.success && r.data.groupId === groupId) out.push(r.data);
    } catch {
      // skipped
    }
  }
  return out.reverse().slice(0, KEEP);
}
