import { describe, expect, it } from 'vitest';
import { can, matchesPattern, permissionsOn, roleOn, type Grants } from './permissions';

const open = { withholdMessagesFrom: [] };

describe('matchesPattern', () => {
  it.each([
    ['orders', 'orders', true],
    ['orders', 'orders2', false],
    ['orders-*', 'orders-eu', true],
    ['orders-*', 'orders-', true],
    ['orders-*', 'order', false],
    ['*-eu', 'orders-eu', true],
    ['*', '', true],
    ['a*b*c', 'abc', true],
    ['a*b*c', 'axxbyyc', true],
    ['a*b*c', 'acb', false],
    ['ab*ba', 'aba', false], // the prefix and suffix may not share a character
    ['a.b', 'axb', false], // no regex: a dot is a dot
  ])('%j against %j is %j', (p, n, ok) => expect(matchesPattern(p, n)).toBe(ok));
});

describe('can', () => {
  const ana: Grants = { '*': { role: 'viewer' }, staging: { role: 'operator' } };
  it('gives each role its permissions, per cluster, with * for every cluster', () => {
    expect(can(ana, open, 'prod', 'read')).toBe(true);
    expect(can(ana, open, 'prod', 'resetOffsets', { group: 'g', topic: 't' })).toBe(false);
    expect(can(ana, open, 'staging', 'resetOffsets', { group: 'g', topic: 't' })).toBe(true);
    expect(can(ana, open, 'staging', 'produce', { topic: 't' })).toBe(true);
    expect(can(ana, open, 'staging', 'deleteTopic', { topic: 't' })).toBe(false);
    expect(can({ staging: { role: 'admin' } }, open, 'prod', 'read')).toBe(false);
    expect(can({ '*': { role: 'admin' } }, open, 'prod', 'deleteTopic', { topic: 't' })).toBe(true);
    expect(can({ '*': { role: 'operator' } }, open, 'prod', 'viewAudit')).toBe(false);
    expect(can({ '*': { role: 'admin' } }, open, 'prod', 'viewAudit')).toBe(true);
  });

  it('limits changes of a grant with patterns to matching names, never reads', () => {
    const g: Grants = { '*': { role: 'operator', topics: ['orders-*'], groups: ['billing'] } };
    expect(can(g, open, 'x', 'read')).toBe(true);
    expect(can(g, open, 'x', 'produce', { topic: 'orders-eu' })).toBe(true);
    expect(can(g, open, 'x', 'produce', { topic: 'payments' })).toBe(false);
    expect(can(g, open, 'x', 'produce', { topic: undefined })).toBe(false); // a limited grant cannot vouch for an unnamed topic
    expect(can(g, open, 'x', 'resetOffsets', { group: 'billing' })).toBe(true); // topics checked one by one later
    expect(can(g, open, 'x', 'resetOffsets', { group: 'billing', topic: 'orders-eu' })).toBe(true);
    expect(can(g, open, 'x', 'resetOffsets', { group: 'other', topic: 'orders-eu' })).toBe(false);
    expect(can(g, open, 'x', 'resetOffsets', { group: 'billing', topic: 'payments' })).toBe(false);
    // a topic limit does not limit deleting a group (it names no topic), the group limit does
    const admin: Grants = { '*': { role: 'admin', topics: ['orders-*'] } };
    expect(can(admin, open, 'x', 'deleteGroup', { group: 'anything' })).toBe(true);
    expect(can({ '*': { role: 'admin', groups: ['b*'] } }, open, 'x', 'deleteGroup', { group: 'a' })).toBe(false);
  });

  it('any grant that allows suffices: a limited cluster grant beside an open * grant', () => {
    const g: Grants = { '*': { role: 'viewer' }, prod: { role: 'operator', topics: ['orders'] } };
    expect(can(g, open, 'prod', 'produce', { topic: 'orders' })).toBe(true);
    expect(can(g, open, 'prod', 'produce', { topic: 'other' })).toBe(false);
    expect(can(g, open, 'dev', 'produce', { topic: 'orders' })).toBe(false);
  });

  it('withholds message contents from the roles the setting names', () => {
    const policy = { withholdMessagesFrom: ['viewer' as const] };
    expect(can({ '*': { role: 'viewer' } }, policy, 'x', 'readMessages')).toBe(false);
    expect(can({ '*': { role: 'viewer' } }, policy, 'x', 'read')).toBe(true);
    expect(can({ '*': { role: 'viewer' }, x: { role: 'operator' } }, policy, 'x', 'readMessages')).toBe(true);
    expect(permissionsOn({ '*': { role: 'viewer' } }, policy, 'x')).toEqual(['read']);
  });
});

describe('roleOn and permissionsOn', () => {
  it('name the highest role and what some grant allows', () => {
    const g: Grants = { '*': { role: 'viewer' }, staging: { role: 'operator', topics: ['t*'] } };
    expect(roleOn(g, 'staging')).toBe('operator');
    expect(roleOn(g, 'prod')).toBe('viewer');
    expect(roleOn({}, 'prod')).toBeNull();
    expect(permissionsOn(g, open, 'staging')).toEqual(['read', 'readMessages', 'produce', 'useLab', 'resetOffsets', 'deleteGroupOffsets']);
    expect(permissionsOn(g, open, 'prod')).toEqual(['read', 'readMessages']);
  });
});
