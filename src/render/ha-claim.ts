import { Construct } from 'constructs';
import { k8s } from '../../imports/k8s';
import { HaStorageModel } from '../model/cluster-model';
import { Component, metadata, MetadataContext } from '../model/labels';

const mebibytesQuantity = (mib: number) => (mib % 1024 === 0 ? `${mib / 1024}Gi` : `${mib}Mi`);

/** The PersistentVolumeClaim for HA storage, when the cluster creates one (HaStorage.newClaim). */
export class HaClaim extends Construct {
  constructor(scope: Construct, id: string, meta: MetadataContext, storage: HaStorageModel & { kind: 'new-claim' }) {
    super(scope, id);
    new k8s.KubePersistentVolumeClaim(this, 'Resource', {
      metadata: metadata(meta, storage.claimName, Component.HA_STORAGE),
      spec: {
        accessModes: [storage.accessMode],
        ...(storage.storageClassName ? { storageClassName: storage.storageClassName } : {}),
        resources: { requests: { storage: k8s.Quantity.fromString(mebibytesQuantity(storage.sizeMiB)) } },
      },
    });
  }
}
