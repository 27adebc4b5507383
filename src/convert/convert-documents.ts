import { ConversionFinding } from './conversion-report';
import { documentLabel, ManifestDocument } from './documents';
import { constructRejection } from './construct-rules';
import {
  ConstructCheck,
  convertFlinkDeployment,
  FlinkDeploymentConversion,
  FlinkDeploymentConversionOptions,
} from './flink-deployment';
import { otherDocumentFinding } from './other-documents';
import { FlinkValidationError } from '../validation/errors';

/** What became of one document of a manifest file. */
export interface DocumentResult {
  readonly doc: ManifestDocument;
  /** `Kind name`, for messages. */
  readonly label: string;
  /** A FlinkDeployment's props and report. */
  readonly conversion?: FlinkDeploymentConversion;
  /** Why a FlinkDeployment could not be converted at all (no supported version, or strict mode and errors). */
  readonly failure?: FlinkValidationError;
  /** Every finding about the document (a conversion's report, or why it was not converted). */
  readonly report: readonly ConversionFinding[];
}

const duplicate = (earlier: number) =>
  `is in this file twice (also document ${earlier}): kubectl would apply only the last one; both are converted, each to its own file`;

/**
 * Converts every FlinkDeployment of a manifest file and reports every other document by kind
 * and name, so nothing in the file disappears without a word.
 */
export function convertDocuments(
  docs: readonly ManifestDocument[],
  options: FlinkDeploymentConversionOptions = {},
  check: ConstructCheck = constructRejection,
): DocumentResult[] {
  const seen = new Map<string, number>();
  return docs.map((doc) => {
    const label = documentLabel(doc);
    if (doc.kind !== 'FlinkDeployment') return { doc, label, report: [otherDocumentFinding(doc)] };
    const key = `${doc.namespace ?? ''}/${doc.name ?? ''}`;
    const earlier = seen.get(key);
    seen.set(key, doc.index);
    const extra: ConversionFinding[] =
      earlier === undefined ? [] : [{ path: label, severity: 'warning', message: duplicate(earlier) }];
    try {
      const conversion = convertFlinkDeployment(doc.value as object, options, check);
      return { doc, label, conversion, report: [...extra, ...conversion.report] };
    } catch (e) {
      if (!(e instanceof FlinkValidationError)) throw e;
      return { doc, label, failure: e, report: extra };
    }
  });
}
