import { describe, expect, it } from 'vitest';
import { filterGroups } from './filter';
import type { GroupSummary } from '../contract/groups';

const g = (groupId: string, state: string, totalLag: number | null, maxTimeLagMs: number | null = null): GroupSummary => ({
  groupId,
  state,
  type: 'classic',
  protocolType: 'consumer',
  members: state === 'Stable' ? 2 : 0,
  topics: ['t'],
  totalLag,
  maxTimeLagMs,
  maxTimeLagEstimated: false,
  status: 'OK',
  statusReason: null,
  unavailable: null,
});
const all = [g('billing', 'Stable', 50, 1000), g('audit', 'Empty', null), g('Billing-replay', 'Empty', 7, 90_000)];

describe('filterGroups', () => {
  it('searches by substring, case-insensitively', () => expect(filterGroups(all, { q: 'BILL' }).map((x) => x.groupId)).toEqual(['billing', 'Billing-replay']));
  it('filters by state', () => expect(filterGroups(all, { state: 'Empty' }).map((x) => x.groupId)).toEqual(['audit', 'Billing-replay']));
  it('sorts by lag, groups without commits last', () => {
    expect(filterGroups(all, { sort: 'lag', order: 'desc' }).map((x) => x.groupId)).toEqual(['billing', 'Billing-replay', 'audit']);
    expect(filterGroups(all, { sort: 'lag', order: 'asc' }).map((x) => x.groupId)).toEqual(['Billing-replay', 'billing', 'audit']);
  });
  it('sorts by time lag', () => expect(filterGroups(all, { sort: 'timeLag', order: 'desc' }).map((x) => x.groupId)).toEqual(['Billing-replay', 'billing', 'audit']));
});
