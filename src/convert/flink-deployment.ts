import { constructRejection } from './construct-rules';
import { ConversionFinding, FindingList, strictConversionError } from './conversion-report';
import { convertSpec } from './convert-spec';
import { CRD_FIELDS } from './crd-fields';
import { API_VERSION, checkFields, isMap, parseManifest } from './manifest';
import { readMetadataExtras } from './metadata';
import { readFlinkVersion } from './version';
import { FlinkClusterProps } from '../props/cluster-props';
import { HaStorage } from '../props/ha-storage';
import { FlinkValidationError } from '../validation/errors';

/** How to convert a FlinkDeployment. */
export interface FlinkDeploymentConversionOptions {
  /**
   * Throw a FlinkValidationError naming every `error` finding instead of returning them.
   * Warnings never throw: they describe differences the construct makes by design (its own
   * service accounts, no operator lifecycle), which every real manifest would trip.
   * @default false
   */
  readonly strict?: boolean;
  /** Namespace of the cluster. @default metadata.namespace, else the chart's namespace */
  readonly namespace?: string;
  /** HA storage to use instead of the one derived from `high-availability.storageDir`; enables HA. @default derived */
  readonly haStorage?: HaStorage;
}

/** The props of an equivalent FlinkCluster and what the conversion found on the way. */
export interface FlinkDeploymentConversion {
  /** Props of a FlinkCluster equivalent to the manifest. */
  readonly props: FlinkClusterProps;
  /** Every field that was not mapped one to one, in the order the manifest is read. */
  readonly report: ConversionFinding[];
}

const wrongApiVersion = (v: unknown) =>
  `${JSON.stringify(v)} is not ${API_VERSION}, the FlinkDeployment version the conversion reads; converted as ${API_VERSION}`;
const noSpec = () => 'is missing; a FlinkDeployment needs at least spec.flinkVersion and spec.image';
const rejected = (message: string) => `converts to FlinkCluster props the construct rejects: ${message}`;

/** Converts Flink Kubernetes Operator `FlinkDeployment`s into FlinkCluster props. */
export class FlinkDeploymentConverter {
  /**
   * Converts a Flink Kubernetes Operator `FlinkDeployment` (YAML text or a parsed object)
   * into FlinkCluster props. Every field is either mapped, or reported with the reason and
   * the fix; nothing is dropped silently. Pure: builds no constructs.
   *
   * Throws a FlinkValidationError when the input is not one FlinkDeployment, when no
   * supported Flink version can be determined, and in strict mode when there are errors.
   */
  public static toProps(
    // A map of any (not unknown): jsii's form of a parsed document, and it accepts every object type.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    manifest: string | { [key: string]: any },
    options: FlinkDeploymentConversionOptions = {},
  ): FlinkDeploymentConversion {
    return convertFlinkDeployment(manifest, options, constructRejection);
  }

  private constructor() {}
}

/** {@link FlinkDeploymentConverter.toProps} as a function, for TypeScript. */
export function flinkDeploymentToProps(
  manifest: object | string,
  options: FlinkDeploymentConversionOptions = {},
): FlinkDeploymentConversion {
  return FlinkDeploymentConverter.toProps(manifest, options);
}

/** Asks the construct whether it accepts props; the error it would throw, if any. */
export type ConstructCheck = (props: FlinkClusterProps) => FlinkValidationError | undefined;

/**
 * flinkDeploymentToProps with the construct's verdict supplied by the caller: a caller that
 * builds the cluster anyway (the convert command) checks by building it, once.
 */
export function convertFlinkDeployment(
  manifest: object | string,
  options: FlinkDeploymentConversionOptions,
  check: ConstructCheck,
): FlinkDeploymentConversion {
  const root = parseManifest(manifest);
  const findings = new FindingList();
  checkFields(root, CRD_FIELDS.root, '', findings);
  if (root.apiVersion !== API_VERSION) findings.error('apiVersion', wrongApiVersion(root.apiVersion));
  const metadata = isMap(root.metadata) ? root.metadata : {};
  const spec = isMap(root.spec) ? root.spec : {};
  if (!isMap(root.spec)) findings.error('spec', noSpec());
  readMetadataExtras(metadata, findings);
  checkFields(spec, CRD_FIELDS.spec, 'spec', findings);

  const name = typeof metadata.name === 'string' ? metadata.name : undefined;
  const flinkVersion = readFlinkVersion(spec, findings);
  if (!flinkVersion) throw strictConversionError(name ?? '(unnamed)', findings.findings);
  const props = convertSpec(
    { spec, metadata, name, flinkVersion, namespace: options.namespace, haStorage: options.haStorage },
    findings,
  );

  const rejection = check(props);
  if (rejection) findings.error('spec', rejected(rejection.message));
  if (options.strict && findings.hasErrors) throw strictConversionError(props.clusterId!, findings.findings);
  return { props, report: [...findings.findings] };
}
