// One setting as its control needs it: the value in force, whether a flag or variable locks it (and the
// hint that says which), its error translated by code, and whether it was just saved.
import { computed, reactive, ref, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import type { SettingKey, SettingsValues } from '../../../src-shared/contract/index.js';
import { useErrorText } from '../../composables/use-error-text.js';
import { useSettingsStore } from '../../stores/settings.js';

export function useSetting<K extends SettingKey>(key: K) {
  const store = useSettingsStore();
  const { t } = useI18n();
  const errorText = useErrorText();
  const source = computed(() => store.view?.sources[key]);
  // NOTE: text fields edit a draft: Vue re-sets an input's `value` on every render of its component, so a
  // field bound straight to the store would lose what is being typed whenever anything else updates.
  const draft = ref('');
  watch(() => store.view?.values[key], (v) => (draft.value = v == null ? '' : String(v)), { immediate: true });
  // NOTE: reactive() unwraps the computed refs, so templates read `ep.value`, `ep.locked`.
  return reactive({
    id: `setting-${key}`,
    value: computed(() => store.view?.values[key] as SettingsValues[K] | undefined),
    /** The text being typed (follows the saved value when that changes). */
    draft,
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
