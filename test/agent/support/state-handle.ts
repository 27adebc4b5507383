/**
 * The smallest value shaped like Flink's HA pointer: a Java-serialized string (TC_STRING, a
 * two-byte length, the path) followed by TC_ENDBLOCKDATA/TC_NULL, base64 as in the ConfigMap.
 */
export const stateHandle = (path: string): string =>
  Buffer.concat([Buffer.from([0x74, 0, path.length]), Buffer.from(path), Buffer.from('xp')]).toString('base64');
