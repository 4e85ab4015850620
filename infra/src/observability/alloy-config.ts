import { ADDRESSES } from '../cluster-layout.ts';

/**
 * Alloy's pipeline (Alloy configuration syntax), run on every node:
 *
 * - logs: the pods of this node (HOSTNAME is the node name in the chart), read through the
 *   Kubernetes API (no host paths mounted), labelled with namespace, pod, container and app;
 *   a JSON line's `traceId` (the kit's logger) kept as structured metadata; pushed to Loki.
 * - traces: OTLP over gRPC and HTTP from the services, batched, sent to Tempo.
 */
export function alloyConfig(): string {
  return `
discovery.kubernetes "pods" {
  role = "pod"
  selectors {
    role  = "pod"
    field = "spec.nodeName=" + sys.env("HOSTNAME")
  }
}

discovery.relabel "pods" {
  targets = discovery.kubernetes.pods.targets
  rule {
    source_labels = ["__meta_kubernetes_namespace"]
    target_label  = "namespace"
  }
  rule {
    source_labels = ["__meta_kubernetes_pod_name"]
    target_label  = "pod"
  }
  rule {
    source_labels = ["__meta_kubernetes_pod_container_name"]
    target_label  = "container"
  }
  rule {
    source_labels = ["__meta_kubernetes_pod_label_app_kubernetes_io_name"]
    target_label  = "app"
  }
}

loki.source.kubernetes "pods" {
  targets    = discovery.relabel.pods.output
  forward_to = [loki.process.pods.receiver]
}

loki.process "pods" {
  stage.json {
    expressions = { traceId = "traceId" }
  }
  stage.structured_metadata {
    values = { traceId = "traceId" }
  }
  forward_to = [loki.write.loki.receiver]
}

loki.write "loki" {
  endpoint {
    url = "${ADDRESSES.loki}/loki/api/v1/push"
  }
}

otelcol.receiver.otlp "services" {
  grpc {
    endpoint = "0.0.0.0:4317"
  }
  http {
    endpoint = "0.0.0.0:4318"
  }
  output {
    traces = [otelcol.processor.batch.traces.input]
  }
}

otelcol.processor.batch "traces" {
  output {
    traces = [otelcol.exporter.otlp.tempo.input]
  }
}

otelcol.exporter.otlp "tempo" {
  client {
    endpoint = "${ADDRESSES.tempoOtlpGrpc}"
    tls {
      insecure = true
    }
  }
}
`.trimStart();
}
