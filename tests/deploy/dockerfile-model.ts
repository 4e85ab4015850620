/**
 * The repository's Dockerfile and .dockerignore, read the way BuildKit reads them, as far as
 * the deploy tests need: stages with their resolved base, each instruction with its flags, the
 * stage chain a target inherits, and which paths the build context leaves out.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPOSITORY_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** One instruction: `COPY --from=web-build --chown=1:1 a b` → keyword COPY, flags, arguments. */
export interface Instruction {
  readonly keyword: string;
  readonly flags: ReadonlyMap<string, string>;
  /** The arguments after the flags, split on white space (exec-form JSON kept whole). */
  readonly args: readonly string[];
  /** Everything after the keyword, flags included. */
  readonly raw: string;
}

/** One `FROM <base> AS <name>` stage. */
export interface Stage {
  readonly name: string;
  /** The base with build arguments substituted: an image reference or an earlier stage. */
  readonly from: string;
  readonly instructions: readonly Instruction[];
}

export interface Dockerfile {
  readonly stages: ReadonlyMap<string, Stage>;
  /** `ARG` defaults declared before the first FROM. */
  readonly globalArgs: ReadonlyMap<string, string>;
}

/** Joins continuation lines and drops comments and blank lines (parser directives included). */
function logicalLines(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('#'))
    .join('\n')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

function parseInstruction(line: string): Instruction {
  const keyword = (/^\S+/.exec(line)?.[0] ?? '').toUpperCase();
  const raw = line.slice(keyword.length).trim();
  const flags = new Map<string, string>();
  let rest = raw;
  for (
    let flag = /^--([a-z-]+)(?:=(\S*))?\s*/.exec(rest);
    flag;
    flag = /^--([a-z-]+)(?:=(\S*))?\s*/.exec(rest)
  ) {
    flags.set(flag[1] ?? '', flag[2] ?? 'true');
    rest = rest.slice(flag[0].length);
  }
  const args = rest.startsWith('[') ? [rest] : rest.split(/\s+/).filter((part) => part !== '');
  return { keyword, flags, args, raw };
}

/** Substitutes `${NAME}` and `$NAME` from `values`. */
export function substitute(text: string, values: ReadonlyMap<string, string>): string {
  return text.replace(/\$\{(\w+)\}|\$(\w+)/g, (match, braced?: string, bare?: string) => {
    return values.get(braced ?? bare ?? '') ?? match;
  });
}

export function parseDockerfile(text: string): Dockerfile {
  const globalArgs = new Map<string, string>();
  const stages = new Map<string, Stage>();
  let current: { name: string; from: string; instructions: Instruction[] } | undefined;
  for (const line of logicalLines(text)) {
    const instruction = parseInstruction(line);
    if (instruction.keyword === 'FROM') {
      const [base = '', as, name] = instruction.args;
      const stageName =
        as?.toUpperCase() === 'AS' && name !== undefined ? name : String(stages.size);
      current = { name: stageName, from: substitute(base, globalArgs), instructions: [] };
      stages.set(stageName, current);
    } else if (current === undefined && instruction.keyword === 'ARG') {
      const [declaration = ''] = instruction.args;
      const [argName = '', value = ''] = declaration.split('=');
      globalArgs.set(argName, value);
    } else {
      current?.instructions.push(instruction);
    }
  }
  return { stages, globalArgs };
}

export async function readDockerfile(): Promise<Dockerfile> {
  return parseDockerfile(await readFile(path.join(REPOSITORY_ROOT, 'Dockerfile'), 'utf8'));
}

/** The stages a stage is built on, itself last: `[base, …, name]`. */
export function stageChain(dockerfile: Dockerfile, name: string): Stage[] {
  const stage = dockerfile.stages.get(name);
  if (stage === undefined) throw new Error(`the Dockerfile has no stage ${name}`);
  return dockerfile.stages.has(stage.from)
    ? [...stageChain(dockerfile, stage.from), stage]
    : [stage];
}

/** Every instruction a stage runs or inherits, in order. */
export function inheritedInstructions(dockerfile: Dockerfile, name: string): Instruction[] {
  return stageChain(dockerfile, name).flatMap((stage) => stage.instructions);
}

/** The last value of an instruction along the chain (USER, ENTRYPOINT, CMD, WORKDIR). */
export function effective(
  dockerfile: Dockerfile,
  name: string,
  keyword: string,
): string | undefined {
  return inheritedInstructions(dockerfile, name).findLast(
    (instruction) => instruction.keyword === keyword,
  )?.raw;
}

/** An exec-form instruction's argument list (`["node", "x"]`). */
export function execForm(raw: string | undefined): string[] {
  if (raw === undefined) return [];
  const parsed: unknown = JSON.parse(raw);
  if (!Array.isArray(parsed) || !parsed.every((item) => typeof item === 'string')) {
    throw new Error(`not an exec-form list: ${raw}`);
  }
  return parsed;
}

/** A COPY instruction's sources and destination, relative to the build context and WORKDIR. */
export interface Copy {
  readonly from: string | undefined;
  readonly sources: readonly string[];
  readonly destination: string;
}

export function copies(instructions: readonly Instruction[]): Copy[] {
  return instructions
    .filter((instruction) => instruction.keyword === 'COPY')
    .map((instruction) => ({
      from: instruction.flags.get('from'),
      sources: instruction.args.slice(0, -1),
      destination: instruction.args.at(-1) ?? '',
    }));
}

/**
 * `.dockerignore` as BuildKit applies it: a path is left out when the last pattern matching
 * it, or one of its parent folders, is not an exception (`!pattern`).
 */
export function dockerignoreMatcher(text: string): (relativePath: string) => boolean {
  const patterns = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => ({
      exception: line.startsWith('!'),
      glob: path.posix.normalize(line.replace(/^!/, '')),
    }));
  return (relativePath) => {
    const segments = relativePath.split('/');
    const prefixes = segments.map((_, index) => segments.slice(0, index + 1).join('/'));
    let excluded = false;
    for (const { exception, glob } of patterns) {
      if (prefixes.some((prefix) => path.matchesGlob(prefix, glob))) excluded = !exception;
    }
    return excluded;
  };
}
