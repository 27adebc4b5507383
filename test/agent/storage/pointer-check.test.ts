import {
  extractPath,
  findBrokenPointers,
  findPointers,
  localPathOf,
  MAX_POINTERS,
  pathPart,
} from '../../../src/agent/storage/pointer-check';

const JOB = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
/** Bytes shaped like a Java-serialized RetrievableStreamStateHandle: the path URI sits among binary noise. */
function handle(path: string): string {
  const noise = Buffer.from([0xac, 0xed, 0x00, 0x05, 0x73, 0x72, 0x00, 0x3f]);
  const cls = Buffer.from('org.apache.flink.runtime.state.RetrievableStreamStateHandle');
  const uri = Buffer.from(path);
  const len = Buffer.from([uri.length >> 8, uri.length & 0xff]);
  return Buffer.concat([
    noise,
    cls,
    Buffer.from([0x74]),
    len,
    uri,
    Buffer.from([0x78, 0x70, 0x00, 0x00, 0x01, 0x2c]),
  ]).toString('base64');
}

test.each([
  ['file:/opt/flink/ha/c/submittedJobGraph0a1b2c3d4e5f', 'file:/opt/flink/ha/c/submittedJobGraph0a1b2c3d4e5f'],
  ['file:///opt/flink/ha/c/completedCheckpoint0a1b2c3d4e5f', 'file:///opt/flink/ha/c/completedCheckpoint0a1b2c3d4e5f'],
  ['s3://bucket/ha/c/submittedExecutionPlan0a1b2c3d4e5f', 's3://bucket/ha/c/submittedExecutionPlan0a1b2c3d4e5f'],
])('extractPath finds %s inside a serialized handle', (path, expected) => {
  expect(extractPath(handle(path))).toBe(expected);
});

test('findPointers: job graphs (<=1.20), execution plans (2.x), checkpoints in per-job ConfigMaps', () => {
  const pointers = findPointers([
    {
      metadata: { name: `c-${JOB}-config-map` },
      data: {
        counter: '5',
        'checkpointID-0000000000000000004': handle('file:/opt/flink/ha/c/completedCheckpointaaaaaaaaaaaa'),
      },
    },
    {
      metadata: { name: 'c-cluster-config-map' },
      data: {
        [`jobGraph-${JOB}`]: handle('file:/opt/flink/ha/c/submittedJobGraphbbbbbbbbbbbb'),
        [`executionPlan-${JOB}`]: handle('file:/opt/flink/ha/c/submittedExecutionPlancccccccccccc'),
        'org.apache.flink.k8s.leader.restserver': 's,http://1.2.3.4:8081',
      },
    },
  ]);
  expect(pointers.map((p) => [p.configMap, p.key, p.kind, p.jobId, p.path])).toEqual([
    [
      `c-${JOB}-config-map`,
      'checkpointID-0000000000000000004',
      'checkpoint',
      JOB,
      'file:/opt/flink/ha/c/completedCheckpointaaaaaaaaaaaa',
    ],
    [
      'c-cluster-config-map',
      `executionPlan-${JOB}`,
      'job-graph',
      JOB,
      'file:/opt/flink/ha/c/submittedExecutionPlancccccccccccc',
    ],
    ['c-cluster-config-map', `jobGraph-${JOB}`, 'job-graph', JOB, 'file:/opt/flink/ha/c/submittedJobGraphbbbbbbbbbbbb'],
  ]);
});

test.each([
  ['file:/opt/flink/ha/c/x', 'file:///opt/flink/ha', '/mnt/ha', '/mnt/ha/c/x'],
  ['/opt/flink/ha/c/x', 'file:///opt/flink/ha/', '/mnt/ha', '/mnt/ha/c/x'],
  ['file:/elsewhere/x', 'file:///opt/flink/ha', '/mnt/ha', undefined],
  ['file:/opt/flink/ha/../etc/passwd', 'file:///opt/flink/ha', '/mnt/ha', undefined],
  ['s3://b/x', 's3://b', '/mnt/ha', undefined],
])('localPathOf(%s, %s)', (p, dir, mount, expected) => {
  expect(localPathOf(p, dir, mount)).toBe(expected);
});

