// ListGroups v0–2. v1: throttle time; v2: no wire change. Every group this node coordinates
// (all of them) with its protocol type ("consumer", or "" for groups that only commit
// offsets). v3+ (flexible) and its state filter (v4) are not advertised.
import { ListGroups } from '../../protocol/16-list-groups';
import { coordinates, handler } from './types';

export default handler({
  api: ListGroups,
  minVersion: 0,
  maxVersion: 2,
  handle(_req, ctx) {
    // Each node lists the groups it coordinates, as Kafka's brokers do.
    const groups = ctx.state.groups
      .list()
      .filter((g) => coordinates(ctx, g.groupId))
      .map((g) => ({ groupId: g.groupId, protocolType: g.protocolType }));
    return { throttleTimeMs: 0, errorCode: 0, groups };
  },
});
