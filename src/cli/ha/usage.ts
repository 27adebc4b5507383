/** The usage text of `cdk8s-flink ha`. */
import { Io } from '../io';

export const HA_USAGE = `usage: cdk8s-flink ha <command> --cluster-id ID [--namespace NS]
                      [--kubeconfig PATH] [--context NAME]

commands:
  status [--output json]   leader pod, candidates and their roles, Lease age, last transition,
                           jobs and checkpoints known to Flink's HA ConfigMaps
  clean [--yes]            list Flink's HA ConfigMaps left behind by a deleted cluster;
                           deletes them only with --yes (or when you type the cluster id)
  agent --pod NAME --storage-dir URI [--pod-ip IP] [--storage-path DIR] [--port N]
                           run the HA agent for one JobManager pod that has no agent sidecar,
                           from outside the cluster with the kubeconfig's credentials; the pod
                           IP defaults to the pod's; other settings come from the sidecar's
                           environment variables (FLINK_*, HA_AGENT_*)
`;

/** Prints a usage error with the usage; exit code 2. */
export function usageError(io: Io, message: string): number {
  io.stderr.write(`${message}\n\n${HA_USAGE}`);
  return 2;
}
