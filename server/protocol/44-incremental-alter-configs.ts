// IncrementalAlterConfigs (key 44, KIP-339), v0–1. v1: flexible. Each config names its own
// operation, so a change touches only the keys it lists (AlterConfigs, key 33, replaces the
// whole set).
import { api, array, bool, int16, int32, int8, nullableString, string, struct } from './codec';

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
  response: struct({
    throttleTimeMs: int32,
    responses: array(
      struct({
        errorCode: int16,
        errorMessage: nullableString,
        resourceType: int8,
        resourceName: string,
      }),
    ),
  }),
});
