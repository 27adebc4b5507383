/**
 * Flink's ports, pinned. Flink picks random ports for the blob server, TaskManager RPC,
 * the metric query service and the HA JobManager port by default, which no containerPort
 * or NetworkPolicy can name.
 */
export const FlinkPorts = {
  /** `jobmanager.rpc.port`, also `high-availability.jobmanager.port`. */
  RPC: 6123,
  /** `blob.server.port`. */
  BLOB: 6124,
  /** `taskmanager.rpc.port`. */
  TASKMANAGER_RPC: 6122,
  /** `taskmanager.data.port` (shuffle). */
  TASKMANAGER_DATA: 6121,
  /** `rest.port`: REST API and web UI. */
  REST: 8081,
  /** `metrics.reporter.prom.port`: Prometheus metrics of JobManagers and TaskManagers. */
  METRICS: 9249,
  /**
   * `metrics.internal.query-service.port`: every JobManager and TaskManager runs a metric
   * query service that the leader's REST server asks for the metrics the web UI shows.
   */
  METRIC_QUERY: 6125,
} as const;
