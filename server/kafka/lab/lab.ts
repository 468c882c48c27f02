// Every lab member of this dashboard process, by the browser page (session) that started
// it. Next.js bundles each route separately, so the registry lives on globalThis. A page
// that goes away says so (DELETE on pagehide); one that goes silent (a closed laptop, a
// crashed tab) loses its members after the idle timeout, so no orphan consumer stays in
// anybody's group.
import { randomUUID } from 'node:crypto';
import { LAB_MEMBERS_PER_SESSION_MAX, type StartLabMember } from '../../../lib/contract/lab';
import { HttpError } from '../../http/api';
import type { ClusterClient } from '../connection/cluster-client';
import { topicMeta } from '../messages/browse';
import { LabMember } from './member';

export const LAB_IDLE_MS = Number(process.env.OFFSETSCOPE_LAB_IDLE_MS) || 120_000;

interface Lab {
  members: Map<string, LabMember>;
  /** session → last time its page asked for anything */
  seen: Map<string, number>;
  /** session → how many members it has started (names them "lab-1", "lab-2" …) */
  started: Map<string, number>;
  reaper: NodeJS.Timeout | null;
}

const KEY = Symbol.for('offsetscope.lab');

function lab(): Lab {
  const g = globalThis as { [KEY]?: Lab };
  if (!g[KEY]) {
    const l: Lab = { members: new Map(), seen: new Map(), started: new Map(), reaper: null };
    l.reaper = setInterval(() => reap(l), Math.min(5000, LAB_IDLE_MS / 2));
    l.reaper.unref();
    g[KEY] = l;
  }
  return g[KEY]!;
}

function reap(l: Lab): void {
  const now = Date.now();
  for (const [session, at] of l.seen) {
    if (now - at > LAB_IDLE_MS) void endSession(session);
  }
}

function touch(session: string): void {
  lab().seen.set(session, Date.now());
}

export function membersOf(session: string): LabMember[] {
  touch(session);
  return [...lab().members.values()].filter((m) => m.opts.session === session);
}

export async function startMember(client: ClusterClient, req: StartLabMember): Promise<LabMember> {
  const l = lab();
  const mine = membersOf(req.session).filter((m) => !m.ended);
  if (mine.length >= LAB_MEMBERS_PER_SESSION_MAX) {
    throw new HttpError(409, 'LAB_FULL', `A lab page may run ${LAB_MEMBERS_PER_SESSION_MAX} members at once; stop one first.`);
  }
  await topicMeta(client, req.topic); // 404 for a topic that does not exist, before anything joins
  const n = (l.started.get(req.session) ?? 0) + 1;
  l.started.set(req.session, n);
  const member = new LabMember(client, `lab-${randomUUID().slice(0, 8)}`, `offsetscope-lab-${n}`, { ...req });
  l.members.set(member.id, member);
  member.start();
  return member;
}

export function memberById(id: string): LabMember {
  const m = lab().members.get(id);
  if (!m) throw new HttpError(404, 'NOT_FOUND', `No lab member '${id}' (it may have been cleaned up after its page went idle).`);
  touch(m.opts.session);
  return m;
}

export function removeMember(m: LabMember): void {
  if (!m.ended) throw new HttpError(409, 'MEMBER_RUNNING', `${m.clientId} is still running: kill it or let it leave first.`);
  lab().members.delete(m.id);
}

/** Every member of the session leaves cleanly; the session is forgotten. */
export async function endSession(session: string): Promise<number> {
  const l = lab();
  l.seen.delete(session);
  l.started.delete(session);
  const mine = [...l.members.values()].filter((m) => m.opts.session === session);
  await Promise.all(mine.map((m) => m.leave()));
  for (const m of mine) l.members.delete(m.id);
  return mine.length;
}
