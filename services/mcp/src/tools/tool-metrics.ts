import { Counter, Histogram } from 'prom-client';
import type { Registry } from 'prom-client';

/** Whether a tool call produced its result or an `isError` result. */
export type ToolOutcome = 'ok' | 'error';

/** Records every tool call; made once per process, shared by the per-request servers. */
export interface ToolMetrics {
  observe(tool: string, outcome: ToolOutcome, seconds: number): void;
}

/**
 * Calls, errors and latency per tool. Labelled by the tool's own name (aliases count as the
 * tool they stand for) and the outcome, never by base, table or arguments.
 */
export function createToolMetrics(registry: Registry): ToolMetrics {
  const calls = new Counter({
    name: 'mcp_tool_calls_total',
    help: 'MCP tool calls by tool and outcome (ok, or error for isError results).',
    labelNames: ['tool', 'outcome'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'mcp_tool_duration_seconds',
    help: 'Time from a tool call arriving to its result, by tool.',
    labelNames: ['tool'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  return {
    observe(tool, outcome, seconds) {
      calls.inc({ tool, outcome });
      duration.observe({ tool }, seconds);
    },
  };
}
