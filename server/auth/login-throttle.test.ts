import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './login-throttle';

function clocked() {
  let t = 1_000_000;
  const th = new LoginThrottle({ free: 3, freePerAddress: 3, baseDelayMs: 1000, maxDelayMs: 8000, windowMs: 60_000, maxKeys: 3, now: () => t });
  return { th, advance: (ms: number) => (t += ms) };
}

describe('LoginThrottle', () => {
  it('lets a few failures through, then doubles the wait up to the cap, per name and per address', () => {
    const { th, advance } = clocked();
    for (let i = 0; i < 3; i++) {
      expect(th.waitFor('ana', '10.0.0.1')).toBe(0);
      th.failed('ana', '10.0.0.1');
    }
    expect(th.waitFor('ana', '10.0.0.1')).toBe(0); // the third failure still costs nothing
    th.failed('ana', '10.0.0.1');
    expect(th.waitFor('ana', '10.0.0.2')).toBe(1000); // the name is slowed, from any address
    expect(th.waitFor('bob', '10.0.0.1')).toBe(1000); // and the address, for any name
    expect(th.waitFor('bob', '10.0.0.2')).toBe(0);
    expect(th.waitFor('ANA', null)).toBe(1000); // names compare without case
    advance(1000);
    th.failed('ana', '10.0.0.1');
    expect(th.waitFor('ana', null)).toBe(2000);
    for (let i = 0; i < 5; i++) th.failed('ana', null);
    expect(th.waitFor('ana', null)).toBe(8000);
  });

  it('forgets failures after the window, and a success clears the name but not the address', () => {
    const { th, advance } = clocked();
    for (let i = 0; i < 4; i++) th.failed('ana', '10.0.0.1');
    th.refund('ana', null);
    expect(th.waitFor('ana', null)).toBe(0);
    expect(th.waitFor('zed', '10.0.0.1')).toBe(1000);
    advance(60_001);
    expect(th.waitFor('zed', '10.0.0.1')).toBe(0);
  });

  it('keeps at most maxKeys entries', () => {
    const { th } = clocked();
    for (let i = 0; i < 4; i++) th.failed('a', null);
    for (const n of ['b', 'c', 'd']) th.failed(n, null);
    expect(th.waitFor('a', null)).toBe(0); // the least recently failed was forgotten
  });
});

it('allows an address more failures than a name before it slows down', () => {
  const th = new LoginThrottle({ free: 1, freePerAddress: 3, baseDelayMs: 1000, maxDelayMs: 8000, windowMs: 60_000, maxKeys: 100, now: () => 0 });
  th.failed('a', '10.0.0.1');
  th.failed('b', '10.0.0.1');
  expect(th.waitFor('c', '10.0.0.1')).toBe(0);
  expect(th.waitFor('a', null)).toBe(0);
  th.failed('a', '10.0.0.1');
  expect(th.waitFor('a', null)).toBe(1000);
  th.failed('d', '10.0.0.1');
  expect(th.waitFor('c', '10.0.0.1')).toBe(1000);
});

it('counts an attempt before it is checked, so parallel guesses are throttled too; a success refunds it', () => {
  const th = new LoginThrottle({ free: 2, freePerAddress: 5, baseDelayMs: 1000, maxDelayMs: 8000, windowMs: 60_000, maxKeys: 100, now: () => 0 });
  const burst = Array.from({ length: 10 }, () => th.attempt('admin', '10.0.0.9'));
  expect(burst.filter((w) => w === 0)).toHaveLength(3); // two free, the third starts the waits
  const th2 = new LoginThrottle({ free: 2, freePerAddress: 5, baseDelayMs: 1000, maxDelayMs: 8000, windowMs: 60_000, maxKeys: 100, now: () => 0 });
  for (let i = 0; i < 10; i++) {
    expect(th2.attempt('ana', '10.0.0.1')).toBe(0);
    th2.refund('ana', '10.0.0.1'); // every one right: nobody is slowed
  }
  expect(th2.waitFor(null, '10.0.0.1')).toBe(0);
});
