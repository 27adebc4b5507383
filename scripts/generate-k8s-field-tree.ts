/**
 * Writes test/trust/schema/k8s-field-tree.generated.json: for every Kubernetes kind the
 * construct emits, the fields each nested type declares, read from kubernetes-models'
 * type declarations with the TypeScript compiler. kubernetes-models' validators accept
 * unknown fields (the OpenAPI schemas have no additionalProperties: false), and the API
 * server drops them silently, so the trust tests check field names against this tree.
 *
 * Run: npx ts-node --transpile-only scripts/generate-k8s-field-tree.ts
 */
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import * as ts from 'typescript';

/** apiVersion/kind -> module and interface in kubernetes-models. */
const ROOTS: Record<string, [module: string, iface: string]> = {
  'apps/v1/Deployment': ['kubernetes-models/apps/v1/Deployment', 'IDeployment'],
  'v1/ConfigMap': ['kubernetes-models/v1/ConfigMap', 'IConfigMap'],
  'v1/Service': ['kubernetes-models/v1/Service', 'IService'],
  'v1/ServiceAccount': ['kubernetes-models/v1/ServiceAccount', 'IServiceAccount'],
  'v1/PersistentVolumeClaim': ['kubernetes-models/v1/PersistentVolumeClaim', 'IPersistentVolumeClaim'],
  'v1/Secret': ['kubernetes-models/v1/Secret', 'ISecret'],
  'rbac.authorization.k8s.io/v1/Role': ['kubernetes-models/rbac.authorization.k8s.io/v1/Role', 'IRole'],
  'rbac.authorization.k8s.io/v1/RoleBinding': [
    'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding',
    'IRoleBinding',
  ],
  'policy/v1/PodDisruptionBudget': ['kubernetes-models/policy/v1/PodDisruptionBudget', 'IPodDisruptionBudget'],
  'networking.k8s.io/v1/NetworkPolicy': ['kubernetes-models/networking.k8s.io/v1/NetworkPolicy', 'INetworkPolicy'],
  'networking.k8s.io/v1/Ingress': ['kubernetes-models/networking.k8s.io/v1/Ingress', 'IIngress'],
};

/** A field's type: a named object type, a leaf, or a list/map of something. */
type FieldRef = string | { array: FieldRef } | { map: FieldRef };

const root = join(__dirname, '..');
const entry = join(root, 'scripts', '.k8s-field-tree-entry.ts');
const source = Object.entries(ROOTS)
  .map(([, [mod, iface]], i) => `import type { ${iface} as T${i} } from '${mod}';\nexport type R${i} = T${i};`)
  .join('\n');

const host = ts.createCompilerHost({});
const readFile = host.readFile.bind(host);
host.readFile = (f) => (f === entry ? source : readFile(f));
const fileExists = host.fileExists.bind(host);
host.fileExists = (f) => f === entry || fileExists(f);
const program = ts.createProgram(
  [entry],
  {
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
  },
  host,
);
const checker = program.getTypeChecker();
const sf = program.getSourceFile(entry)!;
const moduleSymbol = checker.getSymbolAtLocation(sf)!;

const types: Record<string, Record<string, FieldRef>> = {};

function refOf(type: ts.Type): FieldRef {
  if (type.isUnion()) {
    const parts = type.types.filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)));
    if (parts.every((t) => t.flags & (ts.TypeFlags.StringLike | ts.TypeFlags.NumberLike | ts.TypeFlags.BooleanLike)))
      return 'scalar';
    if (parts.length === 1) return refOf(parts[0]);
    // Booleans appear as `true | false` unions with undefined removed above.
    return 'any';
  }
  if (type.flags & (ts.TypeFlags.StringLike | ts.TypeFlags.NumberLike | ts.TypeFlags.BooleanLike)) return 'scalar';
  if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.NonPrimitive)) return 'any';
  if (checker.isArrayType(type)) return { array: refOf(checker.getTypeArguments(type as ts.TypeReference)[0]) };
  const props = checker.getPropertiesOfType(type);
  const index = checker.getIndexInfoOfType(type, ts.IndexKind.String);
  if (props.length === 0 && index) return { map: refOf(index.type) };
  if (props.length === 0) return 'any';
  const name = checker.typeToString(type).replace(/^import\([^)]*\)\./, '');
  if (!types[name]) {
    const fields: Record<string, FieldRef> = {};
    types[name] = fields;
    for (const p of props) fields[p.getName()] = refOf(checker.getTypeOfSymbol(p));
  }
  return name;
}

const roots: Record<string, string> = {};
const rootExports = checker.getExportsOfModule(moduleSymbol);
Object.keys(ROOTS).forEach((key, i) => {
  const sym = rootExports.find((e) => e.getName() === `R${i}`)!;
  roots[key] = refOf(checker.getDeclaredTypeOfSymbol(sym)) as string;
});

const version = JSON.parse(
  readFileSync(join(root, 'node_modules', 'kubernetes-models', 'package.json'), 'utf8'),
).version;
const sorted = Object.fromEntries(
  Object.keys(types)
    .sort()
    .map((k) => [k, types[k]]),
);
const out = join(root, 'test', 'trust', 'schema', 'k8s-field-tree.generated.json');
writeFileSync(
  out,
  JSON.stringify({ generatedFrom: `kubernetes-models@${version}`, roots, types: sorted }, null, 1) + '\n',
);
console.log(`wrote ${out}: ${Object.keys(types).length} types`);
