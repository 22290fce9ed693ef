import { Component, Fragment, type ErrorInfo, type ReactNode } from 'react';
import { useStore } from './store';

interface PanelBoundaryProps {
  /** What a person calls this part of the page ("Gradient masking detector"): named in the message. */
  name: string;
  children: ReactNode;
}

interface PanelBoundaryState {
  error: Error | null;
  /** Bumped by "Reload this panel", so the panel mounts afresh instead of reusing the broken tree. */
  attempt: number;
}

/**
 * One region of the page. When something inside throws while rendering, only this region is
 * replaced by a note saying what failed, with the error's text and a "Reload this panel" button,
 * and the failure is reported as one of the page's alerts; every other panel keeps working.
 * (Errors in event handlers and engine calls never reach here: the stores turn those into alerts.)
 */
export class PanelBoundary extends Component<PanelBoundaryProps, PanelBoundaryState> {
  override state: PanelBoundaryState = { error: null, attempt: 0 };

  static getDerivedStateFromError(error: unknown): Partial<PanelBoundaryState> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, _info: ErrorInfo): void {
    useStore.getState().alerts.alert(`${this.props.name} failed and was stopped; the rest of the page still works. ${error.message}`);
  }

  private readonly reload = () => this.setState((s) => ({ error: null, attempt: s.attempt + 1 }));

  override render() {
    const { error, attempt } = this.state;
    if (!error) return <Fragment key={attempt}>{this.props.children}</Fragment>;
    return (
      <section className="panel panel-failed" role="region" aria-label={`${this.props.name} (failed)`}>
        <h2>{this.props.name} failed</h2>
        <p>This panel stopped because of an error; the rest of the page still works.</p>
        <pre className="panel-error">{error.message || error.name}</pre>
        <button type="button" onClick={this.reload}>
          Reload this panel
        </button>
      </section>
    );
  }
}
