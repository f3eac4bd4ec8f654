import type { ThemeConfig } from 'antd';

/**
 * The one antd theme of the web app. Besides the brand red, it darkens every colour antd draws text in
 * so that text keeps a contrast of at least 4.5:1 (WCAG 2.1 AA, 1.4.3; GB/T 37668-2019 信息无障碍 web
 * content requirements) on white and on the light tints behind tags and alerts. antd's defaults fall short:
 * a green tag (green-6 #52c41a on #f6ffed) measured 2.21:1, secondary text (#8c8c8c) 3.36:1, links
 * (#1677ff) 4.1:1. Preset tag colours draw their text in `<colour>7` on `<colour>1`: shades 7 that fall
 * below 4.5:1 are replaced by shade 8 or 9 of the same palette. Checked by axe-core in the browser tests.
 */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#b7142a', // 6.7:1 on white
    borderRadius: 6,
    fontFamily: "'PingFang SC','Microsoft YaHei','Noto Sans CJK SC','Noto Sans SC',sans-serif",
    // Status colours (text of status tags, alerts, form errors, Typography type=…): ≥ 5:1 on white and on their tints.
    colorSuccess: '#237804',
    colorError: '#cf1322',
    colorWarning: '#ad4e00',
    colorInfo: '#0958d9',
    colorLink: '#0958d9',
    // Secondary and descriptive text (Typography secondary, descriptions labels, statistics titles, empty states): #666, 5.7:1.
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    colorTextDescription: 'rgba(0, 0, 0, 0.6)',
    // Placeholders of inputs, selects and the place picker (#bfbfbf was 1.83:1): #707070, 4.9:1 on white.
    colorTextPlaceholder: '#707070',
    // The light tints behind status tags and alerts stay antd's own (derived from the darker seeds above they turn grey).
    colorSuccessBg: '#f6ffed',
    colorSuccessBorder: '#b7eb8f',
    colorErrorBg: '#fff2f0',
    colorErrorBorder: '#ffccc7',
    colorWarningBg: '#fffbe6',
    colorWarningBorder: '#ffe58f',
    colorInfoBg: '#e6f4ff',
    colorInfoBorder: '#91caff',
    // Preset tag colours (CSS variable --ant-<colour>-7, from both token spellings) whose shade 7 is below 4.5:1 on shade 1.
    'volcano-7': '#ad2102',
    volcano7: '#ad2102',
    'orange-7': '#ad4e00',
    orange7: '#ad4e00',
    'gold-7': '#874d00',
    gold7: '#874d00',
    'yellow-7': '#876800',
    yellow7: '#876800',
    'lime-7': '#3f6600',
    lime7: '#3f6600',
    'green-7': '#237804',
    green7: '#237804',
    'cyan-7': '#006d75',
    cyan7: '#006d75',
  },
  components: {
    // An empty table's text is drawn in the disabled colour (#bfbfbf, 1.8:1): it is information, not a disabled control.
    Table: { colorTextDisabled: 'rgba(0, 0, 0, 0.6)' },
  },
};
