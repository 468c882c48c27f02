// DescribeConfigs (key 32), v0–2. v1: include_synonyms, config source and synonyms replace
// is_default; v2: no wire change.
import { api, array, bool, int16, int32, int8, nullableArray, nullableString, since, string, struct, until } from './codec';

export const DescribeConfigs = api({
  key: 32,
  name: 'DescribeConfigs',
  minVersion: 0,
  maxVersion: 2,
  request: struct({
    resources: array(
      struct({
        resourceType: int8,
        resourceName: string,
        configurationKeys: nullableArray(string),
      }),
    ),
    includeSynonyms: since(1, bool, false),
  }),
  response: struct({
    throttleTimeMs: int32,
    results: array(
      struct({
        errorCode: int16,
        errorMessage: nullableString,
        resourceType: int8,
        resourceName: string,
        configs: array(
          struct({
            name: string,
            value: nullableString,
            readOnly: bool,
            isDefault: until(0, bool, false),
            configSource: since(1, int8, -1),
            isSensitive: bool,
            synonyms: since(1, array(struct({ name: string, value: nullableString, source: int8 })), []),
          }),
        ),
      }),
    ),
  }),
});
