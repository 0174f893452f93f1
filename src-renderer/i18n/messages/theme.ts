// Words of the look: theme and language pickers (shown in the header and on the Settings screen).
export default {
  en: { look: { theme: 'Theme', light: 'Light', dark: 'Dark', system: 'System', language: 'Language' } },
  'zh-CN': { look: { theme: '主题', light: '浅色', dark: '深色', system: '跟随系统', language: '语言' } },
  'zh-TW': { look: { theme: '主題', light: '淺色', dark: '深色', system: '跟隨系統', language: '語言' } },
};
