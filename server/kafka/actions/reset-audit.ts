// Every applied offset reset, kept under the data dir: when, which group, who asked from
// where, the plan and each partition's offset before. One JSON line per reset in one file
// per group, so the group page can list them and undo the last one after a restart.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ResetAudit } from '../../../lib/contract/reset';
import { dashboardCluster } from '../cluster';
import { clusterDataDir } from '../data-dir';

const KEEP = 200; // per group, newest kept

function fileOf(clusterId: string, groupId: string): string {
  // group ids may hold any character: the file name is their hex, readable back if needed
  const dir = clusterDataDir(clusterId, clusterId === dashboardCluster().id, 'resets');
  return path.join(dir, `${Buffer.from(groupId).toString('hex').slice(0, 400)}.jsonl`);
}

export function recordReset(clusterId: string, entry: Omit<ResetAudit, 'id' | 'at'>): ResetAudit {
  const full: ResetAudit = { id: `${Date.now().toString(36)}-${randomUUID().slice(0, 8)}`, at: Date.now(), ...entry };
  const file = fileOf(clusterId, entry.groupId);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.appendFileSync(file, JSON.stringify(full) + '\n');
  return full;
}

/** Newest first; lines that do not parse (a torn write) are skipped. */
export function listResets(clusterId: string, groupId: string): ResetAudit[] {
  let text: string;
  try {
    text = fs.readFileSync(fileOf(clusterId, groupId), 'utf8');
  } catch {
    return [];
  }
  const out: ResetAudit[] = [];
  for (const line of text.split('\n')) {
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
