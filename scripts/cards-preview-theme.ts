/**
 * Teams-like host configs and page styles for the card previews, light and dark
 * (colours after the Teams client's; Segoe UI where installed, else a close sans-serif).
 */

export type Theme = 'light' | 'dark';

const FONT = "'Segoe UI', 'Segoe UI Web (West European)', -apple-system, BlinkMacSystemFont, Roboto, 'Helvetica Neue', 'Liberation Sans', Arial, sans-serif";

interface Palette {
  page: string;
  card: string;
  border: string;
  text: string;
  subtle: string;
  accent: string;
  good: string;
  attention: string;
  warning: string;
  emphasis: string;
  goodBg: string;
  attentionBg: string;
  warningBg: string;
  accentBg: string;
  buttonBg: string;
  buttonBorder: string;
  primaryText: string;
  inputBg: string;
  inputBorder: string;
}

const PALETTES: Record<Theme, Palette> = {
  light: {
    page: '#F5F5F5',
    card: '#FFFFFF',
    border: '#E0E0E0',
    text: '#242424',
    subtle: '#616161',
    accent: '#5B5FC7',
    good: '#0E700E',
    attention: '#C4314B',
    warning: '#8A5000',
    emphasis: '#F5F5F5',
    goodBg: '#F1FAF1',
    attentionBg: '#FDF3F4',
    warningBg: '#FFF9F5',
    accentBg: '#E8EBFA',
    buttonBg: '#FFFFFF',
    buttonBorder: '#D1D1D1',
    primaryText: '#FFFFFF',
    inputBg: '#FFFFFF',
    inputBorder: '#D1D1D1',
  },
  dark: {
    page: '#1F1F1F',
    card: '#292929',
    border: '#3D3D3D',
    text: '#FFFFFF',
    subtle: '#ADADAD',
    accent: '#7F85F5',
    good: '#54B054',
    attention: '#F1707B',
    warning: '#F8D22A',
    emphasis: '#333333',
    goodBg: '#0D260D',
    attentionBg: '#3E1F25',
    warningBg: '#3A2A00',
    accentBg: '#2F2F4A',
    buttonBg: '#292929',
    buttonBorder: '#666666',
    primaryText: '#FFFFFF',
    inputBg: '#1F1F1F',
    inputBorder: '#666666',
  },
};

function colors(p: Palette) {
  const pair = (d: string) => ({ default: d, subtle: d });
  return {
    default: { default: p.text, subtle: p.subtle },
    dark: pair(p.text),
    light: pair(p.subtle),
    accent: { default: p.accent, subtle: p.accent },
    good: pair(p.good),
    warning: pair(p.warning),
    attention: pair(p.attention),
  };
}

/** The Adaptive Cards host config of a theme. */
export function hostConfig(theme: Theme): object {
  const p = PALETTES[theme];
  const style = (backgroundColor: string) => ({ backgroundColor, foregroundColors: colors(p) });
  return {
    fontFamily: FONT,
    supportsInteractivity: true,
    spacing: { small: 4, default: 8, medium: 16, large: 20, extraLarge: 24, padding: 16 },
    separator: { lineThickness: 1, lineColor: p.border },
    fontSizes: { small: 12, default: 14, medium: 16, large: 18, extraLarge: 24 },
    fontWeights: { lighter: 300, default: 400, bolder: 600 },
    lineHeights: { small: 16, default: 20, medium: 22, large: 24, extraLarge: 32 },
    containerStyles: {
      default: style(p.card),
      emphasis: style(p.emphasis),
      accent: style(p.accentBg),
      good: style(p.goodBg),
      attention: style(p.attentionBg),
      warning: style(p.warningBg),
    },
    actions: {
      maxActions: 6,
      spacing: 'default',
      buttonSpacing: 8,
      actionsOrientation: 'horizontal',
      actionAlignment: 'left',
      showCard: { actionMode: 'inline' },
    },
    inputs: { label: { inputSpacing: 'small', requiredInputs: { weight: 'bolder', suffixColor: 'attention' }, optionalInputs: { weight: 'bolder' } } },
    factSet: { title: { weight: 'bolder', wrap: true, maxWidth: 150 }, value: { wrap: true }, spacing: 8 },
  };
}

/** The page around the card: a Teams chat column with one bot message. */
export function pageHtml(): string {
  const vars = (t: Theme) =>
    Object.entries(PALETTES[t])
      .map(([k, v]) => `--${k}: ${v};`)
      .join(' ');
  return `<!doctype html><html><head><meta charset="utf-8"><style>
  body.light { ${vars('light')} } body.dark { ${vars('dark')} }
  html, body { margin: 0; }
  body { background: var(--page); font-family: ${FONT}; color: var(--text); -webkit-font-smoothing: antialiased; }
  #stage { display: inline-block; padding: 16px 20px 20px 16px; background: var(--page); }
  .message { width: 560px; }
  .sender { display: flex; align-items: center; gap: 8px; margin-bottom: 6px; font-size: 12px; color: var(--subtle); }
  .avatar { width: 28px; height: 28px; border-radius: 6px; background: var(--accent); color: #fff;
    display: inline-flex; align-items: center; justify-content: center; font-weight: 600; font-size: 13px; }
  .name { font-weight: 600; color: var(--text); }
  .bubble { margin-left: 36px; border: 1px solid var(--border); border-radius: 6px; overflow: hidden; background: var(--card);
    box-shadow: 0 1px 2px rgba(0,0,0,.12); }
  .ac-adaptiveCard { outline: none; }
  /* Teams breaks long unbroken strings (resource ids) instead of letting them overflow the card. */
  .ac-textBlock, .ac-richTextBlock, .ac-factset td { overflow-wrap: anywhere; }
  .ac-pushButton { font-family: ${FONT}; font-size: 14px; font-weight: 600; min-height: 32px; padding: 4px 12px; border-radius: 4px;
    border: 1px solid var(--buttonBorder); background: var(--buttonBg); color: var(--text); cursor: pointer;
    overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .ac-pushButton.style-positive { background: var(--accent); border-color: var(--accent); color: var(--primaryText); }
  .ac-pushButton.style-destructive { color: var(--attention); border-color: var(--attention); }
  .ac-input, .ac-textInput, .ac-multichoiceInput select { font-family: ${FONT}; font-size: 14px; color: var(--text); }
  .ac-textInput, .ac-multichoiceInput { box-sizing: border-box; width: 100%; min-height: 32px; padding: 5px 8px; border-radius: 4px;
    border: 1px solid var(--inputBorder); border-bottom: 2px solid var(--accent); background: var(--inputBg); color: var(--text); }
  .ac-textInput.ac-multiline { min-height: 64px; resize: none; }
  .ac-input-container input[type=radio] { accent-color: var(--accent); }
  .ac-choiceSetInput-expanded label, .ac-input label { color: var(--text); }
  a, a.ac-anchor, a.ac-anchor:link, a.ac-anchor:visited { color: var(--accent); text-decoration: none; }
  code { font-family: Consolas, 'Liberation Mono', monospace; font-size: 13px; }
</style></head><body class="light"><div id="stage"></div></body></html>`;
}
