import type { AdaptiveCard } from './adaptive-card';
import { checkSectionData } from './check-rows';
import { DISPLAY_LIMITS, factRows } from './display-text';
import { expandCard } from './load-template';
import type { ReadinessReportView } from './views';

/** The readiness report of `check <workspace>`: one row per check, no buttons. */
export function renderReadinessReportCard(view: ReadinessReportView): AdaptiveCard {
  return expandCard('readiness-report', {
    facts: factRows([
      ['Workspace', view.workspaceName, DISPLAY_LIMITS.workspaceName],
      ['Resource id', view.workspaceId, DISPLAY_LIMITS.resourceId],
      ['Checked for', view.checkedFor, DISPLAY_LIMITS.name],
    ]),
    ...checkSectionData(view),
  });
}
