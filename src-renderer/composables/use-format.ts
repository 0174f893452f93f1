// Numbers with their unit, formatted for the current locale: sizes, durations, rates.
import { useI18n } from 'vue-i18n';

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

export function useFormat() {
  const { locale } = useI18n();
  const num = (n: number, digits = 1) => new Intl.NumberFormat(locale.value, { maximumFractionDigits: digits }).format(n);
  return {
    num,
    bytes(n: number): string {
      let v = n;
      let u = 0;
      while (v >= 1000 && u < UNITS.length - 1) {
        v /= 1000;
        u++;
      }
      return `${num(v, u === 0 ? 0 : 1)} ${UNITS[u]}`;
    },
    /** 75 s → "01:15"; an hour or more → "1:02:03". */
    clock(seconds: number): string {
      const s = Math.max(0, Math.round(seconds));
      const hh = Math.floor(s / 3600);
      const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
      const ss = String(s % 60).padStart(2, '0');
      return hh ? `${hh}:${mm}:${ss}` : `${mm}:${ss}`;
    },
    date(iso: string): string {
      const d = new Date(iso);
      return Number.isNaN(d.getTime()) ? iso : new Intl.DateTimeFormat(locale.value, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
    },
  };
}
