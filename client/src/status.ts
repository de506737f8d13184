// SPDX-License-Identifier: Apache-2.0
// The status bar item: error/warning/info counts over the workspace, or the policy problem.
import { StatusBarAlignment, ThemeColor, window } from 'vscode';

import type { Disposable, StatusBarItem } from 'vscode';
import type { StatusParams } from '../../shared/protocol';

export class StatusItem implements Disposable {
  private readonly item: StatusBarItem;
  private last: StatusParams = { errors: 0, warnings: 0, infos: 0, files: 0 };

  constructor() {
    this.item = window.createStatusBarItem('sscs.status', StatusBarAlignment.Left, 10);
    this.item.name = 'SSCS';
    this.item.command = 'workbench.actions.view.problems';
    this.render();
    this.item.show();
  }

  update(params: StatusParams): void {
    this.last = params;
    this.render();
  }

  current(): StatusParams {
    return { ...this.last };
  }

  dispose(): void {
    this.item.dispose();
  }

  private render(): void {
    const { errors, warnings, infos, files, policyProblem } = this.last;
    if (policyProblem) {
      this.item.text = '$(shield) SSCS: policy error';
      this.item.tooltip = policyProblem;
      this.item.backgroundColor = new ThemeColor('statusBarItem.errorBackground');
      return;
    }
    this.item.text = `$(shield) ${errors} $(warning) ${warnings} $(info) ${infos}`;
    this.item.tooltip =
      `SSCS: ${errors} errors, ${warnings} warnings, ${infos} infos in ${files} files. ` +
      'Click to open the Problems view.';
    this.item.backgroundColor =
      errors > 0 ? new ThemeColor('statusBarItem.warningBackground') : undefined;
  }
}
