// LabAdmission: the places for running lab members, bounded per page (session) and per
// dashboard process. What is guarded: a session cannot run more than its bound; all
// sessions together cannot run more than the total (session ids are made up by pages, so
// the per-session bound alone would bound nothing); a release frees exactly one place of
// its own session and calling it again frees nothing more; a refusal is a Refusal
// 'conflict' / 'LAB_FULL' (the API's 409) saying which bound was hit.
import { describe, expect, it } from 'vitest';
import { LAB_MEMBERS_PER_SESSION_MAX } from '../../../lib/contract/lab';
import { isRefusal, Refusal } from '../errors';
import { LabAdmission } from './lab';

/** The Refusal `admit` throws, or null if it admitted. */
function refusalOf(a: LabAdmission, session: string): Refusal | null {
  try {
    a.admit(session);
    return null;
  } catch (e) {
    expect(e).toBeInstanceOf(Refusal);
    expect(isRefusal(e)).toBe(true);
    return e as Refusal;
  }
}

describe('LabAdmission', () => {
  // Guards: the per-session bound, and that it is per session (another page is not refused).
  it('refuses a session past its own bound with conflict / LAB_FULL, scope page; other sessions still get places', () => {
    const a = new LabAdmission(100, 3);
    for (let i = 0; i < 3; i++) a.admit('page-a');
    const r = refusalOf(a, 'page-a');
    expect(r).not.toBeNull();
    expect([r!.kind, r!.code]).toEqual(['conflict', 'LAB_FULL']);
    expect(r!.extra).toEqual({ limit: 3, scope: 'page' });
    expect(r!.message).toMatch(/3 members/);
    expect(a.running).toBe(3); // a refusal takes no place

    a.admit('page-b');
    expect(a.running).toBe(4);
  });

  // Guards: the total bound over all sessions, however many session ids are made up.
  it('refuses past the total over every session with conflict / LAB_FULL, scope dashboard', () => {
    const a = new LabAdmission(4, 3);
    for (const s of ['s1', 's2', 's3', 's4']) a.admit(s);
    expect(a.running).toBe(4);
    for (const s of ['s5', 's1', 'another-made-up-id']) {
      const r = refusalOf(a, s);
      expect(r).not.toBeNull();
      expect([r!.kind, r!.code]).toEqual(['conflict', 'LAB_FULL']);
      expect(r!.extra).toEqual({ limit: 4, scope: 'dashboard' });
    }
    expect(a.running).toBe(4);
  });

  // Guards: release is idempotent and frees exactly one place — of the total and of its
  // session. A second call must not free a place it does not hold (else a member that is
  // killed and then also "leaves" would let the bounds be passed).
  it('release frees exactly one place, once, however often it is called', () => {
    const a = new LabAdmission(3, 2);
    const a1 = a.admit('a');
    a.admit('a');
    a.admit('b');
    expect(a.running).toBe(3);
    expect(refusalOf(a, 'c')?.extra.scope).toBe('dashboard');

    a1();
    a1();
    a1();
    expect(a.running).toBe(2);
    // exactly one place in the total: one more member fits, not two
    const c1 = a.admit('c');
    expect(refusalOf(a, 'c')?.extra.scope).toBe('dashboard');
    c1();
    c1();
    expect(a.running).toBe(2);

    // exactly one place of session a: it may start one more, then it is at its bound again
    a.admit('a');
    expect(a.running).toBe(3);
    expect(refusalOf(a, 'a')?.extra.scope).toBe('page');
  });

  // Guards: the per-session count is per session also on release: releasing a member of
  // one session does not give another session's place back.
  it('a release gives the place back to its own session only', () => {
    const a = new LabAdmission(100, 1);
    const x = a.admit('x');
    a.admit('y');
    expect(refusalOf(a, 'y')?.extra.scope).toBe('page');
    x();
    expect(refusalOf(a, 'y')?.extra.scope).toBe('page'); // still full: the freed place was x's
    a.admit('x');
    expect(a.running).toBe(2);
  });

  it('defaults to the contract’s per-page bound', () => {
    const a = new LabAdmission(1000);
    expect(a.perSession).toBe(LAB_MEMBERS_PER_SESSION_MAX);
    for (let i = 0; i < LAB_MEMBERS_PER_SESSION_MAX; i++) a.admit('p');
    expect(refusalOf(a, 'p')?.extra).toEqual({ limit: LAB_MEMBERS_PER_SESSION_MAX, scope: 'page' });
  });
});
