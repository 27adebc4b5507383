import { FlinkVersion, FlinkVersionTraits } from '../flink/flink-version';
import { fail } from '../validation/errors';

const unsupported = () => {
  const names = Object.keys(FlinkVersion).map((k) => `FlinkVersion.${k}`);
  return `is not a supported Flink version; use one of ${names.join(', ')} (${Object.values(FlinkVersion).join(', ')})`;
};

/** Rule: the version is one the construct supports (JavaScript callers bypass the enum). */
export function resolveFlinkVersion(version: unknown): FlinkVersionTraits {
  if (!FlinkVersionTraits.isSupported(version)) fail('flinkVersion', version, unsupported());
  return FlinkVersionTraits.of(version);
}
