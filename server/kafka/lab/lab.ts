// The lab's members on one cluster, by the browser page (session) that started them. A
// page that goes away says so (DELETE on pagehide); one that goes silent (a closed laptop,
// a crashed tab) loses its members after the idle timeout, so no orphan consumer stays in
// anybody's group. Members are bounded per page and per dashboard process (LabAdmission,
// shared by every cluster's Lab): session ids are made up by pages, so the per-page bound
// alone bounds nothing.
import { randomUUID } from 'node:crypto';
import { LAB_MEMBERS_PER_SESSION_MAX, type StartLabMember } from '../../../lib/contract/lab';
import type { Cluster } from '../cluster';
import { topicMeta } from '../messages/browse';
import { LabMember } from './member';
import { Refusal } from '../errors';

export const LAB_IDLE_MS = Number(process.env.OFFSETSCOPE_LAB_IDLE_MS) || 120_000;

/** Members running at once in one dashboard process, over every cluster and page. */
export function labMaxMembers(): number {
  const v = Number(process.env.OFFSETSCOPE_LAB_MAX_MEMBERS);
  return Number.isInteger(v) && v > 0 ? v : 64;
}

/**
 * Places for running members. A place is taken synchronously before anything is awaited,
 * so concurrent starts cannot both pass the check; it is given back when the member ends
 * (killed, left, failed) or never started.
 */
export class LabAdmission {
  private readonly bySession = new Map<string, number>();
  private total = 0;

  constructor(
    readonly maxTotal = labMaxMembers(),
    readonly perSession = LAB_MEMBERS_PER_SESSION_MAX,
  ) {}

  /** Takes a place for a member of `session`, or refuses with 409 LAB_FULL. Answers its release (idempotent). */
  admit(session: string): () => void {
    const mine = this.bySession.get(session) ?? 0;
    if (mine >= this.perSession) {
      throw new Refusal('conflict', 'LAB_FULL', `A lab page may run ${this.perSession} members at once; stop one first.`, { limit: this.perSession, scope: 'page' });
    }
    if (this.total >= this.maxTotal) {
      throw new Refusal('conflict', 'LAB_FULL', `The dashboard runs ${this.maxTotal} lab members at once (OFFSETSCOPE_LAB_MAX_MEMBERS), all of them in use; stop one first.`, { limit: this.maxTotal, scope: 'dashboard' });
    }
    this.bySession.set(session, mine + 1);
    this.total++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.total--;
      const n = (this.bySession.get(session) ?? 1) - 1;
      if (n > 0) this.bySession.set(session, n);
      else this.bySession.delete(session);
    };
  }

  get running(): number {
    return this.total;
  }
}

export class Lab {
  private readonly members = new Map<string, LabMember>();
  /** session → last time its page asked for anything */
  private readonly seen = new Map<string, number>();
  /** session → how many members it has started (names them "offsetscope-lab-1" …) */
  private readonly started = new Map<string, number>();
  private reaper: NodeJS.Timeout | null = null;

  constructor(
    private readonly cluster: Cluster,
    private readonly admission: LabAdmission,
  ) {}

  private touch(session: string): void {
    this.seen.set(session, Date.now());
    if (!this.reaper) {
      this.reaper = setInterval(() => this.reap(), Math.min(5000, LAB_IDLE_MS / 2));
      this.reaper.unref();
    }
  }

  private reap(): void {
    const now = Date.now();
    for (const [session, at] of this.seen) {
      if (now - at > LAB_IDLE_MS) void this.endSession(session);
    }
  }

  membersOf(session: string): LabMember[] {
    this.touch(session);
    return [...this.members.values()].filter((m) => m.opts.session === session);
  }

  async start(req: StartLabMember): Promise<LabMember> {
    this.touch(req.session);
    const release = this.admission.admit(req.session); // before any await: the check is atomic
    let member: LabMember;
    try {
      await topicMeta(this.cluster.client, req.topic); // 404 for a topic that does not exist, before anything joins
      const n = (this.started.get(req.session) ?? 0) + 1;
      this.started.set(req.session, n);
      member = new LabMember(this.cluster, `lab-${randomUUID().slice(0, 8)}`, `offsetscope-lab-${n}`, { ...req }, release);
    } catch (e) {
      release();
      throw e;
    }
    this.members.set(member.id, member);
    member.start();
    return member;
  }

  byId(id: string): LabMember {
    const m = this.members.get(id);
    if (!m) throw new Refusal('not-found', 'NOT_FOUND', `No lab member '${id}' (it may have been cleaned up after its page went idle).`);
    this.touch(m.opts.session);
    return m;
  }

  remove(m: LabMember): void {
    if (!m.ended) throw new Refusal('conflict', 'MEMBER_RUNNING', `${m.clientId} is still running: kill it or let it leave first.`);
    this.members.delete(m.id);
  }

  /** Every member of the session leaves cleanly; the session is forgotten. */
  async endSession(session: string): Promise<number> {
    this.seen.delete(session);
    this.started.delete(session);
    const mine = [...this.members.values()].filter((m) => m.opts.session === session);
    await Promise.all(mine.map((m) => m.leave()));
    for (const m of mine) this.members.delete(m.id);
    return mine.length;
  }

  /** Every member leaves (the cluster is closing). */
  async close(): Promise<void> {
    if (this.reaper) clearInterval(this.reaper);
    this.reaper = null;
    // ending every session leaves its members; members of no session (none, normally) leave too
    await Promise.all([...this.seen.keys()].map((s) => this.endSession(s)));
    await Promise.all([...this.members.values()].map((m) => m.leave()));
    this.members.clear();
  }
}
