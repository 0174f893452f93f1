// Words of screens that are being built: shown until their view lands.
export default {
  en: { placeholder: { soon: 'This screen is being built.' } },
  'zh-CN': { placeholder: { soon: '此页面正在建设中。' } },
  'zh-TW': { placeholder: { soon: '此頁面正在建置中。' } },
};
