/**
 * The SEN2 person-level return as the engine builds it: one object per element of
 * ../shared/sen2.md §1.1, its properties named as the elements and written in the order they are
 * declared here (src/returns/sen2-xml.ts). A property left undefined is an element left out.
 * The `about` fields are the engine's own (which case or plan an element comes from), never
 * written: the validation names them so the SEN team can find the record to fix.
 */
import type { IsoDate } from '../../calendar/dates.js';
import type {
  AssessmentOutcome,
  CeaseReason,
  DesignatedOfficerCode,
  DirectPayment,
  Ethnicity,
  Rank,
  RequestOutcome,
  RequestSource,
  ResidentialCode,
  ReviewOutcome,
  SenSetting,
  SenType,
  Sex,
  UpnUnknownReason,
  WorkBasedLearning,
} from '../codes.js';

export interface Sen2Header {
  Year: number;
  ReferenceDate: IsoDate;
  /** The authority's 3-digit LA number; null until configured (a validation error). */
  LEA: string | null;
  SoftwareCode: string;
  Release: string;
  SerialNo: string;
  DateTime: string;
  DMO: DesignatedOfficerCode | null;
  DCO: DesignatedOfficerCode | null;
  DSCO: DesignatedOfficerCode | null;
}

/** Where an element came from: the case or plan the SEN team would open to change it. */
export interface RecordRef {
  kind: 'case' | 'plan';
  id: string;
  reference: string;
}

/** PlanDetail, and the setting part of PlacementDetail. */
export interface Sen2Setting {
  URN?: string;
  UKPRN?: string;
  SENsetting?: SenSetting;
  SENsettingOther?: string;
  PlacementRank: Rank;
  SENunitIndicator: boolean;
  ResourcedProvisionIndicator: boolean;
}

export interface Sen2Placement extends Sen2Setting {
  EntryDate: IsoDate;
  LeavingDate?: IsoDate;
  Res?: ResidentialCode;
  WBP?: WorkBasedLearning;
}

export interface Sen2NamedPlan {
  about: RecordRef;
  StartDate: IsoDate;
  PlanDetail: Sen2Setting[];
  PlanRes?: ResidentialCode;
  PlanWBP?: WorkBasedLearning;
  PB?: boolean;
  OA?: boolean;
  DP?: DirectPayment;
  CeaseDate?: IsoDate;
  CeaseReason?: CeaseReason;
}

export interface Sen2Assessment {
  AssessmentOutcome: AssessmentOutcome;
  AssessmentOutcomeDate?: IsoDate;
  AssessmentMediation?: boolean;
  AssessmentTribunal?: boolean;
  OtherMediation?: boolean;
  OtherTribunal?: boolean;
  Week20?: boolean;
  NamedPlan?: Sen2NamedPlan;
}

export interface Sen2Need {
  SENtype: SenType;
  SENtypeRank: Rank;
}

export interface Sen2ActivePlans {
  about: RecordRef;
  TransferLA?: string;
  PlacementDetail: Sen2Placement[];
  SENneed: Sen2Need[];
  ReviewMeeting?: IsoDate;
  ReviewOutcome?: ReviewOutcome;
  ReviewDraft?: IsoDate;
  PhaseTransferDueDate?: IsoDate;
  PhaseTransferFinalDate?: IsoDate;
  LastReview?: IsoDate;
}

/** One `Requests` element: a request for assessment, or a historical plan's stand-in for one. */
export interface Sen2Request {
  about: RecordRef;
  ReceivedDate?: IsoDate;
  RequestSource?: RequestSource;
  RequestOutcomeDate?: IsoDate;
  RequestOutcome: RequestOutcome;
  RequestMediation?: boolean;
  RequestTribunal?: boolean;
  Assessment?: Sen2Assessment;
  ActivePlans?: Sen2ActivePlans;
  /** Engine-side facts the checks need and the return does not carry. */
  notes: RequestNotes;
}

export interface RequestNotes {
  /** Exceptions claimed against the 20-week limit by the reference date and not approved by it. */
  exceptionsAwaitingApproval: IsoDate[];
  /** The text the plan's transfer-in gave for the authority it came from, when it is not an LA number. */
  transferredFrom?: string;
}

export interface Sen2Person {
  childId: string;
  Surname: string;
  Forename: string;
  PersonBirthDate: IsoDate;
  Sex: Sex | null;
  Ethnicity: Ethnicity | null;
  PostCode: string | null;
  UPN?: string;
  UniqueLearnerNumber?: string;
  UPNunknown?: UpnUnknownReason;
  Requests: Sen2Request[];
}

export interface Sen2Return {
  header: Sen2Header;
  persons: Sen2Person[];
}
