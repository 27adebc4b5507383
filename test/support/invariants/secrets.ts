import { ClusterView, ref } from './model';

/**
 * Secrets are never rendered into the YAML a GitOps repository stores: no Secret objects,
 * and no ConfigMap value or env value that carries an inline credential.
 */
export function noSecretsRendered(v: ClusterView): string[] {
  const out: string[] = [];
  for (const o of v.objects) {
    if (o.kind === 'Secret') out.push(`${ref(o)}: a Secret in the output; reference Secrets managed elsewhere instead`);
  }
  const credentialKeys =
    /^(fs\.s3a?\.(access|secret)[.-]key|s3\.(access|secret)[.-]key|fs\.azure\.account\.(key\..*|oauth2\.client\.secret.*)|fs\.gs\.auth\.service\.account\.private\.key.*|fs\.oss\.accessKey(Id|Secret)|.*password)$/;
  for (const [key] of Object.entries(v.flinkConfig)) {
    if (credentialKeys.test(key)) out.push(`Flink config: ${key} holds a credential inline`);
  }
  return out;
}
