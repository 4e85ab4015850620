/**
 * The build targets of the repository's Dockerfile, read as far as the chart depends on them:
 * each stage's base, the folders it copies in, its working directory, user, entrypoint and command.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** One `FROM … AS name` stage. */
export interface DockerStage {
  readonly name: string;
  readonly from: string;
  /** Destinations of its COPY instructions. */
  readonly copies: string[];
  workdir?: string;
  user?: string;
  entrypoint?: string[];
  cmd?: string[];
}

export const DOCKERFILE = fileURLToPath(new URL('../../../Dockerfile', import.meta.url));

/** The stages of the Dockerfile by name (continuation lines joined, comments dropped). */
export async function dockerStages(): Promise<Map<string, DockerStage>> {
  const text = await readFile(DOCKERFILE, 'utf8');
  const instructions = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const stages = new Map<string, DockerStage>();
  let current: DockerStage | undefined;
  for (const instruction of instructions) {
    const [keyword = '', ...rest] = instruction.split(/\s+/);
    const argument = instruction.slice(keyword.length).trim();
    switch (keyword.toUpperCase()) {
      case 'FROM': {
        const name = rest[2] ?? rest[0] ?? '';
        current = { name, from: rest[0] ?? '', copies: [] };
        stages.set(name, current);
        break;
      }
      case 'COPY':
        current?.copies.push(rest.at(-1) ?? '');
        break;
      case 'WORKDIR':
        if (current) current.workdir = argument;
        break;
      case 'USER':
        if (current) current.user = argument;
        break;
      case 'ENTRYPOINT':
        if (current) current.entrypoint = JSON.parse(argument) as string[];
        break;
      case 'CMD':
        if (current) current.cmd = JSON.parse(argument) as string[];
        break;
      default:
    }
  }
  return stages;
}

/** A stage with what it inherits from its bases filled in. */
export function resolvedStage(
  stages: ReadonlyMap<string, DockerStage>,
  name: string,
): Required<DockerStage> {
  const stage = stages.get(name);
  if (stage === undefined) throw new Error(`the Dockerfile has no target ${name}`);
  const base = stages.has(stage.from) ? resolvedStage(stages, stage.from) : undefined;
  return {
    name,
    from: stage.from,
    copies: [...(base?.copies ?? []), ...stage.copies],
    workdir: stage.workdir ?? base?.workdir ?? '/',
    user: stage.user ?? base?.user ?? '0',
    entrypoint: stage.entrypoint ?? base?.entrypoint ?? [],
    cmd: stage.cmd ?? base?.cmd ?? [],
  };
}