test('pathPart', () => {
  expect(pathPart('file:/a/b')).toBe('/a/b');
  expect(pathPart('file:///a/b/')).toBe('/a/b/');
  expect(pathPart('gs://a')).toBeUndefined();
});

test('findBrokenPointers reports missing files with the exact key and a fix', async () => {
  const pointers = findPointers([
    {
      metadata: { name: 'c-cluster-config-map' },
      data: {
        [`jobGraph-${JOB}`]: handle('file:/opt/flink/ha/c/submittedJobGraphbbbbbbbbbbbb'),
        [`jobGraph-${'f'.repeat(32)}`]: handle('file:/opt/flink/ha/c/submittedJobGraphdddddddddddd'),
      },
    },
  ]);
  const present = new Set(['/mnt/ha/c/submittedJobGraphdddddddddddd']);
  const broken = await findBrokenPointers(pointers, 'file:///opt/flink/ha', '/mnt/ha', async (p) => present.has(p));
  expect(broken).toHaveLength(1);
  expect(broken[0]).toMatchObject({
    configMap: 'c-cluster-config-map',
    key: `jobGraph-${JOB}`,
    localPath: '/mnt/ha/c/submittedJobGraphbbbbbbbbbbbb',
  });
  expect(broken[0].fix).toMatch(/remove key "jobGraph-a1b2.*" from ConfigMap c-cluster-config-map/);
});

describe('hostile ConfigMap data', () => {
  test('a megabyte of letters in a state handle does not hang the path search', () => {
    const started = Date.now();
    const pointers = findPointers([
      {
        metadata: { name: 'c-cluster-config-map' },
        data: { [`jobGraph-${JOB}`]: Buffer.from('a'.repeat(1 << 20)).toString('base64') },
      },
    ]);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(pointers).toEqual([
      { configMap: 'c-cluster-config-map', key: `jobGraph-${JOB}`, kind: 'job-graph', jobId: JOB },
    ]);
  });

  test('a path longer than any file system takes is no path', () => {
    const [pointer] = findPointers([
      {
        metadata: { name: 'c-cluster-config-map' },
        data: { [`jobGraph-${JOB}`]: handle(`file:/${'d/'.repeat(5000)}x`) },
      },
    ]);
    expect(pointer.path).toBeUndefined();
  });

  test('pointers are counted up to a limit', () => {
    const data: Record<string, string> = {};
    for (let i = 0; i < 5000; i++)
      data[`checkpointID-${String(i).padStart(19, '0')}`] = handle('file:/opt/flink/ha/c/x');
    const pointers = findPointers([{ metadata: { name: `c-${JOB}-config-map` }, data }]);
    expect(pointers).toHaveLength(MAX_POINTERS);
  });
});

test('Flink 2.3: an application pointer in the cluster ConfigMap is found, and a missing file gets its own fix', async () => {
  const APP = 'ffeeddccbbaa99887766554433221100';
  const pointers = findPointers([
    {
      metadata: { name: 'c-cluster-config-map' },
      data: { [`application-${APP}`]: handle('file:/opt/flink/ha/c/submittedApplicationeeeeeeeeeeee') },
    },
  ]);
  expect(pointers).toEqual([
    {
      configMap: 'c-cluster-config-map',
      key: `application-${APP}`,
      kind: 'application',
      path: 'file:/opt/flink/ha/c/submittedApplicationeeeeeeeeeeee',
    },
  ]);
  const broken = await findBrokenPointers(pointers, 'file:///opt/flink/ha', '/mnt/ha', async () => false);
  expect(broken[0].fix).toBe(
    'restore file:/opt/flink/ha/c/submittedApplicationeeeeeeeeeeee (a submitted application) from a backup; ' +
      `if it is lost, scale the JobManagers to 0, remove key "application-${APP}" from ConfigMap c-cluster-config-map, ` +
      'then scale up and submit the application again',
  );
});
