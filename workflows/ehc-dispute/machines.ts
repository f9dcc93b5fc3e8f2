/** The dispute's machine versions, on the registry every process shares. */
import { MachineRegistry } from '../process/machine-registry.js';
import { ehcDisputeV1 } from './machine.v1.js';
import type { DisputeFacts } from './types.js';

export const DISPUTE_MACHINE_ID = 'ehc-dispute';

export const disputeMachines = new MachineRegistry<DisputeFacts>(DISPUTE_MACHINE_ID, ehcDisputeV1);
