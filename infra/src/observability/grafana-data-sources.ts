import { ADDRESSES } from '../cluster-layout.ts';

/** Data source uids: dashboards and the links between data sources refer to these. */
export const DATA_SOURCE_UIDS = { prometheus: 'prometheus', loki: 'loki', tempo: 'tempo' } as const;

// Grafana expands environment variables in provisioning files: `$$` keeps a literal `$`.
const literal = (template: string): string => template.replaceAll('$', () => '$$');

/**
 * Loki and Tempo as Grafana data sources (Prometheus comes with kube-prometheus-stack, uid
 * `prometheus`), linked both ways on the trace id: a log line's `"traceId":"…"` (the kit's
 * logger writes it on every line of a traced request) opens the trace in Tempo, and a span
 * opens the log lines of its trace in Loki, where Alloy stored the id as structured metadata.
 */
export function grafanaDataSources(): Record<string, unknown>[] {
  return [
    {
      name: 'Loki',
      uid: DATA_SOURCE_UIDS.loki,
      type: 'loki',
      access: 'proxy',
      url: ADDRESSES.loki,
      jsonData: {
        maxLines: 1000,
        derivedFields: [
          {
            name: 'traceId',
            matcherType: 'regex',
            matcherRegex: '"traceId":"([0-9a-f]{32})"',
            datasourceUid: DATA_SOURCE_UIDS.tempo,
            url: literal('${__value.raw}'),
            urlDisplayLabel: 'Open trace',
          },
        ],
      },
    },
    {
      name: 'Tempo',
      uid: DATA_SOURCE_UIDS.tempo,
      type: 'tempo',
      access: 'proxy',
      url: ADDRESSES.tempoQuery,
      jsonData: {
        tracesToLogsV2: {
          datasourceUid: DATA_SOURCE_UIDS.loki,
          spanStartTimeShift: '-5m',
          spanEndTimeShift: '5m',
          customQuery: true,
          query: literal('{namespace=~".+"} | traceId="${__trace.traceId}"'),
        },
        lokiSearch: { datasourceUid: DATA_SOURCE_UIDS.loki },
        nodeGraph: { enabled: true },
      },
    },
  ];
}
