import { describe, expect, it } from 'vitest';
import { offsetModel } from './offset-model';

describe('offsetModel', () => {
  it('splits the log at committed and position', () => {
    const m = offsetModel({ logStart: 0, logEnd: 10, committed: 5, position: 7 });
    expect(m).toMatchObject({ lag: 5, uncommitted: 2, unread: 3, lostToRetention: null });
    expect(m.at).toEqual({ logStart: 0, logEnd: 1, committed: 0.5, position: 0.7 });
  });
  it('has no lag without a commit, and counts what a reader from the start has not read', () => {
    expect(offsetModel({ logStart: 0, logEnd: 4, committed: null, position: 1 })).toMatchObject({ lag: null, uncommitted: null, unread: 3 });
  });
  it('shows records lost to retention and stretches the bar to the old commit', () => {
    const m = offsetModel({ logStart: 20, logEnd: 30, committed: 10, position: null });
    expect(m).toMatchObject({ lag: 20, lostToRetention: 10, uncommitted: null, unread: null });
    expect(m.at).toEqual({ logStart: 0.5, logEnd: 1, committed: 0, position: null });
  });
  it('an empty log puts every point at the start', () => {
    expect(offsetModel({ logStart: 0, logEnd: 0, committed: 0, position: 0 }).at).toEqual({ logStart: 0, logEnd: 0, committed: 0, position: 0 });
  });
  it('unknown log bounds give numbers but no bar', () => {
    expect(offsetModel({ logStart: null, logEnd: null, committed: 3, position: 4 })).toMatchObject({ lag: null, uncommitted: 1, at: null });
  });
});
