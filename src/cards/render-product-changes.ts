import type { AdaptiveCard } from './adaptive-card';
import { checkSectionData, productChangesSectionData } from './check-rows';
import { DISPLAY_LIMITS, factRows, truncate } from './display-text';
import { expandCard } from './load-template';
import type { ProductChangesView } from './views';

/**
 * Shown to the requester after `connect`: readiness, the four product changes,
 * and `request.submit` only when `canSubmit` (otherwise the blocking checks).
 */
export function renderProductChangesCard(view: ProductChangesView): AdaptiveCard {
  const { report } = view;
  const blockingChecks = view.canSubmit ? [] : view.blockingChecks.map((title) => ({ title: truncate(title, DISPLAY_LIMITS.title) }));
  return expandCard('product-changes', {
    requestId: view.requestId,
    version: view.version,
    facts: factRows([
      ['Workspace', report.workspaceName, DISPLAY_LIMITS.workspaceName],
      ['Resource id', report.workspaceId, DISPLAY_LIMITS.resourceId],
      ['Requested by', report.checkedFor, DISPLAY_LIMITS.name],
    ]),
    ...checkSectionData(report),
    ...productChangesSectionData(report.workspaceName, view.changes),
    canSubmit: view.canSubmit,
    blockedText: blockingChecks.length > 0 ? 'Fix these checks, then run connect again:' : 'Fix the checks that did not pass, then run connect again.',
    blockingChecks,
  });
}
