/**
 * The chart and the Dockerfile agree: each component runs the image built from the target of
 * its name, with that target's command, working directory and user; and each migration step
 * runs in an image that holds the kit's migration command and the folder it applies.
 */
import type { KubernetesObject } from '@kubernetes/client-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureGoTool } from '../envtest/index.ts';
import { dockerStages, resolvedStage } from './support/dockerfile-targets.ts';
import type { DockerStage } from './support/dockerfile-targets.ts';
import { renderObjects, RENDERINGS } from './support/helm-chart.ts';
import { allContainers, renderedPods } from './support/pod-specs.ts';

let objects: KubernetesObject[] = [];
let stages = new Map<string, DockerStage>();

beforeAll(async () => {
  await ensureGoTool('helm');
  const dev = RENDERINGS.find((rendering) => rendering.name === 'dev');
  if (dev === undefined) throw new Error('no dev rendering');
  objects = await renderObjects(dev);
  stages = await dockerStages();
}, 30 * 60_000);

/** The Dockerfile target an image reference names: `<repository>/<target>:<tag>`. */
function target(image: string | undefined): string {
  return /\/([^/:@]+)(:[^/]*)?$/.exec(image ?? '')?.[1] ?? '';
}

describe('images', () => {
  it('run each component from its own target with the target’s command, directory and user', () => {
    const deployments = renderedPods(objects).filter((pod) => pod.kind === 'Deployment');
    expect(deployments).toHaveLength(5);
    for (const pod of deployments) {
      const [container] = pod.spec.containers;
      const stage = resolvedStage(stages, target(container?.image));
      expect(stage.name, pod.name).toBe(pod.component);
      expect(container?.command, pod.name).toEqual([...stage.entrypoint, ...stage.cmd]);
      expect(container?.workingDir, pod.name).toBe(stage.workdir);
      expect(
        `${String(pod.spec.securityContext?.runAsUser)}:${String(pod.spec.securityContext?.runAsGroup)}`,
      ).toBe(stage.user);
    }
  });

  it('give every migration step an image holding the command and its folder', () => {
    const job = renderedPods(objects).find((pod) => pod.kind === 'Job');
    if (job === undefined) throw new Error('no migrations Job');
    for (const step of allContainers(job.spec)) {
      const stage = resolvedStage(stages, target(step.image));
      const [, script = '', folder = ''] = step.command ?? [];
      const copied = (file: string) =>
        stage.copies.some((destination) => file.startsWith(destination));
      expect(copied(script), `${step.name}: ${script} in ${stage.name}`).toBe(true);
      expect(copied(folder), `${step.name}: ${folder} in ${stage.name}`).toBe(true);
    }
  });
});
