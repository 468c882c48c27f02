// IncrementalAlterConfigs (key 44, KIP-339), v0–1. v1: flexible. Each config names its own
// operation, so a change touches only the keys it lists (AlterConfigs, key 33, replaces the
// whole set).
import { alterConfigsResponse } from './33-alter-configs';
import { api, array, bool, int8, nullableString, string, struct } from './codec';

/** AlterConfigOp.OpType ids. APPEND and SUBTRACT apply to list-type configs only. */
export const ConfigOperation = { SET: 0, DELETE: 1, APPEND: 2, SUBTRACT: 3 } as const;

export const IncrementalAlterConfigs = api({
  key: 44,
  name: 'IncrementalAlterConfigs',
  minVersion: 0,
  maxVersion: 1,
  flexibleSince: 1,
  request: struct({
    resources: array(
      struct({
        resourceType: int8,
        resourceName: string,
        /** value: null only with DELETE. */
        configs: array(struct({ name: string, configOperation: int8, value: nullableString })),
      }),
    ),
    validateOnly: bool,
  }),
  response: alterConfigsResponse,
});
