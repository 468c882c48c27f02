// A librdkafka 2.12 consumer-group member that a test drives (scripts/rdkafka-member.c, built
// into tools/ by scripts/build-librdkafka-tests.sh): it prints one JSON event per line, and
// this wraps it so a test can wait for events, read its assignment and send it commands.
// Waiting is always for events, never for time: every assertion about a group's state is a
// condition re-checked on each event, with a deadline only for reporting.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
export const RDKAFKA_MEMBER = path.join(root, 'tools/librdkafka/rdkafka-member');

/** Whether the binary is built (tests that need it can skip, or build it first with buildRdkafkaMember). */
export function haveRdkafkaMember(): boolean {
  return fs.existsSync(RDKAFKA_MEMBER);
}

/** Builds librdkafka and the member when missing or stale (idempotent; minutes the first time). */
export function buildRdkafkaMember(): void {
  execFileSync('bash', [path.join(root, 'scripts/build-librdkafka-tests.sh')], { stdio: 'inherit', timeout: 900_000 });
}

export interface TopicPartition {
  topic: string;
  partition: number;
  offset?: number;
  /** Set only when librdkafka reported an error for this partition (e.g. in a commit). */
  error?: string;
}

export type MemberEvent =
  | { event: 'started'; version: string }
  /** protocol: librdkafka's rebalance protocol at the time ("EAGER" / "COOPERATIVE"); assignment: the whole assignment after the change. */
  | { event: 'assigned' | 'revoked' | 'lost'; protocol: string | null; partitions: TopicPartition[]; assignment: TopicPartition[] | null }
  | { event: 'assignment'; assignment: TopicPartition[] | null }
  | { event: 'message'; topic: string; partition: number; offset: number; key: string | null; value: string | null }
  /** offsets: as librdkafka answered; −1001 (invalid) for an assigned partition with nothing consumed, hence nothing committed. */
  | { event: 'committed'; offsets: TopicPartition[]; error: string | null }
  | { event: 'error'; code: string; message: string | null; fatal: boolean }
  | { event: 'member'; member_id: string | null; generation: number | null }
  | { event: 'closed'; error: string | null }
  /** A stdout line that was not JSON (should not happen; kept to show in failures). */
  | { event: 'unparsed'; line: string };

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface Member {
  readonly name: string;
  readonly child: ChildProcess;
  /** Every event so far, in order. */
  readonly events: MemberEvent[];
  stderr(): string;
  /** Resolves with the first event, past or future, matching pred (given the event and its index in events). */
  waitFor<E extends MemberEvent = MemberEvent>(pred: (e: MemberEvent, index: number) => boolean, timeoutMs?: number, what?: string): Promise<E>;
  /** The latest known assignment as sorted "topic:partition" strings. */
  assignment(): string[];
  send(cmd: string): void;
  /** Sends close and waits for the exit (SIGKILL and a failure if it takes longer than timeoutMs). */
  close(timeoutMs?: number): Promise<Exit>;
  kill(signal?: NodeJS.Signals): void;
  readonly exited: Promise<Exit>;
  /** Last 30 events and the tail of stderr, for failure messages. */
  describe(): string;
  /** Calls fn on every new event; returns the unsubscribe function. */
  onEvent(fn: (e: MemberEvent) => void): () => void;
}

const STDERR_KEEP = 4 << 20; // debug=cgrp,protocol can log a lot; the tail is what matters

const live = new Set<Member>();

const tp = (p: TopicPartition) => `${p.topic}:${p.partition}`;
function sortedTps(parts: TopicPartition[]): string[] {
  return [...parts].sort((a, b) => (a.topic === b.topic ? a.partition - b.partition : a.topic < b.topic ? -1 : 1)).map(tp);
}

/**
 * Starts a member of `group` subscribed to `topics`. config: librdkafka properties passed
 * through (group.protocol, partition.assignment.strategy, session.timeout.ms, debug, …) and
 * our x.* options (x.autocommit, x.print_messages). The member commits only when told unless
 * x.autocommit=true, and reads from the earliest offset unless auto.offset.reset says otherwise.
 */
