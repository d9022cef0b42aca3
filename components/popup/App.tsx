import { useEffect, useState, type KeyboardEvent, type ReactNode } from 'react';
import { t, type UiKey } from '@/components/i18n/ui-text';
import { useSettings } from '@/components/stores/settings-store';
import { GasTab } from './GasTab';
import { ReviewsTab } from './ReviewsTab';
import { SettingsTab } from './SettingsTab';
import { WithdrawTab } from './WithdrawTab';
import { ApprovalsTab } from './ApprovalsTab';
import { Welcome } from './Welcome';
import { welcomeItem } from '@/components/storage/first-run';

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
    { id: 'approvals', label: 'tabApprovals', render: () => <ApprovalsTab lang={lang} /> },
    { id: 'settings', label: 'tabSettings', render: () => <SettingsTab /> },
  ];
  const [active, setActive] = useState(tabs[0]!.id);
  // First run: the welcome sits above the tabs until the user starts (or reopens it from the header).
  const [welcome, setWelcome] = useState<boolean | undefined>();
  useEffect(() => {
    welcomeItem.getValue().then((w) => setWelcome(w.seenAt === undefined), () => setWelcome(false));
  }, []);
  const closeWelcome = () => {
    setWelcome(false);
    void welcomeItem.setValue({ seenAt: Date.now() });
  };
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  if (!loaded) return <p className="muted">{t(lang, 'loading')}</p>;

  // The WAI-ARIA tabs pattern: arrows, Home and End move between tabs and take the focus along.
  const onKey = (e: KeyboardEvent) => {
    const i = tabs.findIndex((x) => x.id === active);
    const to = e.key === 'ArrowRight' ? (i + 1) % tabs.length : e.key === 'ArrowLeft' ? (i - 1 + tabs.length) % tabs.length : e.key === 'Home' ? 0 : e.key === 'End' ? tabs.length - 1 : undefined;
    if (to === undefined) return;
    e.preventDefault();
    setActive(tabs[to]!.id);
    document.getElementById(`tab-${tabs[to]!.id}`)?.focus();
  };
  return (
    <main className="popup">
      <header className="popup-header">
        <h1>
          <img src="/icon/32.png" alt="" width={20} height={20} />
          {t(lang, 'appName')}
        </h1>
        {welcome === false && (
          <button type="button" className="about" data-testid="welcome-open" aria-label={t(lang, 'welcomeAgain')} title={t(lang, 'welcomeAgain')} onClick={() => setWelcome(true)}>
            <span aria-hidden="true">?</span>
          </button>
        )}
      </header>
      {welcome && <Welcome lang={lang} settings={settings} onDone={closeWelcome} />}
      <div className="tabs" role="tablist" aria-label={t(lang, 'appName')} onKeyDown={onKey}>
        {tabs.map((tab) => (
          <button key={tab.id} role="tab" id={`tab-${tab.id}`} data-testid={`tab-${tab.id}`} aria-selected={tab.id === active} aria-controls={`panel-${tab.id}`} tabIndex={tab.id === active ? 0 : -1} onClick={() => setActive(tab.id)}>
            {t(lang, tab.label)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${active}`} aria-labelledby={`tab-${active}`}>
        {tabs.find((x) => x.id === active)!.render()}
      </div>
    </main>
  );
}
