/** The pure workflow core: request states, the transition table, policies and audit. */
export * from './person';
export * from './refusal';
export * from './workspace-ref';
export * from './connection-request';
export * from './describe-request';
export * from './workflow-event';
export * from './transition-table';
export * from './transition';
export * from './notification';
export * from './audit-event';
export * from './validate-text';
export * from './role-ids';
export * from './scope-contains';
export * from './evaluate-approver-roles';
export * from './can-start-request';
export * from './create-draft';
export * from './parse-workspace-argument';
