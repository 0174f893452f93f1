// Events of the settings: the whole view again after any change, so every open window (and the web
// host's tabs) shows the same values without asking.
import { settingsViewSchema } from '../ops/settings.js';

export const SETTINGS_EVENTS = {
  'settings.changed': settingsViewSchema,
} as const;
