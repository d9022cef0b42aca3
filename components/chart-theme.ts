import { useEffect, useState } from 'react';

/** The system's light/dark choice, live: charts draw on a canvas and must redraw in the new colours. */
export function useColorScheme(): 'light' | 'dark' {
  const query = () => (typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');
  const [scheme, setScheme] = useState<'light' | 'dark'>(query);
  useEffect(() => {
    if (typeof matchMedia !== 'function') return;
    const m = matchMedia('(prefers-color-scheme: dark)');
    const on = () => setScheme(query());
    m.addEventListener('change', on);
    return () => m.removeEventListener('change', on);
  }, []);
  return scheme;
}

/** Chart colours from the stylesheet's tokens (components/styles.css), so canvas charts follow the theme. */
export function chartColors(): { axis: string; grid: string; primary: string; forecast: string; success: string; error: string; band: string } {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  const forecast = v('--forecast', '#c3420d');
  return { axis: v('--text-alt', '#686e7d'), grid: v('--border-muted', '#b7bbc866'), primary: v('--primary', '#4459ff'), forecast, success: v('--success', '#457a39'), error: v('--error', '#ca3542'), band: `${forecast}29` };
}
