{{/*
Names, labels and small shared pieces. Components are named by their `app.kubernetes.io/component`
label: gateway, chat, mcp, operator, airtable-emulator, migrations.
*/}}

{{- define "pyairtable.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* The prefix of every object name. */}}
{{- define "pyairtable.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* `<fullname>-<component>`; expects (dict "root" $ "component" "chat"). */}}
{{- define "pyairtable.componentName" -}}
{{- printf "%s-%s" (include "pyairtable.fullname" .root) .component | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels of every object; expects (dict "root" $ "component" "chat"). */}}
{{- define "pyairtable.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "pyairtable.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: pyairtable
{{- with .root.Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* Labels that select a component's pods; expects (dict "root" $ "component" "chat"). */}}
{{- define "pyairtable.selectorLabels" -}}
app.kubernetes.io/name: {{ include "pyairtable.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- if .component }}
app.kubernetes.io/component: {{ .component }}
{{- end }}
{{- end -}}

{{/* A component's image (the Dockerfile target of that name); expects (dict "root" $ "component" "chat"). */}}
{{- define "pyairtable.image" -}}
{{- $image := .root.Values.image -}}
{{- printf "%s/%s:%s" $image.repository .component (default .root.Chart.AppVersion $image.tag) -}}
{{- end -}}

{{/* The port each component listens on (the architecture's fixed ports). */}}
{{- define "pyairtable.port" -}}
{{- $ports := dict "gateway" 8000 "mcp" 8001 "chat" 8003 "operator" 8080 "airtable-emulator" 8090 -}}
{{- get $ports . -}}
{{- end -}}

{{/* http://<service>.<namespace>.svc:<port> of a component; expects (dict "root" $ "component" "mcp"). */}}
{{- define "pyairtable.serviceUrl" -}}
{{- printf "http://%s.%s.svc:%s" (include "pyairtable.componentName" .) .root.Release.Namespace (include "pyairtable.port" .component) -}}
{{- end -}}

{{/* The Airtable API mcp and the operator use: the emulator's Service when it runs. */}}
{{- define "pyairtable.airtableEndpointUrl" -}}
{{- if .Values.airtableEmulator.enabled -}}
{{- include "pyairtable.serviceUrl" (dict "root" . "component" "airtable-emulator") -}}
{{- else -}}
{{- .Values.airtable.endpointUrl -}}
{{- end -}}
{{- end -}}

{{/* The Secret the chart owns (the `secrets` entries given as `value`). */}}
{{- define "pyairtable.secretName" -}}
{{- include "pyairtable.fullname" . -}}
{{- end -}}

{{/* The environment variable each `secrets` entry becomes, as JSON. */}}
{{- define "pyairtable.secretVariables" -}}
{{- toJson (dict "databaseUrl" "DATABASE_URL" "redisUrl" "REDIS_URL" "secretEncryptionKeys" "SECRET_ENCRYPTION_KEYS" "geminiApiKey" "GEMINI_API_KEY" "llmApiKey" "LLM_API_KEY" "adminEmail" "ADMIN_EMAIL" "adminPassword" "ADMIN_PASSWORD") -}}
{{- end -}}

{{/* "true" when a `secrets` entry is set; expects (dict "root" $ "entry" "redisUrl"). */}}
{{- define "pyairtable.secretIsSet" -}}
{{- $entry := get .root.Values.secrets .entry -}}
{{- if or $entry.value $entry.existingSecret -}}true{{- end -}}
{{- end -}}

{{/*
Env entries reading the `secrets` entries that are set; expects
(dict "root" $ "entries" (list "databaseUrl" ...)).
*/}}
{{- define "pyairtable.secretEnv" -}}
{{- $root := .root -}}
{{- $variables := include "pyairtable.secretVariables" $root | fromJson -}}
{{- range .entries }}
{{- $entry := get $root.Values.secrets . }}
{{- if or $entry.value $entry.existingSecret }}
- name: {{ get $variables . }}
  valueFrom:
    secretKeyRef:
      {{- if $entry.existingSecret }}
      name: {{ $entry.existingSecret }}
      key: {{ $entry.key }}
      {{- else }}
      name: {{ include "pyairtable.secretName" $root }}
      key: {{ get $variables . }}
      {{- end }}
{{- end }}
{{- end }}
{{- end -}}

{{/*
A ConfigMap's data from a map of variables: nulls and empty strings are left out (the service's
default applies), booleans of on/off settings become "on"/"off", whole numbers are printed
without an exponent (YAML numbers arrive as floats), everything else as a string.
*/}}
{{- define "pyairtable.configData" -}}
{{- range $name, $value := . }}
{{- if not (or (kindIs "invalid" $value) (and (kindIs "string" $value) (eq $value ""))) }}
{{- if kindIs "bool" $value }}
{{ $name }}: {{ ternary "on" "off" $value | quote }}
{{- else if and (kindIs "float64" $value) (eq $value (floor $value)) }}
{{ $name }}: {{ $value | int64 | toString | quote }}
{{- else }}
{{ $name }}: {{ $value | toString | quote }}
{{- end }}
{{- end }}
{{- end }}
{{- end -}}

{{/*
A checksum of a component's configuration: its ConfigMap data and the chart-owned secret values
(a rotated `value` rolls the pods; a changed existingSecret does not: restart them yourself).
Expects (dict "root" $ "data" <map>).
*/}}
{{- define "pyairtable.checksum" -}}
{{- $secretValues := dict -}}
{{- range $name, $entry := .root.Values.secrets }}{{ $_ := set $secretValues $name $entry.value }}{{ end -}}
{{- printf "%s\n%s" (toJson .data) (toJson $secretValues) | sha256sum -}}
{{- end -}}

{{/* The operator's leader-election Lease. */}}
{{- define "pyairtable.operatorLeaseName" -}}
{{- .Values.operator.leaderElection.leaseName | default (include "pyairtable.componentName" (dict "root" . "component" "operator")) -}}
{{- end -}}

{{/* POD_NAME from the downward API: the operator's identity in the Lease and in Events. */}}
{{- define "pyairtable.operatorPodName" -}}
- name: POD_NAME
  valueFrom:
    fieldRef:
      fieldPath: metadata.name
{{- end -}}

{{/* The operator's rules on the namespaces it reconciles (see operator/rbac.yaml). */}}
{{- define "pyairtable.operatorNamespacedRules" -}}
- apiGroups: [pyairtable.io]
  resources: [tenants, workspaces]
  verbs: [get, list, watch, patch]
- apiGroups: [pyairtable.io]
  resources: [tenants/status, workspaces/status]
  verbs: [patch]
- apiGroups: [""]
  resources: [secrets]
  verbs: [get, list, watch]
- apiGroups: [events.k8s.io]
  resources: [events]
  verbs: [create]
{{- end -}}
