import type { AdaptiveCard } from './adaptive-card';
import { checkSectionData, productChangesSectionData } from './check-rows';
import { DISPLAY_LIMITS, factRows, present, truncate } from './display-text';
import { firstCardThatFits } from './card-size';
import { IMPACT_FOLD_BUDGETS, impactSectionData } from './impact-rows';
import { expandCard } from './load-template';
import type { ImpactView, ProductChangesView } from './views';

/** Point 3 of the product changes lists the incident creation rules already: the impact section leaves them out. */
const withoutIncidentCreationRules = (impact: ImpactView | undefined): ImpactView | undefined =>
  impact && { items: impact.items.filter((i) => i.kind !== 'incident-creation-rules') };

/**
 * Shown to the requester after `connect`: readiness, the four product changes, what connecting
 * changes for the workspace's rules, automation and keys, and `request.submit` only when
 * `canSubmit` (otherwise the blocking checks).
 */
export function renderProductChangesCard(view: ProductChangesView): AdaptiveCard {
  const { report } = view;
  const blockingChecks = view.canSubmit ? [] : view.blockingChecks.map((title) => ({ title: truncate(title, DISPLAY_LIMITS.title) }));
  const impact = withoutIncidentCreationRules(report.impact);
  return firstCardThatFits(IMPACT_FOLD_BUDGETS, (foldBudget) =>
    expandCard('product-changes', {
      requestId: view.requestId,
      version: view.version,
      facts: factRows([
        ['Workspace', report.workspaceName, DISPLAY_LIMITS.workspaceName],
        ['Resource id', report.workspaceId, DISPLAY_LIMITS.resourceId, 'id'],
        ['Requested by', report.checkedFor, DISPLAY_LIMITS.name],
      ]),
      ...checkSectionData(report),
      ...productChangesSectionData(report.workspaceName, view.changes),
      ...impactSectionData(impact, foldBudget),
      canSubmit: view.canSubmit,
      blockedText: blockingChecks.length > 0 ? 'Fix these checks, then run connect again:' : 'Fix the checks that did not pass, then run connect again.',
      blockingChecks,
      hasSubmitNote: present(view.submitNote),
      submitNote: truncate(view.submitNote, DISPLAY_LIMITS.guidance),
    }),
  );
}
