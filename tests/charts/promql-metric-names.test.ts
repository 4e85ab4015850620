/** The PromQL reading the dashboard and alert checks rely on. */
import { describe, expect, it } from 'vitest';
import { familyCandidates, jobSelectors, metricNames } from './support/promql-metric-names.ts';

describe('metricNames', () => {
  it('finds metrics and leaves out functions, labels, grouping, ranges and variables', () => {
    expect(
      metricNames(
        'histogram_quantile(0.95, sum by (job, le) (rate(http_server_request_duration_seconds_bucket{namespace="$namespace", route!~"/ws|/api/chat/\\\\*"}[$__rate_interval])))',
      ),
    ).toEqual(['http_server_request_duration_seconds_bucket']);
    expect(
      metricNames(
        'sum(rate(a_total{x="b_total"}[5m] offset 1h)) / on (pod) group_left max(c_gauge) > bool 1e3 and pyairtable:ratio_rate5m',
      ),
    ).toEqual(['a_total', 'c_gauge', 'pyairtable:ratio_rate5m']);
    expect(
      metricNames(
        'topk(5, max by (pod) (nodejs_eventloop_lag_p99_seconds)) > (14.4 * (1 - 99.5 / 100))',
      ),
    ).toEqual(['nodejs_eventloop_lag_p99_seconds']);
    expect(metricNames('label_values(operator_leader{job="operator"}, namespace)')).toEqual([
      'operator_leader',
    ]);
  });

  it('reads which job a selector asks', () => {
    expect(jobSelectors('rate(x_total{namespace="n", job="chat"}[5m]) / y{job=~"a|b"}')).toEqual([
      { metric: 'x_total', job: 'chat' },
    ]);
  });

  it('maps histogram series to their family', () => {
    expect(familyCandidates('a_seconds_bucket')).toEqual(['a_seconds_bucket', 'a_seconds']);
    expect(familyCandidates('a_total')).toEqual(['a_total']);
  });
});
