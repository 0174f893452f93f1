// An error as the user reads it: translated by its StudioError code with its params, the English
// message as the fallback (never a raw stack; the technical text stays behind "Details").
import { useI18n } from 'vue-i18n';

export interface ErrorInfo {
  code: string;
  message: string;
  params?: Record<string, unknown>;
}

export function useErrorText(): (e: ErrorInfo) => string {
  const { t, te } = useI18n();
  return (e) => {
    const key = `errors.${e.code}`;
    return te(key) || te(key, 'en') ? t(key, { message: e.message, ...(e.params ?? {}) }) : e.message;
  };
}
