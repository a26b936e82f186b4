// A screen that fails to load or to render shows a message in the shell instead of blanking the whole console.
// Screens are loaded on first use (App.tsx): after an upgrade the old chunk names are gone, and a reload fixes it.
import { Component, type ReactNode } from 'react';
import { useT } from '../i18n.ts';

/** path: going elsewhere tries again (without remounting the screen on every move, as a key would). */
export class ScreenBoundary extends Component<{ path: string; children: ReactNode }, { failed: boolean }> {
  state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  componentDidUpdate(before: { path: string }) {
    if (this.state.failed && before.path !== this.props.path) this.setState({ failed: false });
  }

  render() {
    return this.state.failed ? <ScreenFailed /> : this.props.children;
  }
}

function ScreenFailed() {
  const t = useT();
  return (
    <div role="alert" className="alert error">
      {t('ui.error.screen_load')} <button type="button" onClick={() => window.location.reload()}>{t('ui.reload')}</button>
    </div>
  );
}
