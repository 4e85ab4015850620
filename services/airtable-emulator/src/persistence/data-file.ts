/**
 * Optional persistence: the state is loaded from a JSON data file at start and written back
 * after changes, so a restarted emulator keeps what clients wrote. Writes are debounced (a
 * burst of writes saves once) and atomic (a temporary file renamed over the old one), so a
 * crash mid-write never leaves a truncated file.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { EmulatorState } from '../model/emulator-state.ts';
import { restoreSnapshot, snapshotOf } from './state-snapshot.ts';
import type { StateSnapshot } from './state-snapshot.ts';

/**
 * Loads `file` into `state`. Returns false when the file does not exist (the caller seeds
 * instead); an unreadable or incompatible file is an error naming it.
 */
export async function loadDataFile(state: EmulatorState, file: string): Promise<boolean> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  try {
    restoreSnapshot(state, JSON.parse(text) as StateSnapshot);
  } catch (error) {
    throw new Error(
      `data file ${file}: ${error instanceof Error ? error.message : String(error)}`,
      {
        cause: error,
      },
    );
  }
  return true;
}

/** Writes `state` to `file` atomically. */
export async function saveDataFile(state: EmulatorState, file: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(snapshotOf(state)));
  await rename(temporary, file);
}

/** Saves the state after changes. */
export interface DataFileWriter {
  /** Saves now if a change is pending and waits for it; call before shutting down. */
  flush(): Promise<void>;
  /** Stops watching for changes (after a final flush). */
  close(): Promise<void>;
}

/** Options of {@link watchDataFile}. */
export interface DataFileWriterOptions {
  /** How long after a change the file is written; later changes in that time join it. */
  readonly debounceMs: number;
  /** Told about a failed save; the next change retries. */
  readonly onError: (error: unknown) => void;
}

/** Writes `state` to `file` a little after each change. */
export function watchDataFile(
  state: EmulatorState,
  file: string,
  options: DataFileWriterOptions,
): DataFileWriter {
  let timer: NodeJS.Timeout | undefined;
  let saving: Promise<void> = Promise.resolve();

  const save = (): Promise<void> => {
    timer = undefined;
    saving = saving.then(() => saveDataFile(state, file)).catch(options.onError);
    return saving;
  };
  const unsubscribe = state.onChange(() => {
    timer ??= setTimeout(() => void save(), options.debounceMs);
  });
  const flush = async (): Promise<void> => {
    if (timer !== undefined) {
      clearTimeout(timer);
      await save();
    } else {
      await saving;
    }
  };
  return {
    flush,
    async close() {
      unsubscribe();
      await flush();
    },
  };
}
