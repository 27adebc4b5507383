import { flinkDeploymentToProps } from '../../src/convert/flink-deployment';
import { withSpec } from './support';

const TYPO = 'taskmanager.memory.proces.size';
const messageFor = (report: ReturnType<typeof flinkDeploymentToProps>['report'], key: string) =>
  report.find((f) => f.path === `spec.flinkConfiguration["${key}"]`)?.message;

describe('"did you mean" suggestions for rejected keys', () => {
  test('a misspelt key gets the nearest real keys', () => {
    const { report } = flinkDeploymentToProps(withSpec({ flinkConfiguration: { [TYPO]: '2g' } }));
    expect(messageFor(report, TYPO)).toContain('did you mean "taskmanager.memory.process.size"');
  });

  test('stop after 50 rejected keys, so thousands of bad keys convert in linear time with a small constant', () => {
    const config: Record<string, string> = {};
    for (let i = 0; i < 50; i++) config[`a.unknown${i}`] = '1';
    config[TYPO] = '2g';
    const { report } = flinkDeploymentToProps(withSpec({ flinkConfiguration: config }));
    expect(messageFor(report, 'a.unknown0')).toContain('is not an option of Flink');
    expect(messageFor(report, TYPO)).toContain('is not an option of Flink');
    expect(messageFor(report, TYPO)).not.toContain('did you mean');
  });
});
