import type * as pulumi from '@pulumi/pulumi';

const NULL_RECEIVER = 'null';

/**
 * Alertmanager's configuration. Without a webhook (kind) every alert goes to a receiver that
 * sends nothing: alerts stay visible in Alertmanager and Grafana, nobody is paged from a laptop.
 * With one (production), alerts go to it, resolved ones included; the always-firing Watchdog
 * and InfoInhibitor alerts of kube-prometheus-stack are dropped.
 */
export function alertmanagerConfig(
  webhookUrl: pulumi.Output<string> | undefined,
): Record<string, unknown> {
  const inhibitRules = [
    {
      source_matchers: ['severity = "critical"'],
      target_matchers: ['severity =~ "warning|info"'],
      equal: ['namespace', 'alertname'],
    },
  ];
  if (webhookUrl === undefined) {
    return {
      route: { receiver: NULL_RECEIVER, group_by: ['namespace', 'alertname'] },
      receivers: [{ name: NULL_RECEIVER }],
      inhibit_rules: inhibitRules,
    };
  }
  return {
    route: {
      receiver: 'platform',
      group_by: ['namespace', 'alertname'],
      group_wait: '30s',
      group_interval: '5m',
      repeat_interval: '4h',
      routes: [
        { receiver: NULL_RECEIVER, matchers: ['alertname = "Watchdog"'] },
        { receiver: NULL_RECEIVER, matchers: ['alertname = "InfoInhibitor"'] },
      ],
    },
    receivers: [
      { name: NULL_RECEIVER },
      { name: 'platform', webhook_configs: [{ url: webhookUrl, send_resolved: true }] },
    ],
    inhibit_rules: inhibitRules,
  };
}
