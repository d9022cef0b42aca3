import { useEffect, useState, type KeyboardEvent, type ReactNode } from 'react';
import { t, type UiKey } from '@/components/i18n/ui-text';
import { useSettings } from '@/components/stores/settings-store';
import { GasTab } from './GasTab';
import { ReviewsTab } from './ReviewsTab';
import { SettingsTab } from './SettingsTab';
import { WithdrawTab } from './WithdrawTab';

export interface TabDef {
  id: string;
  label: UiKey;
  render: () => ReactNode;
}

export function App() {
  const { settings, loaded, load } = useSettings();
  useEffect(() => void load(), [load]);
  const lang = settings.lang;
  const tabs: TabDef[] = [
    { id: 'gas', label: 'tabGas', render: () => <GasTab lang={lang} fiat={settings.fiat} /> },
    { id: 'reviews', label: 'tabReviews', render: () => <ReviewsTab lang={lang} /> },
    { id: 'withdraw', label: 'tabWithdraw', render: () => <WithdrawTab lang={lang} fiat={settings.fiat} /> },
    { id: 'settings', label: 'tabSettings', render: () => <SettingsTab /> },
  ];
  const [active, setActive] = useState(tabs[0]!.id);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  if (!loaded) return <p className="muted">{t(lang, 'loading')}</p>;

  const onKey = (e: KeyboardEvent) => {
    const i = tabs.findIndex((x) => x.id === active);
    if (e.key === 'ArrowRight') setActive(tabs[(i + 1) % tabs.length]!.id);
    if (e.key === 'ArrowLeft') setActive(tabs[(i - 1 + tabs.length) % tabs.length]!.id);
  };
  return (
    <div className="popup">
      <div className="tabs" role="tablist" onKeyDown={onKey}>
        {tabs.map((tab) => (
          <button key={tab.id} role="tab" id={`tab-${tab.id}`} data-testid={`tab-${tab.id}`} aria-selected={tab.id === active} tabIndex={tab.id === active ? 0 : -1} onClick={() => setActive(tab.id)}>
            {t(lang, tab.label)}
          </button>
        ))}
      </div>
      <div role="tabpanel" aria-labelledby={`tab-${active}`}>
        {tabs.find((x) => x.id === active)!.render()}
      </div>
    </div>
  );
}
