// DescribeConfigs (key 32), v0–4. v1: include_synonyms; each config's source and synonyms
// replace is_default; v2: no wire change; v3: include_documentation, and each config's
// type and documentation; v4: flexible.
import { api, array, bool, int16, int32, int8, nullableArray, nullableString, since, string, struct, until } from './codec';

/** Kafka's ConfigResource.Type ids. */
export const ConfigResourceType = { TOPIC: 2, BROKER: 4, BROKER_LOGGER: 8 } as const;

/** Where a value comes from (DescribeConfigsResponse.ConfigSource). */
export const ConfigSource = {
  UNKNOWN: 0,
  TOPIC_CONFIG: 1,
  DYNAMIC_BROKER_CONFIG: 2,
  DYNAMIC_DEFAULT_BROKER_CONFIG: 3,
  STATIC_BROKER_CONFIG: 4,
  DEFAULT_CONFIG: 5,
  DYNAMIC_BROKER_LOGGER_CONFIG: 6,
  CLIENT_METRICS_CONFIG: 7,
} as const;

/** A config's data type, v3+ (DescribeConfigsResponse.ConfigType). */
export const ConfigType = { UNKNOWN: 0, BOOLEAN: 1, STRING: 2, INT: 3, SHORT: 4, LONG: 5, DOUBLE: 6, LIST: 7, CLASS: 8, PASSWORD: 9 } as const;
export type ConfigTypeName = Exclude<keyof typeof ConfigType, 'UNKNOWN'>;

export const DescribeConfigs = api({
  key: 32,
  name: 'DescribeConfigs',
  minVersion: 0,
  maxVersion: 4,
  flexibleSince: 4,
  request: struct({
    resources: array(
      struct({
        resourceType: int8,
        resourceName: string,
        /** null (or empty) = every config. */
        configurationKeys: nullableArray(string),
      }),
    ),
    includeSynonyms: since(1, bool, false),
    includeDocumentation: since(3, bool, false),
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
            /** null for a sensitive config: its value is never sent. */
            value: nullableString,
            readOnly: bool,
            isDefault: until(0, bool, false),
            configSource: since(1, int8, -1),
            isSensitive: bool,
            synonyms: since(1, array(struct({ name: string, value: nullableString, source: int8 })), []),
            configType: since(3, int8, 0),
            documentation: since(3, nullableString, null),
          }),
        ),
      }),
    ),
  }),
});
