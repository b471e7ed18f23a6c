import type { ArmPort, GraphPort } from '../azure/ports';
import type { ConnectedWorkspaceCache } from '../checks/connected-workspace-cache';
import type { Cloud } from '../clouds';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { Store } from '../store/store';
import type { WorkspaceModel } from '../workflow';
import type { Tenancy } from './admit-turn';
import type { StoredRequest } from './stored-request';

/** What the application services share; built once by the composition root. */
export interface AppContext {
  store: Store<StoredRequest>;
  arm: ArmPort;
  graph: GraphPort;
  /** The connected-workspace scan, kept briefly; every commit of a state change drops it. */
  connectedWorkspaces: ConnectedWorkspaceCache;
  logger: Logger;
  config: Pick<Config, 'mode' | 'verify' | 'requestExpiryHours' | 'azureClientId'> & {
    tenancy: Tenancy;
    /** The cloud: its portal links in cards and guidance, the doctor's commands. */
    cloud: Cloud;
    /** The Entra tenant whose ARM and Graph the bot reads (the fixture's in sandbox mode); null when unknown. */
    azureTenantId: string | null;
  };
  /** The workspace model (WORKSPACE_MODEL): which requests may start, the role a connect gets, which checks block. */
  model: WorkspaceModel;
  /** The ports without the inventory cache, for what must be read now (the doctor). Default: `arm` and `graph`. */
  direct?: { arm: ArmPort; graph: GraphPort };
  /** The clock; tests pass their own. */
  now: () => Date;
  newId: () => string;
  /** Asks the notification dispatcher to deliver what was just queued. */
  kickOutbox: () => void;
}
