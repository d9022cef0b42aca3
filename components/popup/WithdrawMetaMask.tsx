import type { Lang } from '@/core/i18n/localized';
import { useWithdraw } from '@/components/stores/withdraw-store';
import { MetaMaskLine } from './MetaMaskLine';

/** The Withdraw tab's MetaMask line (MetaMaskLine over the Withdraw store). */
export function WithdrawMetaMask({ lang }: { lang: Lang }) {
  const { wallet, busy, connectMetaMask, refreshMetaMask } = useWithdraw();
  return <MetaMaskLine lang={lang} mm={wallet?.metamask} busy={!!busy} prefix="withdraw" connect={() => void connectMetaMask()} refresh={() => void refreshMetaMask()} />;
}
