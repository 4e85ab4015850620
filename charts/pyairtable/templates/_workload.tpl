{{/*
The objects every long-running component has, built the same way for each: Deployment,
ConfigMap, Service, ServiceAccount, PodDisruptionBudget. Each expects a dict with
  root       the chart's root context ($)
  component  gateway | chat | mcp | operator | airtable-emulator
  values     the component's values (.Values.chat, ...)
*/}}

{{/*
The component's pod spec; extra keys of the dict:
  command        the container command (list)
  healthPath     the liveness/startup path (/livez, or /healthz for the operator)
  secretEntries  the `secrets` entries it reads (list)
  env            extra env entries (YAML list text), optional
  automountToken mount the ServiceAccount token (the operator only)
  volumes        extra volumes (YAML list text), optional
  volumeMounts   extra mounts (YAML list text), optional
  checksum       changes when the component's configuration does, so pods roll
*/}}
{{- define "pyairtable.podTemplate" -}}
{{- $root := .root -}}
{{- $values := .values -}}
{{- $name := include "pyairtable.componentName" . -}}
metadata:
  labels:
    {{- include "pyairtable.selectorLabels" . | nindent 4 }}
    app.kubernetes.io/part-of: pyairtable
    {{- with $values.podLabels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  annotations:
    checksum/config: {{ .checksum }}
    {{- with $values.podAnnotations }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  serviceAccountName: {{ $name }}
  automountServiceAccountToken: {{ .automountToken | default false }}
  {{- with $root.Values.imagePullSecrets }}
  imagePullSecrets:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  securityContext:
    {{- toYaml $root.Values.podSecurityContext | nindent 4 }}
  terminationGracePeriodSeconds: {{ $values.terminationGracePeriodSeconds }}
  {{- with $values.priorityClassName }}
  priorityClassName: {{ . }}
  {{- end }}
  {{- with $values.nodeSelector }}
  nodeSelector:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $values.tolerations }}
  tolerations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $values.affinity }}
  affinity:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $values.topologySpreadConstraints }}
  topologySpreadConstraints:
    {{- range . }}
    - {{- toYaml (merge (dict) . (dict "labelSelector" (dict "matchLabels" (include "pyairtable.selectorLabels" $ | fromYaml)))) | nindent 6 }}
    {{- end }}
  {{- end }}
  containers:
    - name: {{ .component }}
      image: {{ include "pyairtable.image" . }}
      imagePullPolicy: {{ $root.Values.image.pullPolicy }}
      workingDir: {{ $root.Values.image.workingDir }}
      command:
        {{- toYaml .command | nindent 8 }}
      ports:
        - name: http
          containerPort: {{ include "pyairtable.port" .component }}
          protocol: TCP
      envFrom:
        - configMapRef:
            name: {{ $name }}
      {{- $secretEnv := include "pyairtable.secretEnv" (dict "root" $root "entries" .secretEntries) | trim }}
      {{- if or $secretEnv .env }}
      env:
        {{- with $secretEnv }}
        {{- . | nindent 8 }}
        {{- end }}
        {{- with .env }}
        {{- . | nindent 8 }}
        {{- end }}
      {{- end }}
      securityContext:
        {{- toYaml $root.Values.containerSecurityContext | nindent 8 }}
      resources:
        {{- toYaml $values.resources | nindent 8 }}
      startupProbe:
        httpGet:
          path: {{ .healthPath }}
          port: http
        {{- toYaml $root.Values.probes.startup | nindent 8 }}
      livenessProbe:
        httpGet:
          path: {{ .healthPath }}
          port: http
        {{- toYaml $root.Values.probes.liveness | nindent 8 }}
      readinessProbe:
        httpGet:
          path: /readyz
          port: http
        {{- toYaml $root.Values.probes.readiness | nindent 8 }}
      {{- if gt (int $values.preStopSleepSeconds) 0 }}
      lifecycle:
        preStop:
          sleep:
            seconds: {{ $values.preStopSleepSeconds }}
      {{- end }}
      volumeMounts:
        - name: tmp
          mountPath: /tmp
        {{- with .volumeMounts }}
        {{- . | nindent 8 }}
        {{- end }}
  volumes:
    - name: tmp
      emptyDir:
        sizeLimit: {{ $root.Values.tmpSizeLimit }}
    {{- with .volumes }}
    {{- . | nindent 4 }}
    {{- end }}
{{- end -}}

