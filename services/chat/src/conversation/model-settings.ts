import type { Workspace } from '@pyairtable/registry';
import type { ChatConfig } from '../config.ts';

/** The settings one turn runs with. */
export interface TurnSettings {
  readonly model: string;
  readonly thinkingBudget: number;
  readonly temperature: number;
  readonly maxSteps: number;
}

/** The deployment's defaults, overridden by what the workspace chose. */
export function turnSettings(config: ChatConfig, workspace: Workspace): TurnSettings {
  const chosen = workspace.modelSettings;
  return {
    model: chosen.model ?? config.CHAT_MODEL,
    thinkingBudget: chosen.thinkingBudget ?? config.CHAT_THINKING_BUDGET,
    temperature: chosen.temperature ?? config.CHAT_TEMPERATURE,
    maxSteps: chosen.maxSteps ?? config.CHAT_MAX_STEPS,
  };
}
