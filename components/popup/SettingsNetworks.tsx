import { useEffect, useMemo, useState } from 'react';
import { chainList } from '@/core/chain/chain-search';
import { registryChains } from '@/core/chain/registry';
import type { Settings } from '@/core/settings/settings';
import { t, tf } from '@/components/i18n/ui-text';
import { recentChainsItem } from '@/components/storage/recent-chains';

/** Chains the user set something for: an RPC (saved or typed), "only my RPC" or "sends privately". */
export function configuredChains(settings: Settings, draft: Record<string, string>): number[] {
  const ids = [
    ...Object.keys(settings.rpcs),
    ...Object.entries(draft).filter(([, v]) => v.trim()).map(([k]) => k),
    ...Object.entries(settings.privateRpc).filter(([, v]) => v).map(([k]) => k),
    ...Object.entries(settings.protectedRpc).filter(([, v]) => v).map(([k]) => k),
  ];
  return [...new Set(ids.map(Number).filter((n) => Number.isSafeInteger(n) && n > 0))];
}

const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

/**
 * RPC per network: the networks used recently and the ones set up, then any network found by name, currency or
 * chain id (every chain viem knows, and any other id typed in). `settings-rpc-<chainId>` is each RPC field.
 */
export function SettingsNetworks({ settings, rpcs, setRpcs, update }: { settings: Settings; rpcs: Record<string, string>; setRpcs(next: Record<string, string>): void; update(patch: Partial<Settings>): Promise<void> }) {
  const lang = settings.lang;
  const [query, setQuery] = useState('');
  const [recent, setRecent] = useState<Record<string, number>>({});
  useEffect(() => {
    void recentChainsItem.getValue().then(setRecent, () => undefined);
  }, []);
  const configured = useMemo(() => configuredChains(settings, rpcs), [settings, rpcs]);
  const rows = useMemo(() => chainList({ query, recent, configured, pinned: [1] }), [query, recent, configured]);
  const total = registryChains().length;
  return (
    <section aria-labelledby="rpc-title">
      <h2 id="rpc-title">{t(lang, 'rpcTitle')}</h2>
      <p className="muted small">{t(lang, 'rpcHint')}</p>
      <input
        type="search"
        className="chain-search"
        data-testid="settings-chain-search"
        aria-label={t(lang, 'chainSearch')}
        placeholder={tf(lang, 'chainSearchHint', { n: total })}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      {rows.length === 0 && <p className="muted small">{t(lang, 'chainNoMatch')}</p>}
      {rows.map((c) => (
        <div key={c.id} className="rpc-row" data-testid="settings-chain" data-chain-id={c.id}>
          <span>
            {c.name}
            <span className="muted small"> · {c.id}{c.known ? ` · ${c.symbol}` : ''}</span>
          </span>
          <div>
            <input
              type="url"
              aria-label={`${c.name} RPC`}
              data-testid={`settings-rpc-${c.id}`}
              placeholder={c.publicRpcs[0] ?? 'https://…'}
              value={rpcs[String(c.id)] ?? ''}
              onChange={(e) => setRpcs({ ...rpcs, [String(c.id)]: e.target.value })}
              style={{ width: '100%' }}
            />
            <div className="muted small">
              {c.publicRpcs.length > 0 ? `${t(lang, 'rpcPublic')}: ${c.publicRpcs.map(hostOf).join(', ')}` : c.known ? t(lang, 'rpcNoPublic') : t(lang, 'rpcUnknownChain')}
            </div>
            <label className="small">
              <input
                type="checkbox"
                data-testid={`settings-only-mine-${c.id}`}
                checked={!!settings.privateRpc[String(c.id)]}
                onChange={(e) => void update({ privateRpc: { ...settings.privateRpc, [String(c.id)]: e.target.checked } })}
              />{' '}
              {t(lang, 'rpcOnlyMine')}
            </label>{' '}
            <label className="small">
              <input
                type="checkbox"
                checked={!!settings.protectedRpc[String(c.id)]}
                onChange={(e) => void update({ protectedRpc: { ...settings.protectedRpc, [String(c.id)]: e.target.checked } })}
              />{' '}
              {t(lang, 'rpcProtected')}
            </label>
          </div>
        </div>
      ))}
    </section>
  );
}
