/**
 * A partner's level, "At risk" or a count of data issues as a small pill, drawn as Fluent's Badge
 * draws the same appearance and colour (circular, semibold caption text; medium 20 px high, small
 * 16 px): Gold filled warning, Silver filled informative, no level filled subtle, at risk outline
 * danger, data issues tint warning. Written here because Fluent's Badge brings the styles of every
 * appearance in every colour (about 3 KB gzip of what Excel loads, issue 22). The text always says
 * what the pill means; colour is never the only signal. Its border is drawn in forced colours
 * (high contrast) as Badge's is, and a pill never shrinks or wraps: the text beside it does.
 */
import type { JSX, ReactNode } from 'react';
import { makeStyles, mergeClasses, shorthands, tokens } from '@fluentui/react-components';

/** What a pill shows: a level, at risk, or data issues. */
export type PillKind = 'gold' | 'silver' | 'none' | 'risk' | 'issues';

const pad = (inner: string): string => `0 calc(${inner} + ${tokens.spacingHorizontalXXS})`;

const useStyles = makeStyles({
  root: {
    display: 'inline-flex', boxSizing: 'border-box', alignItems: 'center', justifyContent: 'center', position: 'relative',
    flexShrink: 0, whiteSpace: 'nowrap', fontFamily: tokens.fontFamilyBase, fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightBase200, height: '20px', minWidth: '20px',
    padding: pad(tokens.spacingHorizontalXS), borderRadius: tokens.borderRadiusCircular, ...shorthands.borderColor(tokens.colorTransparentStroke),
    // The border sits on a layer of its own, as Badge's, so it changes neither size nor padding.
    '::after': {
      content: '""', position: 'absolute', top: 0, left: 0, bottom: 0, right: 0,
      ...shorthands.borderStyle('solid'), ...shorthands.borderColor('inherit'), ...shorthands.borderWidth(tokens.strokeWidthThin), borderRadius: 'inherit',
    },
  },
  small: { fontSize: tokens.fontSizeBase100, lineHeight: tokens.lineHeightBase100, height: '16px', minWidth: '16px', padding: pad(tokens.spacingHorizontalXXS) },
  gold: { backgroundColor: tokens.colorPaletteYellowBackground3, color: tokens.colorNeutralForeground1Static },
  silver: { backgroundColor: tokens.colorNeutralBackground5, color: tokens.colorNeutralForeground3 },
  none: { backgroundColor: tokens.colorNeutralBackground1, color: tokens.colorNeutralForeground1 },
  risk: { color: tokens.colorPaletteRedForeground3, ...shorthands.borderColor(tokens.colorPaletteRedBorder2) },
  issues: { backgroundColor: tokens.colorPaletteYellowBackground1, color: tokens.colorPaletteYellowForeground1, ...shorthands.borderColor(tokens.colorPaletteYellowBorder1) },
});

/** Props: the kind, the size (medium in a card, small in the overview's rows), the text, a test id. */
export interface PillProps {
  readonly kind: PillKind;
  readonly size?: 'small' | 'medium';
  readonly children: ReactNode;
  readonly 'data-testid'?: string;
}

/**
 * The pill.
 * @example <Pill kind="gold" size="small">Gold</Pill>
 * @throws nothing
 */
export function Pill({ kind, size = 'medium', children, 'data-testid': testId }: PillProps): JSX.Element {
  const s = useStyles();
  return <span className={mergeClasses(s.root, size === 'small' && s.small, s[kind])} data-testid={testId}>{children}</span>;
}
