import { classifyKey, KeyClassification } from '../../../src/flink/catalog/option-catalog';

type Expect = Partial<Pick<KeyClassification, 'kind' | 'family' | 'replacement' | 'since'>> & {
  rule?: RegExp;
  option?: string;
  suggestion?: string;
};

/** Keys, the rule each falls under in a version, and what the classification must say. */
const CASES: Array<[string, string, Expect]> = [
  // options and their older keys
  [
    '2.3',
    'high-availability.type',
    { kind: 'option', option: 'high-availability.type', rule: /HighAvailabilityOptions/ },
  ],
  [
    '2.3',
    'high-availability',
    {
      kind: 'deprecated-key',
      replacement: 'high-availability.type',
      rule: /still reads it, but use high-availability.type/,
    },
  ],
  ['1.20', 'state.checkpoints.dir', { kind: 'deprecated-key', replacement: 'execution.checkpointing.dir' }],
  ['1.19', 'state.checkpoints.dir', { kind: 'option' }],
  ['2.3', 'rest.bind-address', { kind: 'option' }],
  ['2.3', 'web.address', { kind: 'fallback-key', replacement: 'rest.bind-address' }],
  // removed in 2.0 (and still removed later), with the replacement when Flink named one
  [
    '2.0',
    'jobmanager.heap.size',
    { kind: 'removed', since: '2.0', rule: /^Flink 2.0 removed this key$/, suggestion: 'jobmanager.memory.heap.size' },
  ],
  ['2.3', 'state.backend.async', { kind: 'removed', since: '2.0' }],
  [
    '2.0',
    'state.backend.rocksdb.checkpointdir',
    {
      kind: 'removed',
      since: '2.0',
      replacement: 'state.backend.rocksdb.localdir',
      rule: /use state.backend.rocksdb.localdir/,
    },
  ],
  ['2.3', 'taskmanager.network.memory.buffers-per-channel', { kind: 'removed', since: '2.0' }],
  ['2.2', 'traces.report-events-as-spans', { kind: 'removed', since: '2.2' }],
  ['1.20', 'jobmanager.heap.size', { kind: 'deprecated-option', rule: /^an option Flink 1.20 marks deprecated$/ }],
  [
    '1.20',
    'execution.savepoint.path',
    {
      kind: 'deprecated-option',
      replacement: 'execution.state-recovery.path',
      rule: /marks deprecated; use execution.state-recovery.path/,
    },
  ],
  ['1.19', 'execution.savepoint.path', { kind: 'option' }],
  // only in later versions
  ['1.19', 'execution.checkpointing.dir', { kind: 'not-yet-available', since: '1.20', rule: /from Flink 1.20 on/ }],
  ['1.18', 'traces.reporter.otel.factory.class', { kind: 'unknown' }],
  // reporters: documented suffixes are typed options, the rest goes to the reporter
  [
    '2.3',
    'metrics.reporter.prom.factory.class',
    { kind: 'template-option', family: 'metric-reporter', option: 'metrics.reporter.<name>.factory.class' },
  ],
  [
    '2.3',
    'metrics.reporter.prom.interval',
    { kind: 'template-option', family: 'metric-reporter', option: 'metrics.reporter.<name>.interval' },
  ],
  [
    '2.3',
    'metrics.reporter.prom.port',
    {
      kind: 'reporter-parameter',
      family: 'metric-reporter',
      rule: /passes metrics.reporter.<name>.<parameter> to the reporter named <name>/,
    },
  ],
  [
    '2.3',
    'metrics.reporter.influx.db',
    { kind: 'reporter-parameter', rule: /the metrics-influx plugin reads "db" \(String\)/ },
  ],
  ['2.3', 'traces.reporter.otel.exporter.endpoint', { kind: 'reporter-parameter', family: 'trace-reporter' }],
  ['2.1', 'events.reporter.x.factory.class', { kind: 'template-option', family: 'event-reporter' }],
  // filesystem plugins
  [
    '2.3',
    's3.access-key',
    { kind: 'filesystem-passthrough', family: 'filesystem', rule: /flink-s3-fs-hadoop \/ flink-s3-fs-presto/ },
  ],
  ['2.3', 'fs.s3a.connection.maximum', { kind: 'filesystem-passthrough', rule: /"fs.s3a."/ }],
  ['2.3', 'presto.s3.socket-timeout', { kind: 'filesystem-passthrough', rule: /flink-s3-fs-presto/ }],
  ['2.3', 'gs.writer.temporary.bucket.name', { kind: 'filesystem-passthrough', rule: /flink-gs-fs-hadoop/ }],
  [
    '2.3',
    'fs.azure.account.key.acct.blob.core.windows.net',
    { kind: 'filesystem-passthrough', rule: /flink-azure-fs-hadoop/ },
  ],
  ['2.3', 'fs.s3.limit.total', { kind: 'template-option', option: 'fs.<param1>.limit.total' }],
  ['2.3', 'fs.default-scheme', { kind: 'option' }],
  ['2.3', 'fs.defaultscheme', { kind: 'unknown', suggestion: 'fs.default-scheme' }],
  // JVM options, container environment, kubernetes.*
  ['2.3', 'env.java.opts.jobmanager', { kind: 'option' }],
  [
    '2.3',
    'env.java.opts.jobmanagr',
    {
      kind: 'unknown',
      family: 'java-opts',
      suggestion: 'env.java.opts.jobmanager',
      rule: /the JVM option keys are env.java.opts.all, /,
    },
  ],
  [
    '2.3',
    'containerized.master.env.LD_LIBRARY_PATH',
    { kind: 'container-env', family: 'container-env', rule: /standalone deployment ignores it/ },
  ],
  ['1.18', 'containerized.taskmanager.env.HADOOP_CONF_DIR', { kind: 'container-env' }],
  ['2.3', 'containerized.master.env.', { kind: 'unknown', family: 'container-env' }],
  ['2.3', 'kubernetes.cluster-id', { kind: 'option' }],
  [
    '2.3',
    'kubernetes.cluster-idd',
    {
      kind: 'unknown',
      family: 'kubernetes',
      suggestion: 'kubernetes.cluster-id',
      rule: /every kubernetes.\* key Flink reads is one of its options/,
    },
  ],
  // placeholders Flink documents
  ['2.3', 'flink.hadoop.dfs.replication', { kind: 'template-option', option: 'flink.hadoop.<key>' }],
  [
    '2.3',
    'external-resource.gpu.amount',
    { kind: 'template-option', option: 'external-resource.<resource_name>.amount' },
  ],
  // not cluster configuration
  ['2.3', 'format', { kind: 'connector-option', rule: /table factory: it belongs in a table's WITH clause/ }],
  ['2.3', 'lookup.cache', { kind: 'connector-option' }],
  ['2.3', 'table.exec.resource.default-parallelism', { kind: 'option' }],
  ['2.3', '$internal.pipeline.job-id', { kind: 'internal' }],
  // junk the old hand-extracted key lists carried
  ['2.3', 'Timeout on the client side.', { kind: 'unknown' }],
];

test.each(CASES)('Flink %s: %s', (version, key, expected) => {
  const got = classifyKey(version, key);
  const { rule, option, suggestion, ...fields } = expected;
  expect(got).toMatchObject({ key, version, ...fields });
  if (rule) expect(got.rule).toMatch(rule);
  if (option) expect(got.option?.key).toBe(option);
  if (suggestion) expect(got.suggestions?.[0]).toBe(suggestion);
});

test('every classification names its rule', () => {
  for (const [version, key] of CASES) expect(classifyKey(version, key).rule.length).toBeGreaterThan(10);
});