{{/* The component's Deployment; `replicas` is left out when an autoscaler owns it (autoscaled: true). */}}
{{- define "pyairtable.deployment" -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "pyairtable.componentName" . }}
  namespace: {{ .root.Release.Namespace }}
  labels:
    {{- include "pyairtable.labels" . | nindent 4 }}
spec:
  {{- if not .autoscaled }}
  replicas: {{ .replicas }}
  {{- end }}
  revisionHistoryLimit: 5
  {{- with .strategy }}
  strategy:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  selector:
    matchLabels:
      {{- include "pyairtable.selectorLabels" . | nindent 6 }}
  template:
    {{- include "pyairtable.podTemplate" . | nindent 4 }}
{{- end -}}

{{/* The component's ConfigMap of non-secret variables; expects `data` (a map) in the dict. */}}
{{- define "pyairtable.configMap" -}}
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "pyairtable.componentName" . }}
  namespace: {{ .root.Release.Namespace }}
  labels:
    {{- include "pyairtable.labels" . | nindent 4 }}
data:
  {{- include "pyairtable.configData" .data | trim | nindent 2 }}
{{- end -}}

{{/* The component's Service (port `http`); `serviceType` and `nodePort` optional. */}}
{{- define "pyairtable.service" -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "pyairtable.componentName" . }}
  namespace: {{ .root.Release.Namespace }}
  labels:
    {{- include "pyairtable.labels" . | nindent 4 }}
  {{- with .values.service.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  type: {{ .serviceType | default "ClusterIP" }}
  selector:
    {{- include "pyairtable.selectorLabels" . | nindent 4 }}
  ports:
    - name: http
      port: {{ include "pyairtable.port" .component }}
      targetPort: http
      protocol: TCP
      {{- if and (eq (.serviceType | default "ClusterIP") "NodePort") .nodePort }}
      nodePort: {{ .nodePort }}
      {{- end }}
{{- end -}}

{{/* The component's ServiceAccount; its token is mounted only where `automountToken` is true. */}}
{{- define "pyairtable.serviceAccount" -}}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ include "pyairtable.componentName" . }}
  namespace: {{ .root.Release.Namespace }}
  labels:
    {{- include "pyairtable.labels" . | nindent 4 }}
  {{- with .values.serviceAccount.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
automountServiceAccountToken: {{ .automountToken | default false }}
{{- end -}}

{{/* The component's PodDisruptionBudget, when enabled. */}}
{{- define "pyairtable.podDisruptionBudget" -}}
{{- $pdb := .values.podDisruptionBudget -}}
{{- if $pdb.enabled }}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "pyairtable.componentName" . }}
  namespace: {{ .root.Release.Namespace }}
  labels:
    {{- include "pyairtable.labels" . | nindent 4 }}
spec:
  {{- if not (kindIs "invalid" $pdb.minAvailable) }}
  minAvailable: {{ $pdb.minAvailable }}
  {{- else }}
  maxUnavailable: {{ $pdb.maxUnavailable }}
  {{- end }}
  selector:
    matchLabels:
      {{- include "pyairtable.selectorLabels" . | nindent 6 }}
  # Pods that never became ready may always be evicted (a broken rollout must not block drains).
  unhealthyPodEvictionPolicy: AlwaysAllow
{{- end }}
{{- end -}}

{{/* LOG_LEVEL and the other variables every component reads, then the component's own. */}}
{{- define "pyairtable.baseConfig" -}}
{{- $config := dict "PORT" (include "pyairtable.port" .component) -}}
{{- $_ := set $config "LOG_LEVEL" (.values.config.LOG_LEVEL | default .root.Values.config.LOG_LEVEL) -}}
{{- $_ := set $config "OTEL_EXPORTER_OTLP_ENDPOINT" .root.Values.config.OTEL_EXPORTER_OTLP_ENDPOINT -}}
{{- range $key, $value := .values.config }}
{{- if ne $key "LOG_LEVEL" }}
{{- $_ := set $config $key $value }}
{{- end }}
{{- end }}
{{- toJson $config -}}
{{- end -}}
