/**
 * Flink's ports, pinned. Flink picks random ports for the blob server, TaskManager RPC,
 * the metric query service and the HA JobManager port by default, which no containerPort
 * or NetworkPolicy can name.
 */
export class FlinkPorts {
  /** `jobmanager.rpc.port`, also `high-availability.jobmanager.port`. */
  public static readonly RPC = 6123;
  /** `blob.server.port`. */
  public static readonly BLOB = 6124;
  /** `taskmanager.rpc.port`. */
  public static readonly TASKMANAGER_RPC = 6122;
  /** `taskmanager.data.port` (shuffle). */
  public static readonly TASKMANAGER_DATA = 6121;
  /** `rest.port`: REST API and web UI. */
  public static readonly REST = 8081;
  /** `metrics.reporter.prom.port`: Prometheus metrics of JobManagers and TaskManagers. */
  public static readonly METRICS = 9249;
  /**
   * `metrics.internal.query-service.port`: every JobManager and TaskManager runs a metric
   * query service that the leader's REST server asks for the metrics the web UI shows.
   */
  public static readonly METRIC_QUERY = 6125;

  // A class of constants (not an object literal) so that jsii carries it to every language.
  private constructor() {}
}
