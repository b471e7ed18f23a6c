import type { AdaptiveCard } from './adaptive-card';
import { checkSectionData } from './check-rows';
import { DISPLAY_LIMITS, factRows } from './display-text';
import { firstCardThatFits } from './card-size';
import { IMPACT_FOLD_BUDGETS, impactSectionData } from './impact-rows';
import { expandCard } from './load-template';
import type { ReadinessReportView } from './views';

/** The readiness report of `check <workspace>`: one row per check and the impact analysis, no buttons. */
export function renderReadinessReportCard(view: ReadinessReportView): AdaptiveCard {
  return firstCardThatFits(IMPACT_FOLD_BUDGETS, (foldBudget) =>
    expandCard('readiness-report', {
      facts: factRows([
        ['Workspace', view.workspaceName, DISPLAY_LIMITS.workspaceName],
        ['Resource id', view.workspaceId, DISPLAY_LIMITS.resourceId, 'id'],
        ['Checked for', view.checkedFor, DISPLAY_LIMITS.name],
      ]),
      ...checkSectionData(view),
      ...impactSectionData(view.impact, foldBudget),
    }),
  );
}
