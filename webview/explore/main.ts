/**
 * The Explore panel's browser side: the study's setup form, Start / Stop / Resume, and the study
 * as the host reports it after every round (forest plot, leaderboard, recommendation, break-even,
 * matrix) plus the current run's iterations. It renders and never decides: candidates are read and
 * validated, studies run and are judged, by the host and the core.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import type {
  ExploreReplies,
  ExploreInit,
  ExploreToHost,
  HostToExplore,
  StudyView,
} from '../../src/shared/exploreProtocol';
import type { UiStrings } from '../../src/shared/protocol';
import { h, HostChannel } from '../common/host';
import { LiveRunChart } from '../common/liveChart';
import { SetupForm } from './setupForm';
import { ClosingProfileBox } from './closingProfile';
import { matrixTable, TargetSection, type CardActions } from './studyViews';

const host = new HostChannel<ExploreToHost, HostToExplore, ExploreReplies>();
const app = document.getElementById('app')!;

class ExplorePage {
  private readonly s: UiStrings;
  private readonly form: SetupForm;
  private readonly startButton = h('vscode-button', { id: 'start' });
  private readonly stopButton = h('vscode-button', { id: 'stop', secondary: true });
  private readonly resumeButton = h('vscode-button', { id: 'resume', secondary: true });
  private readonly formProblem = h('span', { class: 'form-problem', id: 'form-problem', role: 'status' });
  private readonly gateBox = h('div', { class: 'gate', id: 'gate', role: 'alert' });
  private readonly problemBox = h('div', { class: 'problem', id: 'problem', role: 'alert' });
  private readonly progress = h('div', { class: 'progress', id: 'progress', 'aria-live': 'polite' });
  private readonly liveTitle = h('div', { class: 'live-title', id: 'live-title' });
  private readonly liveCanvas = h('canvas', { id: 'live-chart', role: 'img' });
  private readonly live: LiveRunChart;
  private readonly liveBox: HTMLElement;
  private readonly results = h('div', { class: 'results', id: 'results' });
  private readonly matrixBox = h('div', { id: 'matrix' });
  private readonly sections = new Map<string, TargetSection>();
  private readonly setupBox: HTMLDetailsElement;
  private gate: string | null;
  private study: StudyView | null = null;
  private readonly actions: CardActions = {
    copy: (text) => host.post({ type: 'copy', text }),
    openInBenchmark: (targetId, candidateKey) =>
      host.post({ type: 'openInBenchmark', targetId, candidateKey }),
    savePreset: (targetId, candidateKey) =>
      host.request<'savePreset'>({ type: 'savePreset', targetId, candidateKey }),
  };

  constructor(init: ExploreInit) {
    const s = (this.s = init.strings);
    document.documentElement.lang = init.lang === 'zh' ? 'zh-CN' : 'en';
    this.gate = init.gate;
    this.form = new SetupForm(
      s,
      init.targets,
      init.guide,
      init.presets,
      init.setup,
      (text) => host.request<'checkCandidate'>({ type: 'checkCandidate', text }),
      () => this.syncButtons(),
    );
    this.setupBox = h(
      'details',
      { class: 'setup-box', id: 'setup', open: true },
      h('summary', {}, s.setup),
      this.form.element,
    );
    this.live = new LiveRunChart(this.liveCanvas, s.timeMs);
    this.liveCanvas.setAttribute('aria-label', s.liveChart);
    this.liveBox = h(
      'section',
      { class: 'live', 'aria-labelledby': 'live-heading' },
      h('h2', { id: 'live-heading' }, s.liveTitle),
      this.liveTitle,
      h('div', { class: 'chart-box small' }, this.liveCanvas),
    );
    this.startButton.textContent = s.start;
    this.stopButton.textContent = s.stop;
    this.resumeButton.textContent = s.resume;
    this.startButton.addEventListener('click', () => this.start());
    this.stopButton.addEventListener('click', () => host.post({ type: 'stop' }));
    this.resumeButton.addEventListener('click', () => host.post({ type: 'resume' }));
    app.replaceChildren(
      h(
        'header',
        {},
        h(
          'div',
          { class: 'title-row' },
          h('span', { class: 'eyebrow' }, s.heading),
          h('h1', { id: 'model-name' }, init.model.name),
        ),
        h('div', { class: 'model-path' }, `${init.model.path} · ${init.engine}`),
        h('p', { class: 'hint' }, s.intro),
      ),
      this.gateBox,
      this.setupBox,
      h('div', { class: 'actions' }, this.startButton, this.stopButton, this.resumeButton, this.formProblem),
      this.problemBox,
      this.progress,
      this.liveBox,
      this.matrixBox,
      this.results,
    );
    this.setGate(init.gate);
    this.problemBox.hidden = true;
    if (init.study) this.showStudy(init.study);
    else this.syncButtons();
    app.setAttribute('aria-busy', 'false');
  }

  private start(): void {
    if ((this.startButton as HTMLElement & { disabled: boolean }).disabled) return;
    this.problemBox.hidden = true;
    host.post({ type: 'start', setup: this.form.value() });
  }

  setTargets(targets: ExploreInit['targets']): void {
    this.form.setTargets(targets);
  }

  setGate(gate: string | null): void {
    this.gate = gate;
    this.gateBox.textContent = gate ?? '';
    this.gateBox.hidden = gate === null;
    this.syncButtons();
  }

  showProblem(message: string): void {
    this.problemBox.textContent = message;
    this.problemBox.hidden = false;
  }

  private get running(): boolean {
    return this.study?.state === 'running' || this.study?.state === 'stopping';
  }

  private syncButtons(): void {
    const problem = this.form?.problem() ?? null;
    const canStart = !this.running && this.gate === null && problem === null;
    type Button = HTMLElement & { disabled: boolean };
    (this.startButton as Button).disabled = !canStart;
    (this.stopButton as Button).disabled = this.study?.state !== 'running';
    (this.resumeButton as Button).disabled =
      this.running || this.gate !== null || !(this.study?.canResume ?? false);
    this.formProblem.textContent = this.running ? '' : (problem ?? '');
    this.form?.setDisabled(this.running);
  }

  showStudy(study: StudyView): void {
    const wasRunning = this.running;
    // A new study folds the setup away so the race is in view; the user can unfold it.
    if (this.study?.id !== study.id) this.setupBox.open = false;
    this.study = study;
    this.progress.replaceChildren(
      h('span', { class: `state state-${study.state}` }, study.stateText),
      h('span', { class: 'round', id: 'round' }, study.roundText),
      study.etaText ? h('span', { class: 'eta' }, study.etaText) : '',
    );
    this.progress.dataset.round = String(study.round);
    this.progress.dataset.state = study.state;
    this.liveBox.hidden = !this.running;
    const seen = new Set<string>();
    for (const t of study.targets) {
      seen.add(t.targetId);
      let section = this.sections.get(t.targetId);
      if (!section) {
        section = new TargetSection(t, this.s, this.actions);
        this.sections.set(t.targetId, section);
        this.results.append(section.element);
      }
      section.update(t);
      this.closingBox(t.targetId, section.element).update(t.closingProfile);
    }
    for (const [id, section] of this.sections) {
      if (seen.has(id)) continue;
      section.destroy();
      section.element.remove();
      this.sections.delete(id);
      this.closing.delete(id);
    }
    this.matrixBox.replaceChildren(study.matrix ? matrixTable(study.matrix, this.s) : '');
    if (wasRunning && !this.running) this.resumeButton.focus();
    this.syncButtons();
  }

  private readonly closing = new Map<string, ClosingProfileBox>();

  /** The target's closing-profile box, placed at the end of its section once. */
  private closingBox(targetId: string, section: HTMLElement): ClosingProfileBox {
    let box = this.closing.get(targetId);
    if (!box) {
      box = new ClosingProfileBox(() => host.post({ type: 'openProfileDiff', targetId }));
      this.closing.set(targetId, box);
      section.append(box.element);
    }
    return box;
  }

  private nextRun: string | undefined;

  /** A fast run is over before its points arrive: the last run stays drawn until the next one's come. */
  runStarted(title: string): void {
    this.nextRun = title;
  }

  iterations(points: Array<{ index: number; ms: number }>): void {
    if (this.nextRun !== undefined) {
      this.liveTitle.textContent = this.nextRun;
      this.nextRun = undefined;
      this.live.reset();
    }
    for (const p of points) this.live.push(p.index, p.ms);
  }
}

let page: ExplorePage | undefined;
host.on((msg) => {
  if (msg.type === 'init') {
    page = new ExplorePage(msg);
    return;
  }
  if (!page) return;
  switch (msg.type) {
    case 'targets':
      page.setTargets(msg.targets);
      return;
    case 'gate':
      page.setGate(msg.gate);
      return;
    case 'study':
      page.showStudy(msg.study);
      return;
    case 'runStarted':
      page.runStarted(msg.title);
      return;
    case 'iterations':
      page.iterations(msg.points);
      return;
    case 'problem':
      page.showProblem(msg.message);
      return;
  }
});
host.post({ type: 'ready' });
