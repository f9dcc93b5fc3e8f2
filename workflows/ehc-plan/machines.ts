/** The plan's machine versions, on the registry every process shares. */
import { MachineRegistry } from '../process/machine-registry.js';
import { ehcPlanV1 } from './machine.v1.js';
import type { PlanFacts } from './types.js';

export const PLAN_MACHINE_ID = 'ehc-plan';

export const planMachines = new MachineRegistry<PlanFacts>(PLAN_MACHINE_ID, ehcPlanV1);
