/**
 * Product bugs the harness currently works around, each with its entry in ../FINDINGS.md.
 * Every entry is applied ONLY through this list; delete an entry once the product is fixed,
 * and the harness goes back to running the product's output as it is.
 */
import * as fs from 'fs';
import * as path from 'path';
import { flinkHome } from './mapping';

export interface KnownBug { readonly id: string; readonly finding: string; readonly summary: string }

export const KNOWN_PRODUCT_BUGS: KnownBug[] = [
  {
    id: 'java17-add-opens',
    finding: 'FINDINGS.md#f1-java-17-the-generated-configyaml-drops-the-images-envjavaoptsall',
    summary: "generated config.yaml replaces the image's and loses env.java.opts.all (--add-opens/--add-exports); "
      + 'the e2e cluster passes the distribution\'s own value through flinkConfiguration',
  },
];

export const isKnown = (id: string) => KNOWN_PRODUCT_BUGS.some((b) => b.id === id);

/** java17-add-opens: the distribution's own env.java.opts.all (from its conf/config.yaml), or undefined on 1.18. */
export function distributionJavaOpts(release: string): string | undefined {
  const f = path.join(flinkHome(release), 'conf', 'config.yaml');
  if (!fs.existsSync(f)) return undefined;
  const m = /^env:\n\s+java:\n\s+opts:\n\s+all: (.*)$/m.exec(fs.readFileSync(f, 'utf8'));
  return m?.[1].trim();
}
