import { createHash } from 'crypto';
import { Construct } from 'constructs';
import { k8s } from '../../imports/k8s';
import { assertConfigMapSize } from './asserts';
import { renderConfigFile } from '../flink/config-file';
import { log4jConsoleProperties } from '../flink/log4j';
import { ClusterModel } from '../model/cluster-model';
import { Component, metadata } from '../model/labels';

/** The Flink configuration file and log4j properties, in the version's file format. */
export class FlinkConfigMap extends Construct {
  /** Changes whenever the files do; the pods carry it so a config change rolls them. */
  public readonly checksum: string;

  constructor(scope: Construct, id: string, m: ClusterModel) {
    super(scope, id);
    const data = {
      [m.traits.configFileName]: renderConfigFile(m.flinkConfig, m.traits),
      'log4j-console.properties': log4jConsoleProperties(m.logLevel),
    };
    assertConfigMapSize(m.names.config, data);
    new k8s.KubeConfigMap(this, 'Resource', { metadata: metadata(m.meta, m.names.config, Component.CONFIG), data });
    this.checksum = createHash('sha256').update(JSON.stringify(data)).digest('hex');
  }
}
