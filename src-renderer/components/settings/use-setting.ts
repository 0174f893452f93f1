// One setting as its control needs it: the value in force, whether a flag or variable locks it (and the
// hint that says which), its error translated by code, and whether it was just saved.
import { computed, reactive } from 'vue';
import { useI18n } from 'vue-i18n';
import type { SettingKey, SettingsValues } from '../../../src-shared/contract/index.js';
import { useErrorText } from '../../composables/use-error-text.js';
import { useSettingsStore } from '../../stores/settings.js';

export function useSetting<K extends SettingKey>(key: K) {
  const store = useSettingsStore();
  const { t } = useI18n();
  const errorText = useErrorText();
  const source = computed(() => store.view?.sources[key]);
  // NOTE: reactive() unwraps the computed refs, so templates read `ep.value`, `ep.locked`.
  return reactive({
    id: `setting-${key}`,
    value: computed(() => store.view?.values[key] as SettingsValues[K] | undefined),
    locked: computed(() => source.value?.source === 'flag' || source.value?.source === 'env'),
    /** "Set by HF_ENDPOINT …" when locked. */
    lockedHint: computed(() => (source.value?.origin ? t('settings.lockedBy', { origin: source.value.origin }) : '')),
    error: computed(() => {
      const e = store.errors[key];
      return e ? errorText(e) : '';
    }),
    saved: computed(() => store.saved === key),
    save: (value: SettingsValues[K]) => store.set(key, value),
  });
}
