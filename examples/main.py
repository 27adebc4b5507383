#!/usr/bin/env python3
"""The example app of examples/main.ts, in Python: the same cluster, synthesized byte for byte.

Needs the cdk8s-flink wheel (`npm run package:python`) and examples/requirements.txt;
`.ci/jsii` builds both into a virtualenv, runs this file and compares its YAML with dist/.
"""

import os
from typing import Any, Dict

from cdk8s import App, Chart, Duration, Size
from cdk8s_flink import (
    FlinkCluster,
    FlinkJobProps,
    FlinkResourcesProps,
    FlinkVersion,
    HaStorage,
    HighAvailabilityProps,
    JobManagerProps,
    RestartStrategy,
    TaskManagerProps,
)
from constructs import Construct


def example_cluster_props(flink_version: FlinkVersion = FlinkVersion.V1_19) -> Dict[str, Any]:
    """The seed article's FlinkDeployment as FlinkCluster props: WordCount, two TaskManagers and
    two JobManager candidates of 1 CPU / 1024Mi, Kubernetes HA on a claim, failure-rate restarts."""
    return dict(
        flink_version=flink_version,
        cluster_id="my-flink-cluster",
        job_manager=JobManagerProps(replicas=2, resources=FlinkResourcesProps(cpu=1, memory=Size.mebibytes(1024))),
        task_manager=TaskManagerProps(replicas=2, resources=FlinkResourcesProps(cpu=1, memory=Size.mebibytes(1024))),
        high_availability=HighAvailabilityProps(storage=HaStorage.new_claim(size=Size.gibibytes(1))),
        job=FlinkJobProps(
            jar_uri="local:///opt/flink/examples/streaming/WordCount.jar",
            entry_class="org.apache.flink.streaming.examples.wordcount.WordCount",
            parallelism=2,
        ),
        restart_strategy=RestartStrategy.failure_rate(
            max_failures_per_interval=3,
            interval=Duration.minutes(5),
            delay=Duration.minutes(1),
        ),
    )


class ExampleChart(Chart):
    """The example app's chart, synthesized into dist/."""

    def __init__(self, scope: Construct, id: str, *, namespace: str = "flink", **props: Any) -> None:
        super().__init__(scope, id, namespace=namespace, **props)
        FlinkCluster(self, "MyFlinkCluster", **example_cluster_props())


def synth_example_app() -> None:
    """Synthesizes the example app into $CDK8S_OUTDIR (set by `cdk8s synth`) or dist/."""
    app = App(outdir=os.environ.get("CDK8S_OUTDIR", "dist"))
    ExampleChart(app, "flink-example")
    app.synth()


if __name__ == "__main__":
    synth_example_app()