export function startMember(bootstrap: string, group: string, topics: string[], config: Record<string, string> = {}): Member {
  if (!haveRdkafkaMember()) throw new Error(`${RDKAFKA_MEMBER} is not built: run scripts/build-librdkafka-tests.sh`);
  const args = [bootstrap, group, topics.join(','), ...Object.entries(config).map(([k, v]) => `${k}=${v}`)];
  const child = spawn(RDKAFKA_MEMBER, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  const name = config['client.id'] ?? `member-${child.pid}`;
  const events: MemberEvent[] = [];
  const listeners = new Set<(e: MemberEvent) => void>();
  const wakeOnExit = new Set<() => void>(); // waiters fail as soon as no event can come any more
  let stderr = '';
  let partial = '';
  let ended = false; // stdout and stderr are closed: no more events can come

  child.stdin!.on('error', () => {}); // writing to a member that was killed
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (d: string) => {
    stderr += d;
    if (stderr.length > STDERR_KEEP) stderr = stderr.slice(-STDERR_KEEP / 2);
  });
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (d: string) => {
    const lines = (partial + d).split('\n');
    partial = lines.pop()!;
    for (const line of lines) {
      if (!line.trim()) continue;
      let e: MemberEvent;
      try {
        e = JSON.parse(line) as MemberEvent;
      } catch {
        e = { event: 'unparsed', line };
      }
      events.push(e);
      for (const fn of [...listeners]) fn(e);
    }
  });

  const exited = new Promise<Exit>((resolve) => {
    // 'close' comes after the stdio streams end, so every event has been parsed by then
    child.once('close', (code, signal) => {
      ended = true;
      live.delete(member);
      for (const fn of [...wakeOnExit]) fn();
      resolve({ code, signal });
    });
  });

  const describe = () =>
    `--- ${name} (pid ${child.pid}${ended ? `, exited ${child.exitCode ?? child.signalCode}` : ''}): last events ---\n` +
    events
      .slice(-30)
      .map((e) => JSON.stringify(e))
      .join('\n') +
    `\n--- ${name}: stderr tail ---\n${stderr.slice(-6000)}`;

  const member: Member = {
    name,
    child,
    events,
    exited,
    stderr: () => stderr,
    describe,
    onEvent(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    waitFor<E extends MemberEvent>(pred: (e: MemberEvent, index: number) => boolean, timeoutMs = 30_000, what = 'a matching event'): Promise<E> {
      const found = events.findIndex(pred);
      if (found >= 0) return Promise.resolve(events[found] as E);
      return new Promise<E>((resolve, reject) => {
        let checked = events.length;
        const done = (err?: Error, e?: MemberEvent) => {
          clearTimeout(timer);
          listeners.delete(check);
          wakeOnExit.delete(check);
          if (err) reject(err);
          else resolve(e as E);
        };
        const check = () => {
          for (; checked < events.length; checked++) if (pred(events[checked], checked)) return done(undefined, events[checked]);
          if (ended) done(new Error(`${name} exited (${child.exitCode ?? child.signalCode}) before ${what}\n${describe()}`));
        };
        const timer = setTimeout(() => done(new Error(`timed out after ${timeoutMs} ms waiting for ${name}: ${what}\n${describe()}`)), timeoutMs);
        listeners.add(check);
        wakeOnExit.add(check);
        check();
      });
    },
    assignment() {
      for (let i = events.length - 1; i >= 0; i--) {
        const e = events[i];
        if ('assignment' in e && e.assignment) return sortedTps(e.assignment);
      }
      return [];
    },
    send(cmd) {
      child.stdin!.write(`${cmd}\n`);
    },
    async close(timeoutMs = 30_000) {
      if (!ended) member.send('close');
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          child.kill('SIGKILL');
          reject(new Error(`${name} did not close within ${timeoutMs} ms (killed)\n${describe()}`));
        }, timeoutMs);
      });
      try {
        return await Promise.race([exited, late]);
      } finally {
        clearTimeout(timer);
      }
    },
    kill(signal = 'SIGKILL') {
      if (!ended) child.kill(signal);
    },
  };
  live.add(member);
  return member;
}

/** SIGKILLs every member still running (for afterEach: a failed test must not leave members behind). */
export async function killAllMembers(): Promise<void> {
  const all = [...live];
  for (const m of all) {
    m.kill('SIGCONT'); // a frozen member dies on SIGKILL too, but let its exit be reported promptly
    m.kill('SIGKILL');
  }
  await Promise.all(all.map((m) => m.exited));
}

/**
 * Waits until cond() holds, re-checking it on every event of any of the members (a condition
 * over several members' state, e.g. "their assignments are disjoint and cover the topic").
 */
export function waitForAll<T>(members: Member[], cond: () => T | undefined | false, timeoutMs = 30_000, what = 'the condition'): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const offs: (() => void)[] = [];
    const finish = (err?: Error, v?: T) => {
      clearTimeout(timer);
      for (const off of offs) off();
      if (err) reject(err);
      else resolve(v as T);
    };
    const check = () => {
      let v: T | undefined | false;
      try {
        v = cond();
      } catch (e) {
        return finish(e as Error);
      }
      if (v !== undefined && v !== false) finish(undefined, v);
    };
    const timer = setTimeout(() => finish(new Error(`timed out after ${timeoutMs} ms waiting for ${what}\n${members.map((m) => m.describe()).join('\n')}`)), timeoutMs);
    for (const m of members) offs.push(m.onEvent(check));
    check();
  });
}
