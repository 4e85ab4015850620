/**
 * The envtest harness: a real etcd and kube-apiserver (built from their Go modules, cached)
 * for tests of the operator, the CRDs and the chart, and kubectl for scripts.
 */
export { startControlPlane } from './control-plane.ts';
export type { ControlPlane, ControlPlaneOptions } from './control-plane.ts';
export { ensureGoTool } from './go-tools.ts';
export type { GoTool } from './go-tools.ts';
export { kubectl } from './kubectl.ts';
export type { KubectlResult } from './kubectl.ts';
export { ensureBuiltTool, runTool } from './run-tool.ts';
export type { RunToolOptions, ToolResult } from './run-tool.ts';
