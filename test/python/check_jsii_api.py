#!/usr/bin/env python3
"""Checks of the Python package that the byte comparison of examples/main.py cannot make:
a validation error reaches Python with the message docs/bad-inputs.md lists, the classes that
replace TypeScript's free functions and constants work, and a converted FlinkDeployment builds.
Run from the repository root by .ci/jsii, inside the virtualenv with the built wheel."""

import os
import re
import sys
import tempfile

from cdk8s import App, Chart
import cdk8s_flink as flink

ROW = '| cluster id with capitals or "_" |'


def documented_message(row: str) -> str:
    """The error column of a row of docs/bad-inputs.md (the messages TypeScript tests check)."""
    with open(os.path.join("docs", "bad-inputs.md"), encoding="utf-8") as f:
        line = next(l for l in f if l.startswith(row))
    cells = re.split(r"(?<!\\)\|", line.strip())
    return cells[-2].strip().replace("\\|", "|")


def check_validation_error() -> None:
    expected = documented_message(ROW)
    chart = Chart(App(), "c", namespace="flink")
    try:
        flink.FlinkCluster(chart, "F", flink_version=flink.FlinkVersion.V1_19, cluster_id="My_Cluster")
    except RuntimeError as e:
        # jsii raises RuntimeError with the JavaScript error's message (sometimes prefixed with its name).
        assert expected in str(e), f"message differs:\n  python:     {e}\n  documented: {expected}"
        return
    raise AssertionError("a bad clusterId did not raise")


def check_static_members() -> None:
    assert flink.FlinkPorts.REST == 8081
    assert flink.HaStorage.MOUNT_PATH == "/opt/flink/ha"
    assert flink.HaAgentContract.ROLE_LABEL == "flink.cdk8s.io/ha-role"
    assert flink.HaAgentContract.PORT == 8090
    assert flink.GitOpsOutput.SYNC_WAVE_ANNOTATION == "argocd.argoproj.io/sync-wave"
    assert flink.FlinkGrafanaDashboard.uid("orders", "flink").startswith("flink-")
    assert '"title": "Flink orders (flink)"' in flink.FlinkGrafanaDashboard.to_json_string("orders", "flink")


def check_conversion_and_gitops() -> None:
    with open(os.path.join("test", "convert", "corpus", "application-stateless.yaml"), encoding="utf-8") as f:
        manifest = f.read()
    conversion = flink.FlinkDeploymentConverter.to_props(manifest)
    assert conversion.props.cluster_id == "orders", conversion.props.cluster_id
    assert conversion.props.flink_version == flink.FlinkVersion.V1_20
    assert conversion.report and all(r.severity in ("error", "warning", "info") for r in conversion.report)
    app = App()
    cluster = flink.FlinkCluster.from_flink_deployment(Chart(app, "c"), "orders", manifest)
    assert cluster.job_manager.name == "orders-jobmanager"
    assert len(cluster.conversion_report) == len(conversion.report)
    with tempfile.TemporaryDirectory() as outdir:
        files = flink.GitOpsOutput.synth(app, outdir=outdir)
    assert "kustomization.yaml" in files and "streaming/deployment-orders-jobmanager.yaml" in files, files


if __name__ == "__main__":
    for check in (check_validation_error, check_static_members, check_conversion_and_gitops):
        check()
        print(f"ok {check.__name__}")
    sys.exit(0)
