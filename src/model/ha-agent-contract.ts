import { AGENT_PORT, ROLE_LABEL } from '../agent/contract';
import { DEFAULT_AGENT_NODE_IMAGE } from './observability';

/**
 * What the HA agent sidecar offers the rest of the cluster: the port of its HTTP server, the
 * pod label it keeps, and the Node.js image it runs on by default.
 */
export class HaAgentContract {
  /** Port of the agent's HTTP server: /healthz, /readyz, /metrics, /status. */
  public static readonly PORT = AGENT_PORT;
  /** Pod label the agent keeps on its own pod (values: HaRole); the leader-only REST Service selects `leader`. */
  public static readonly ROLE_LABEL = ROLE_LABEL;
  /** Node.js image the agent runs on by default: an LTS line, pinned; override with `haAgent.nodeImage`. */
  public static readonly DEFAULT_NODE_IMAGE = DEFAULT_AGENT_NODE_IMAGE;

  // A class of constants (not free constants) so that jsii carries them to every language.
  private constructor() {}
}
