import { Option } from 'commander';

export const DEFAULT_CONFIG_PATH = './config/bearing.yaml';

/** `--config FILE`, which every command takes. */
export const configOption = (): Option =>
  new Option('-c, --config <file>', 'the bearing.yaml to use').default(DEFAULT_CONFIG_PATH);

/** What commander hands an action that has `configOption()`. */
export interface ConfigOptions {
  config: string;
}
